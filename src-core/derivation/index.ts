/** src-core/derivation: the math of one training step, with the engine's own numbers. */
export { fmt, full, parseNumber, percent, short, tex } from './format';
export * from './names';
export { chainRule, deltaLines, lossTex, singlePath, type ChainRule, type DeltaLine, type DerivationContext, type Factor, type SampleTerm } from './chain';
export { batchLossTex, chainSumTex, chainSymbolsTex, chainTermTex, chainTex, deltaTex, forwardTex, lossLines, sampleLossTex, shownRows } from './latex';
export { explainZero, whyTermZero } from './zero';
export { updateOf, type UpdateLine } from './update';
export { tableRow, updateTable, type TableRow } from './table';
export { finiteDifference, type FdCheck } from './fdcheck';
export { deadUnits, duplicateUnits, similarUnits, SIMILAR_R, type UnitDiagnostic } from './diagnostics';
export { exportStep, type ExportOptions } from './export';
