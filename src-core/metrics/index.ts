export { classCount, confusionCounts, confusionOf, metricsFromCounts, rowNormalised, type ClassMetrics } from './classification';
export { activationCorrelations, MAX_CORRELATED_UNITS, type LayerCorrelation } from './similarity';
export { evaluate, type Evaluation } from './evaluate';
