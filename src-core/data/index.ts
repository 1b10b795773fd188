export { buildData } from './build.ts';
export type {
  DataConfig, InlineData, InlineSet, FunctionData, ExpressionData, ExpressionInput, TruthTableData, TruthFunction, CsvData, MnistData,
  Classification2dData, Classification2dPattern,
} from './config.ts';
export { DATA_KINDS } from './config.ts';
export { parseExpression, ExpressionError, type CompiledExpr } from './expression.ts';
export { setDigitSource, hasDigitSource, digitCounts, checkMnistConfig, MNIST_SHIPPED_COUNTS, MNIST_PIXELS, MNIST_SIDE, type DigitSource } from './mnist.ts';
export { CLASSIFICATION_PATTERNS } from './classification.ts';
export { previewCsv, guessHeader, csvShape, type CsvPreview } from './csv.ts';
export { dataShape, type DataShape } from './shape.ts';
