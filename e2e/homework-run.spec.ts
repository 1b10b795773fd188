/**
 * An exercise tied to a saved run, built through the UI: report 003's run (b)
 * made current in the runs panel, saved as an exercise (its "run" is "b");
 * reopened with the experiment's own run current, the student's (b) table
 * (src-core/check/fixtures/report003-b.json) pasted and checked: the marks
 * are those of `nnlab check FILE ANSWERS` (which follows the exercise's run),
 * every one, and they come back when the file is reopened.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { test, expect, type Page } from './app-test';
import { artifact, openFile } from './helpers';

const example = new URL('../assets/examples/003-homework-2-3-1-sigmoid-step.nnlab', import.meta.url).pathname;
const answersB = new URL('../src-core/check/fixtures/report003-b.json', import.meta.url).pathname;

async function save(page: Page, name: string, button: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const path = artifact(name);
  await (await download).saveAs(path);
  return path;
}

const MARK = { right: '✓ right', slip: '≈ rounding slip', wrong: '✗ wrong' } as const;

test("an exercise on run (b): checked against that run's step, as nnlab check --run does", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await openFile(page, example);
  const panel = page.getByTestId('runs-panel');
  await panel.locator('tr[data-run="b"]').getByRole('radio').check();
  await expect(panel.locator('tr[data-run="b"]').getByRole('radio')).toBeChecked();
  // run (b)'s starting weights are in the table: w7 = 1, w8 = −1
  await expect(page.getByRole('textbox', { name: 'W[1][0][1]', exact: true })).toHaveValue('-1');
  const hw = page.getByTestId('homework');
  await hw.locator('summary').click();
  // the notes give (b)'s new weights: said first, with where (src-core/check/leaks.ts)
  await hw.getByRole('button', { name: 'Save as exercise…', exact: true }).click();
  await expect(hw.getByTestId('exercise-leaks')).toContainText('0.50271 is w1, in the notes, line 9');
  const exercise = await save(page, 'homework-run-b-exercise.nnlab', 'Save anyway…');
  expect(JSON.parse(readFileSync(exercise, 'utf8')).exercise).toMatchObject({ run: 'b', update: 0, hidden: true, revealed: false, answers: [] });

  await page.goto('/');
  await openFile(page, exercise);
  // the trainer holds the experiment's own run (a): the check must still be made on (b)
  await panel.locator('tr[data-run="current"]').getByRole('radio').check();
  await expect(page.getByRole('textbox', { name: 'W[1][0][1]', exact: true })).toHaveValue('1');
  await expect(page.getByTestId('exercise-banner')).toContainText('stay hidden');
  await expect(hw.getByTestId('homework-step')).toContainText('Update 1 of the saved run “(b) w1 = w3 = w5 = 0.5');
  await expect(hw.getByTestId('homework-step')).toContainText('nnlab check FILE ANSWERS --run b');
  const answers = JSON.parse(readFileSync(answersB, 'utf8')) as Record<string, string>;
  await hw.getByRole('textbox', { name: 'Paste a table' }).fill(Object.entries(answers).map(([k, v]) => `${k} = ${v}`).join('\n'));
  await hw.getByRole('button', { name: 'Read the table' }).click();
  await expect(hw.getByRole('textbox', { name: 'w7', exact: true })).toHaveValue('1.0077');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();

  const cli = spawnSync(process.execPath, ['bin/nnlab.mjs', 'check', exercise, answersB, '--json'], { encoding: 'utf8' });
  expect(cli.stderr).toBe('');
  const out = JSON.parse(cli.stdout) as { run: string; summary: { right: number; slip: number; wrong: number }; answers: { name: string; mark: keyof typeof MARK }[] };
  expect(out.run).toBe('b');
  const s = out.summary;
  await expect(hw.getByTestId('homework-summary')).toHaveText(`${s.right} right, ${s.slip} rounding slips, ${s.wrong} wrong.`);
  // report 003 (b)'s slips: dE/dw9 = 0.0077 has the wrong sign; the rounded factors are slips
  // the form's rows are named dL/d… (the table's dE/d… lands in them)
  const testId = (name: string) => name.replace(/^dE\//, 'dL/');
  await expect(hw.getByTestId('mark-dL/dw9')).toHaveText('✗ wrong');
  await expect(hw.getByTestId('mark-dL/da4')).toHaveText('≈ rounding slip');
  await expect(hw.getByTestId('mark-w1')).toHaveText('✓ right');
  for (const a of out.answers) await expect(hw.getByTestId(`mark-${testId(a.name)}`), a.name).toHaveText(MARK[a.mark]);
  // not every box answered: the numbers, and the reasons that name them, stay hidden until Reveal
  await expect(page.getByTestId('exercise-banner')).toContainText(/\d+ of \d+ boxes checked/);
  await expect(hw.getByTestId('why-dL/dw9')).toHaveText('Why, with the right value, is shown once every box is checked or you reveal the numbers.');
  await hw.getByRole('button', { name: 'Reveal the numbers' }).click();
  await expect(page.getByTestId('exercise-banner')).toContainText('revealed');
  await expect(hw.getByTestId('why-dL/dw9')).toContainText('0.0077 is −η·dL/dW[1][0][2] (dL/dw9) = 0.0076483677, the step of the update, not the gradient');
  await hw.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('homework-run-b.png') });

  const saved = await save(page, 'homework-run-b-checked.nnlab', 'Save');
  const json = JSON.parse(readFileSync(saved, 'utf8'));
  expect(json.exercise.run).toBe('b');
  expect(json.exercise.results.find((r: { name: string }) => r.name === 'dL/dw9')).toMatchObject({ mark: 'wrong', key: 'dL/dW[1][0][2]' });
  await page.goto('/');
  await openFile(page, saved);
  await expect(hw.getByTestId('mark-dL/dw9')).toHaveText('✗ wrong');
  await expect(hw.getByTestId('mark-w7')).toHaveText('≈ rounding slip');
});

test('an exercise on a run that is not in the file: the check says so, nothing breaks', async ({ page }) => {
  const session = JSON.parse(readFileSync(example, 'utf8'));
  session.exercise = { run: 'c', update: 0, hidden: false, answers: [{ name: 'w1', value: '0.5' }] };
  const file = artifact('homework-run-c.nnlab');
  (await import('node:fs')).writeFileSync(file, JSON.stringify(session));
  await page.goto('/');
  await openFile(page, file);
  const hw = page.getByTestId('homework');
  await expect(hw).toHaveAttribute('open', '');
  await hw.getByRole('button', { name: 'Check my numbers' }).click();
  await expect(hw.getByRole('alert')).toHaveText('run "c": no such run in the file (its runs: "b")');
  await expect(hw.getByTestId('homework-summary')).toHaveCount(0);
  await expect(hw.getByRole('textbox', { name: 'w1', exact: true })).toHaveValue('0.5');
});
