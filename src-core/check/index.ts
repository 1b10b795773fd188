/** src-core/check: marking a student's numbers for one training step (homework, exercises, `nnlab check`). */
export { checkAnswers, displayName, gradientFactors, namerFor, type Answer, type CheckContext, type CheckResult, type CheckSummary, type Checked } from './check';
export { grade, parseTyped, roundedText, slipText, type Grade, type Mark, type Typed } from './number';
export { Namer, normaliseName, quantityKey, valueOf, type Node, type Quantity } from './quantities';
export { parseAnswersFile, parseTable, type ParsedAnswers } from './table';
