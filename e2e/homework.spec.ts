/**
 * Report 003's homework through the UI: open the example, make the update,
 * type the student's (a) table into the homework form (the numbers of
 * src-core/check/fixtures/report003-a.txt, which check.test.ts and
 * `nnlab check` mark the same way), check, see the marks; save, reopen, the
 * marks are back. Then a teacher's exercise: saved hidden, the math view,
 * weights table and readouts show no numbers of the step until every box is
 * checked or the student reveals them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { test, expect, type Page } from './app-test';
import { artifact, cli, openFile, saveText } from './helpers';

const example = new URL('../assets/examples/003-homework-2-3-1-sigmoid-step.nnlab', import.meta.url).pathname;
const tableA = new URL('../src-core/check/fixtures/report003-a.txt', import.meta.url).pathname;

/** The form rows of table (a) the student fills in by hand (name in the form → the report's number). */
const typed: [string, string][] = [
  ['a4', '0.974'], ['loss', '0.00034'], ['dL/da4', '-0.0260'], ['da4/dz4', '0.024'], ['dL/dw7', '-0.0005'], ['dL/dw3', '-6.552e-5'],
  ['w1', '1.0000065'], ['w2', '1'], ['w7', '1.00005'], ['b1', '2.0000065'], ['b4', '1.00006'],
];

/** The homework example opened, its panel open and update 1 made: the panel. */
async function homeworkAtUpdate1(page: Page) {
  await page.goto('/');
  await openFile(page, example);
  const hw = page.getByTestId('homework');
  await hw.locator('summary').click();
  await hw.getByRole('button', { name: 'Make update 1' }).click();
  return hw;
}

async function save(page: Page, name: string, button: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const d = await download;
  const path = artifact(name);
  await d.saveAs(path);
  return path;
}

test('report 003 (a): type the table, see the marks; save, reopen, the marks are back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const hw = await homeworkAtUpdate1(page);
  await expect(hw.getByTestId('homework-step')).toHaveText(/^Update 1 \(epoch 1\)/);
  for (const [name, value] of typed) {
    const input = hw.getByRole('textbox', { name, exact: true });
    await input.fill(value);
    await input.blur();
  }
  // the rest of the table pasted, as a student would from their notes
  const rest = readFileSync(tableA, 'utf8').split('\n').filter((l) => /^(dz4\/dw7|dz4\/da2|da2\/dz2|dz2\/dw3|dE\/db1|w3|b2) /.test(l)).join('\n');
  await hw.getByRole('textbox', { name: 'Paste a table' }).fill(rest);
  await hw.getByRole('button', { name: 'Read the table' }).click();
  await expect(hw.getByRole('textbox', { name: 'w3', exact: true })).toHaveValue('1.0000065');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();
  await expect(hw.getByTestId('homework-summary')).toHaveText('7 right, 10 rounding slips, 1 wrong.');
  const mark = (n: string) => hw.getByTestId(`mark-${n}`);
  const why = (n: string) => hw.getByTestId(`why-${n}`);
  await expect(mark('b1')).toHaveText('✗ wrong');
  await expect(why('b1')).toContainText('it is 1.0000067');
  await expect(why('b1')).toContainText("the update's arithmetic is at fault: 1 − 0.1 · (-6.552e-5) = 1.000006552, not 2.0000065");
  await expect(mark('w7')).toHaveText('≈ rounding slip');
  await expect(why('w7')).toContainText('cut off at 5 decimals instead of rounded (rounded: 1.00006)');
  await expect(why('w1')).toContainText('right to 6 decimals');
  await expect(why('a4')).toHaveCount(0);
  await expect(mark('a4')).toContainText('✓ right');
  await expect(mark('b4')).toContainText('✓ right');
  await expect(mark('dz4/dw7')).toContainText('✓ right');
  await hw.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('homework-003a-1280.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: artifact('homework-003a-1920.png') });

  // the same marks from the command line
  const cli = spawnSync(process.execPath, ['bin/nnlab.mjs', 'check', example, tableA, '--json'], { encoding: 'utf8' });
  const byName = Object.fromEntries(JSON.parse(cli.stdout).answers.map((a: { name: string; mark: string }) => [a.name, a.mark]));
  expect([byName.b1, byName.w7, byName.w1, byName.a4]).toEqual(['wrong', 'slip', 'slip', 'right']);

  const saved = await save(page, 'homework-003a.nnlab', 'Save');
  const json = JSON.parse(readFileSync(saved, 'utf8'));
  expect(json.exercise.answers).toContainEqual({ name: 'b1', value: '2.0000065' });
  expect(json.exercise.results.find((r: { name: string }) => r.name === 'b1')).toMatchObject({ mark: 'wrong', key: 'b[0][0]' });

  await page.goto('/');
  await openFile(page, saved);
  const again = page.getByTestId('homework');
  await expect(again).toHaveAttribute('open', '');
  await expect(again.getByRole('textbox', { name: 'b1', exact: true })).toHaveValue('2.0000065');
  await expect(again.getByTestId('mark-b1')).toContainText('✗ wrong');
  await expect(again.getByTestId('mark-w7')).toContainText('≈ rounding slip');
  await expect(again.getByTestId('mark-dz4/dw7')).toContainText('✓ right');
});

test("a teacher's exercise: the step's numbers stay hidden until the student checks every box or reveals them", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await openFile(page, example);
  const hw = page.getByTestId('homework');
  await hw.locator('summary').click();
  await hw.getByRole('button', { name: 'Save as exercise…', exact: true }).click();
  await expect(hw.getByTestId('exercise-leaks')).toContainText('1.0000559 is w7, in the notes, line 9');
  const exercise = await save(page, 'homework-exercise.nnlab', 'Save anyway…');
  expect(JSON.parse(readFileSync(exercise, 'utf8')).exercise).toMatchObject({ update: 0, hidden: true, revealed: false, answers: [] });

  await page.goto('/');
  await openFile(page, exercise);
  await expect(page.getByTestId('exercise-banner')).toContainText('stay hidden');
  await expect(page.getByTestId('readout-hidden')).toBeVisible();
  // the runs list showed the loss, an answer (0.00032567; a student pass): hidden there too
  const loss = cli(readFileSync(exercise, 'utf8'), ['step', '--json']).loss as number;
  const runsPanel = page.getByTestId('runs-panel');
  await expect(runsPanel.getByTestId('run-final').first()).toHaveText('hidden');
  await expect(runsPanel).not.toContainText(loss.toPrecision(5));
  await page.getByTestId('homework').getByRole('button', { name: 'Make update 1' }).click();
  await expect(page.getByTestId('homework-step')).toHaveText(/^Update 1/);
  // the update ran, but no view shows its numbers: the math view is hidden, the table keeps the starting weights
  await expect(page.getByTestId('math-hidden')).toBeVisible();
  await expect(page.getByTestId('plots-hidden')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'W[1][0][0]', exact: true })).toHaveValue('1');
  // the example's notes give the answers (1.0000559): they stay folded too, until asked for
  await expect(page.getByTestId('notes-hidden')).toBeVisible();
  await expect(page.getByText('1.0000559')).toHaveCount(0);
  await page.screenshot({ path: artifact('homework-exercise-hidden.png') });

  await page.getByTestId('homework').getByRole('textbox', { name: 'w7', exact: true }).fill('1.00006');
  await page.getByTestId('homework').getByRole('textbox', { name: 'b4', exact: true }).fill('2');
  await page.getByTestId('homework').getByRole('button', { name: 'Check my numbers' }).click();
  await expect(page.getByTestId('mark-w7')).toContainText('✓ right');
  // a wrong box's reason names the right value and the factors: kept back while the exercise hides them
  await expect(page.getByTestId('mark-b4')).toContainText('✗ wrong');
  await expect(page.getByTestId('why-b4')).toHaveText('Why, with the right value, is shown once every box is checked or you reveal the numbers.');
  await expect(page.getByTestId('homework')).not.toContainText('1.0000635');
  // one box checked gives away none of the others (it had shown every number of the update)
  await expect(page.getByTestId('exercise-banner')).toContainText(/2 of \d+ boxes checked\. The app's numbers for update 1 stay hidden/);
  await expect(page.getByTestId('math-hidden')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'W[1][0][0]', exact: true })).toHaveValue('1');
  await expect(runsPanel.getByTestId('run-final').first()).toHaveText('hidden');
  const reopened = await save(page, 'homework-exercise-checked.nnlab', 'Save');
  expect(JSON.parse(readFileSync(reopened, 'utf8')).exercise).toMatchObject({ hidden: true, revealed: false, results: [{ name: 'w7', mark: 'right' }, { name: 'b4', mark: 'wrong' }] });
  await page.getByTestId('homework').getByRole('button', { name: 'Reveal the numbers' }).click();
  await expect(page.getByTestId('why-b4')).toContainText('it is 1.0000635');
  await expect(page.getByTestId('exercise-banner')).toContainText('revealed — the numbers are shown again');
  await expect(page.getByTestId('math-hidden')).toHaveCount(0);
  await expect(page.getByTestId('math-view')).toContainText('Chain rule');
  await expect(runsPanel.getByTestId('run-final').first()).not.toHaveText('hidden');
  await expect(page.getByRole('textbox', { name: 'W[1][0][0]', exact: true })).toHaveValue('1.0000559');
  await expect(page.getByTestId('notes-hidden')).toHaveCount(0);
  await expect(page.getByTestId('what-to-try')).toBeVisible();
});

test('the notebook button downloads a notebook whose code reproduces the run', async ({ page }) => {
  await page.goto('/');
  await openFile(page, example);
  const hw = page.getByTestId('homework');
  await hw.locator('summary').click();
  const path = await save(page, 'homework-003.ipynb', 'Download notebook (.ipynb)');
  expect(path.endsWith('.ipynb')).toBe(true);
  const nb = JSON.parse(readFileSync(path, 'utf8'));
  expect(nb.nbformat).toBe(4);
  const script = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code').map((c: { source: string[] }) => c.source.join('')).join('\n\n');
  const py = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  expect(py.stderr).toBe('');
  const lines = py.stdout.trim().split('\n');
  const out = JSON.parse(lines[lines.length - 1]);
  // report 003 (a): b1 becomes 1.0000066640624292, as nnlab run prints
  const cli = JSON.parse(spawnSync(process.execPath, ['bin/nnlab.mjs', 'run', example, '--json'], { encoding: 'utf8' }).stdout);
  expect(out.params.biases[0][0]).toBe(1.0000066640624292);
  expect(out.history.train_loss).toEqual(cli.history.train_loss);
  await expect(hw.getByRole('status').last()).toContainText('Downloaded 003-homework-2-3-1-sigmoid-step.ipynb');
});

test('a pasted table keeps the lines it could not read, says a decimal comma is one, and counts what it read; w9 = 1.3 for 1.0000559 is wrong', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  const hw = await homeworkAtUpdate1(page);
  const paste = hw.getByRole('textbox', { name: 'Paste a table' });
  await paste.fill('w1 = 1.0000065\ndE/dw9: -0.00056\nw7 1,0000559\nw99 = 3\nw9 = 1.3\nw8 = 1.1');
  await hw.getByRole('button', { name: 'Read the table' }).click();
  await expect(hw.getByTestId('homework-summary')).toHaveText('Read 4 of 6 lines; the others stay in the box to be fixed.');
  await expect(paste).toHaveValue('w7 1,0000559\nw99 = 3');
  const problems = hw.getByRole('alert');
  await expect(problems).toContainText('line 3: "w7 1,0000559": write the decimal point as "." (1.0000559)');
  await expect(problems).toContainText('line 4: "w99": not a name this check knows: the names are those of the boxes above');
  await expect(problems).not.toContainText('docs/cli.md');
  await expect(hw.getByRole('textbox', { name: 'w1', exact: true })).toHaveValue('1.0000065');
  await paste.fill('w7 1.0000559');
  await hw.getByRole('button', { name: 'Read the table' }).click();
  await expect(paste).toHaveValue('');
  await expect(hw.getByTestId('homework-summary')).toHaveText('Read 1 line.');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();
  // the next digit 3 off is wrong, one off a slip (every w9 from 0.6 to 1.5 was a slip)
  await expect(hw.getByTestId('mark-w9')).toHaveText('✗ wrong');
  await expect(hw.getByTestId('mark-w8')).toHaveText('≈ rounding slip');
  await expect(hw.getByTestId('mark-w7')).toContainText('✓ right');
  await hw.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('homework-paste-800.png') });
});

// "1" for report 003's w9 = 1.0000559 is right to its digits, and what a student who forgot the update
// writes: marked right without a word (a student pass). Now it says 1 is its value before the update too,
// as nnlab check does.
test('w9 = 1 is right, and says that 1 is also its value before the update, as nnlab check says', async ({ page }) => {
  const hw = await homeworkAtUpdate1(page);
  await hw.getByRole('textbox', { name: 'w9', exact: true }).fill('1');
  await hw.getByRole('textbox', { name: 'w7', exact: true }).fill('1.0000559');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();
  await expect(hw.getByTestId('mark-w9')).toContainText('✓ right');
  const why = 'the update changes it by 5.5905194e-5, which shows only with more digits (1.0000559)';
  await expect(hw.getByTestId('why-w9')).toHaveText(`1 is also its value before the update (1): ${why}`);
  await expect(hw.getByTestId('why-w7')).toHaveCount(0);
  const answers = artifact('homework-w9-1.txt');
  writeFileSync(answers, 'w9 = 1\n');
  const cliOut = spawnSync(process.execPath, ['bin/nnlab.mjs', 'check', example, answers], { encoding: 'utf8' });
  expect(cliOut.stdout).toContain(why);
});

// Save as exercise wrote the example's notes with the answers in plain text (b1 becomes **1.0000067**):
// anyone could read them in the file (a student pass). It says which numbers and where first; with them
// taken out of the notes it saves at once, and the file's notes hold none of the hidden numbers.
test('Save as exercise says which hidden numbers the notes give away; Cancel saves nothing; without them it saves', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await openFile(page, example);
  const hw = page.getByTestId('homework');
  await hw.locator('summary').click();
  let downloads = 0;
  page.on('download', () => void downloads++);
  await hw.getByRole('button', { name: 'Save as exercise…', exact: true }).click();
  const leaks = hw.getByTestId('exercise-leaks');
  await expect(leaks).toContainText('The notes give away');
  for (const text of ['0.97448 is a4, in the notes, line 7', '0.000326 is loss, in the notes, line 7', '1.0000067 is w1, in the notes, line 9', '1.0000635 is b4, in the notes, line 9']) await expect(leaks).toContainText(text);
  await page.screenshot({ path: artifact('homework-exercise-leaks.png') });
  await leaks.getByRole('button', { name: 'Cancel' }).click();
  await expect(leaks).toHaveCount(0);
  expect(downloads).toBe(0);
  expect(JSON.parse(await saveText(page)).exercise).toBeUndefined();
  downloads = 0;

  // the teacher keeps the first two paragraphs of the notes only
  const notes = page.getByTestId('notes');
  await notes.getByRole('button', { name: 'Edit', exact: true }).click();
  const box = page.getByLabel('Notes (Markdown, $…$ for formulas)');
  await box.fill((await box.inputValue()).split('\n').slice(0, 4).join('\n'));
  await notes.getByRole('button', { name: 'Done', exact: true }).click();
  const exercise = await save(page, 'homework-exercise-clean.nnlab', 'Save as exercise…');
  await expect(leaks).toHaveCount(0);
  const file = JSON.parse(readFileSync(exercise, 'utf8'));
  expect(file.exercise).toMatchObject({ update: 0, hidden: true });
  for (const answer of ['0.97448', '1.0000067', '1.0000559', '0.50271']) expect(file.notes).not.toContain(answer);
});

test('Check my numbers before the update is made: it makes the update, then checks (it was disabled, with no word why)', async ({ page }) => {
  await page.goto('/');
  await openFile(page, example);
  const hw = page.getByTestId('homework');
  await hw.locator('summary').click();
  await expect(hw.getByTestId('homework-step')).toContainText('make it first');
  await hw.getByRole('textbox', { name: 'w7', exact: true }).fill('1.0000559');
  const check = hw.getByRole('button', { name: 'Check my numbers' });
  await expect(check).toBeEnabled();
  await expect(check).toHaveAttribute('title', 'Makes update 1, then checks your numbers against it');
  await check.click();
  await expect(hw.getByTestId('homework-step')).toHaveText(/^Update 1 \(epoch 1\)/);
  await expect(hw.getByTestId('mark-w7')).toContainText('✓ right');
  await expect(hw.getByTestId('homework-summary')).toHaveText('1 right, 0 rounding slips, 0 wrong.');
  // past the update: disabled, and the reason is given
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  await expect(check).toBeDisabled();
  await expect(check).toHaveAttribute('title', 'Reset the run and step to update 1 first');
});

test('an exercise with every box checked shows the numbers again, as Reveal does; saved as revealed', async ({ page }) => {
  const file = artifact('homework-exercise-every-box.nnlab');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(example, 'utf8')), exercise: { update: 0, hidden: true, revealed: false, answers: [] } }));
  await page.goto('/');
  await openFile(page, file);
  const hw = page.getByTestId('homework');
  await expect(page.getByTestId('exercise-banner')).toContainText('stay hidden until you have checked an answer in every box');
  const boxes = hw.locator('table.form input');
  const n = await boxes.count();
  expect(n).toBeGreaterThan(20);
  for (let k = 0; k < n - 1; k++) await boxes.nth(k).fill('1');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();
  await expect(page.getByTestId('exercise-banner')).toContainText(`${n - 1} of ${n} boxes checked`);
  await expect(page.getByTestId('math-hidden')).toBeVisible();
  await boxes.nth(n - 1).fill('1');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();
  await expect(page.getByTestId('exercise-banner')).toContainText('every box checked — the numbers are shown again');
  await expect(page.getByTestId('math-hidden')).toHaveCount(0);
  expect(JSON.parse(await saveText(page)).exercise).toMatchObject({ hidden: true, revealed: true });
});
