/** Rows of numbers typed or pasted from a spreadsheet (tab, comma, semicolon or space separated). */

/** The numbers of a pasted block (a header row above them left out), or a message naming the first cell that is not one (rows and columns from 1). */
export function parseBlock(text: string): number[][] | string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return 'nothing to paste: expected rows of numbers';
  const sep = lines.some((l) => l.includes('\t')) ? /\t/ : /\s*[,;]\s*|\s+/;
  // a spreadsheet's header row (x1, x2, y: not one number in it) above the numbers is left out; the rows
  // are still counted as pasted, from 1 at the header (it was refused: 'got "x1"')
  const isNumber = (c: string) => c.trim() !== '' && Number.isFinite(Number(c.trim()));
  const header = lines.length > 1 && !lines[0].split(sep).some(isNumber) ? 1 : 0;
  const rows: number[][] = [];
  for (const [r, line] of lines.entries()) {
    if (r < header) continue;
    const cells = line.split(sep).map((c) => c.trim());
    const row: number[] = [];
    for (const [c, cell] of cells.entries()) {
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) return `pasted row ${r + 1}, column ${c + 1}: expected a number, got ${JSON.stringify(cell)}`;
      row.push(v);
    }
    rows.push(row);
  }
  const width = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) return `pasted row ${ragged + 1 + header}: expected ${width} numbers (as the first row of numbers), got ${rows[ragged].length}`;
  return rows;
}

export interface Rows {
  x: number[][];
  y: number[][];
}

/** A whole table from a block: the last `outputs` columns are the targets, the others the inputs. */
export function tableOf(block: number[][], outputs: number): Rows | string {
  const w = block[0].length;
  if (w <= outputs) return `the pasted rows have ${w} number${w === 1 ? '' : 's'}: expected the inputs, then ${outputs} target${outputs === 1 ? '' : 's'}`;
  return { x: block.map((row) => row.slice(0, w - outputs)), y: block.map((row) => row.slice(w - outputs)) };
}

/**
 * `block` pasted at row r, column c of the table, as a spreadsheet does: it
 * overwrites from there (adding rows below as needed). A block wider than the
 * table pasted at its first cell is the new table (the inputs follow it).
 */
export function pasteInto(rows: Rows, block: number[][], r: number, c: number, outputs: number): Rows | string {
  const inputs = rows.x[0]?.length ?? 0;
  const width = inputs + outputs;
  const w = block[0].length;
  if (c + w > width) {
    if (r === 0 && c === 0) return tableOf(block, outputs);
    return `the pasted block has ${w} columns, but from column ${c + 1} the table has room for ${width - c}`;
  }
  const joined = rows.x.map((x, k) => [...x, ...rows.y[k]]);
  block.forEach((line, k) => {
    const target = joined[r + k] ?? (joined[r + k] = Array(width).fill(0));
    line.forEach((v, j) => (target[c + j] = v));
  });
  return { x: joined.map((row) => row.slice(0, inputs)), y: joined.map((row) => row.slice(inputs)) };
}
