/** A CSV file as a first csv config (or what is wrong in it, for a message after the file's name): header guessed, the last column the target, the other number columns the inputs. */
import { guessHeader, previewCsv, type CsvData } from '../../../src-core/data';

/** A column whose cells are mostly not numbers holds class labels. */
export const isLabelColumn = (numericShare: number): boolean => numericShare < 0.5;

export function csvFromText(text: string): CsvData | string {
  const header = guessHeader(text);
  let preview;
  try {
    preview = previewCsv(text, header, 5, 'data.text');
  } catch (e) {
    return (e as Error).message.replace(/^data\.text: /, '');
  }
  const n = preview.columns.length;
  if (preview.count === 0) return 'the file has no data rows';
  if (n < 2) return `expected at least two columns (inputs and a target), got ${n}`;
  const key = (c: number) => (header ? preview.columns[c] : c);
  const target = n - 1;
  const inputs = Array.from({ length: n - 1 }, (_, c) => c).filter((c) => !isLabelColumn(preview.numeric[c]));
  const cfg: CsvData = {
    kind: 'csv',
    text,
    header,
    inputs: (inputs.length ? inputs : [0]).map(key),
    targets: [key(target)],
    test_fraction: preview.count >= 5 ? 0.2 : 0,
  };
  if (isLabelColumn(preview.numeric[target])) cfg.target_encoding = 'one_hot';
  return cfg;
}

