export { buildData } from './build.ts';
export type {
  DataConfig, InlineData, InlineSet, FunctionData, ExpressionData, ExpressionInput, TruthTableData, TruthFunction, CsvData,
} from './config.ts';
export { DATA_KINDS } from './config.ts';
export { parseExpression, ExpressionError, type CompiledExpr } from './expression.ts';
