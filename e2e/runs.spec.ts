/**
 * Issue 10 through the UI: the runs panel's Run all on report 004's seven
 * learning rates and report 000's starting points, checked against the
 * command line (`nnlab run --run ID`, `nnlab step --set ...`); the notes of
 * report 000 with their What-to-try steps and the notebook's names (w1) in
 * the math view; a duplicated run with its own learning rate saved and
 * reopened with its history. Screenshots at 1280×720 and 1920×1080:
 * e2e/artifacts/runs-*.png, notes-*.png, compare-*.png.
 */
import { test, expect, type Page } from './app-test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { artifact, fixture, openExample, openFile } from './helpers';
import { fmt } from '../src-core/derivation/format';

const examplePath = (f: string) => fileURLToPath(new URL(`../assets/examples/${f}`, import.meta.url));
const nnlab = (...args: string[]) => JSON.parse(execFileSync('node', [fileURLToPath(new URL('../bin/nnlab.mjs', import.meta.url)), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 }));

async function runAll(page: Page, n: number, timeout: number) {
  const runs = page.getByTestId('runs-panel');
  await runs.getByRole('button', { name: `▶ Run all (${n})` }).click();
  await expect(runs.getByTestId('run-all-outcome')).toHaveText(`${n} of ${n} runs finished`, { timeout });
}

async function shots(page: Page, name: string, testId: string) {
  for (const [w, h] of [[1280, 720], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId(testId).scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact(`${name}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test("report 004: Run all, and Compare shows each run's final mean absolute error as nnlab run --run ID does", async ({ page }) => {
  test.setTimeout(420_000);
  const file = '004-xor-seven-learning-rates.nnlab';
  const ids = (JSON.parse(readFileSync(examplePath(file), 'utf8')).runs as { id: string }[]).map((r) => r.id);
  await openExample(page, file);
  // the experiment itself (alpha 10) and its seven runs
  await runAll(page, ids.length + 1, 400_000);
  const panel = page.getByTestId('runs-panel');
  for (const id of ids) await expect(panel.locator(`tr[data-run="${id}"] [data-testid="run-epochs"]`)).toHaveText('60000 / 60000');
  await shots(page, 'runs-004', 'runs-panel');

  const table = page.getByTestId('compare-table');
  for (const id of [...ids, 'current']) {
    const cli = nnlab('run', examplePath(file), ...(id === 'current' ? [] : ['--run', id]), '--every', '60000', '--json');
    const mae = cli.history.train_mae.at(-1) as number;
    const cell = table.locator(`tr[data-run="${id}"] td[data-metric="train_mae"]`);
    // every digit shown, and the value behind it exactly
    await expect(cell).toHaveText(fmt(mae));
    expect(Number(await cell.getAttribute('data-value'))).toBe(mae);
  }
  // the status in the runs list's word ("finished"; the table said the file's "completed")
  await expect(table.locator('tr[data-run="current"]')).toContainText('finished');
  await expect(table).not.toContainText('completed');
  // alpha 0.1 after 60 000 steps, the report's printout goes 0.0428880170001158 at 10 000
  await shots(page, 'compare-004', 'compare-table');
});

test("report 000's starting points: Run all, the one-step tables side by side equal nnlab step with each run's overrides", async ({ page }) => {
  test.setTimeout(240_000);
  const file = '000-lecture-relu-net-starting-points.nnlab';
  const session = JSON.parse(readFileSync(examplePath(file), 'utf8'));
  const runs = session.runs as { id: string; overrides: Record<string, unknown> }[];
  await openExample(page, file);
  await runAll(page, runs.length + 1, 200_000);
  const tables = page.getByTestId('one-step-tables');
  await expect(tables).toBeVisible();
  const refs: string[] = [];
  session.experiment.network.layers.forEach((layer: { units: number }, l: number) => {
    const nIn = l === 0 ? session.experiment.network.inputs : session.experiment.network.layers[l - 1].units;
    for (let j = 0; j < layer.units; j++) for (let i = 0; i < nIn; i++) refs.push(`W[${l}][${j}][${i}]`);
    for (let j = 0; j < layer.units; j++) refs.push(`b[${l}][${j}]`);
  });
  const at = (p: { weights: number[][][]; biases: number[][] }, ref: string) => {
    const k = ref.match(/\d+/g)!.map(Number);
    return ref.startsWith('W') ? p.weights[k[0]][k[1]][k[2]] : p.biases[k[0]][k[1]];
  };
  // every cell at once: [row, run, column] → the number behind it and the text shown
  const cells = await tables.evaluate((t) => Object.fromEntries([...t.querySelectorAll('td[data-run]')].map((td) => {
    const row = (td.closest('tr') as HTMLElement).dataset.param ?? 'loss';
    const el = td as HTMLElement;
    return [`${row} ${el.dataset.run} ${el.dataset.col}`, { value: el.dataset.value, text: el.textContent?.trim() }];
  })));
  for (const run of [{ id: 'current', overrides: {} }, ...runs]) {
    const sets = Object.entries(run.overrides).flatMap(([p, v]) => ['--set', `${p}=${JSON.stringify(v)}`]);
    const cli = nnlab('step', examplePath(file), ...sets, '--json');
    expect(cells[`loss ${run.id} loss`]).toEqual({ value: String(cli.loss), text: fmt(cli.loss) });
    for (const ref of refs) {
      for (const [col, p] of [['old', cli.before], ['gradient', cli.gradients], ['new', cli.after]] as const) {
        const v = at(p, ref);
        expect(cells[`${ref} ${run.id} ${col}`], `${run.id} ${ref} ${col}`).toEqual({ value: String(v), text: fmt(v) });
      }
    }
  }
  // small + small: prediction 0.48, loss (0.48 − 2)² = 2.3104 (the notes' table)
  expect(Number(cells['loss current loss'].value)).toBeCloseTo(2.3104, 12);
  // the rows carry the notebook's names beside the layout form
  await expect(tables.locator('tr[data-param="W[0][0][1]"] th')).toHaveText('w3 = W[0][0][1]');
  await shots(page, 'compare-000-one-step', 'one-step-tables');
});

test("report 000: the notes show What to try at once, and the math view writes w1 where the notebook does", async ({ page }) => {
  await openExample(page, '000-lecture-relu-net-learning-rates.nnlab');
  const notes = page.getByTestId('notes');
  // no click: the steps are there
  await expect(notes.getByTestId('what-to-try')).toBeVisible();
  await expect(notes.getByTestId('what-to-try')).toContainText('What to try');
  await expect(notes.getByTestId('what-to-try').locator('li').first()).toContainText('Press Step and walk through the forward pass');
  await expect(notes.getByTestId('what-to-try').locator('em').first()).toHaveText('Step');
  await shots(page, 'notes-000', 'notes');

  // one full update: the math view names W[0][0][0] as the notebook does
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  const math = page.getByTestId('math-view');
  await expect(math.getByTestId('math-param')).toHaveText('w1');
  await expect(math.getByTestId('math-selected')).toContainText('W[0][0][0]');
  // the forward equation: node_1 = input1 * w1 + input2 * w3 + bias1
  // (KaTeX's text: "z1(1)=w1x1+w3x2+bias1" with zero-width spaces after subscripts)
  const forward = (await math.locator('.katex-html').first().textContent())!.replace(/[\u200b\s]/g, '');
  expect(forward).toBe('z1(1)=w1x1+w3x2+bias1');
  // w1' = 1 − 0.01 · 1 = 0.99 in the update table, with the layout name beside it
  const row = math.locator('[data-testid="update-table"] tr[data-param="W[0][0][0]"]');
  await expect(row.locator('code')).toHaveText('w1 = W[0][0][0]');
  await expect(row.locator('td.new')).toHaveText('0.99');
  // the graph and the weights table too
  await expect(page.locator('text.oname[data-own="W[0][0][1]"]')).toHaveText('w3');
  await expect(page.locator('span.own[data-own="b[1][0]"]')).toHaveText('bias3');
  await shots(page, 'math-000-names', 'math-view');
});

/**
 * The lecture at 200 000 epochs, duplicated, the copy run to the end: switching away from
 * (or back to) a run with a 200 000-entry history takes the trainer a moment.
 */
async function finishedVariant(page: Page) {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  const epochs = page.getByRole('complementary', { name: 'Experiment' }).getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('200000');
  await epochs.press('Enter');
  const panel = page.getByTestId('runs-panel');
  const own = panel.locator('tr[data-run="current"]');
  await expect(own.getByTestId('run-epochs')).toHaveText('0 / 200000');
  await own.getByRole('button', { name: 'Duplicate' }).click();
  const settings = page.getByTestId('run-settings');
  await settings.getByRole('button', { name: 'Start this run' }).click();
  const variant = panel.locator('tr[data-run="variant-v2"]');
  await expect(variant.getByTestId('run-epochs')).toHaveText('200000 / 200000', { timeout: 60_000 });
  return { panel, settings, variant, own };
}

test('Run pressed at once after switching from a finished run: the run goes to its own epochs, not the other run\'s plus them', async ({ page }) => {
  const { settings, own } = await finishedVariant(page);
  // no waiting for the switch: the page still shows the variant's finished snapshot when Run is pressed
  await own.getByRole('radio').check();
  await settings.getByRole('button', { name: 'Start this run' }).click();
  await expect(own.getByTestId('run-epochs')).toHaveText('200000 / 200000', { timeout: 60_000 });
  await expect(own.getByTestId('run-status')).toHaveText('finished');
  await expect(page.getByTestId('epoch')).toHaveText('200000');
  // Compare knows the run just trained (the trainer's, not yet written into the session's list)
  const compare = page.getByRole('region', { name: 'Compare' });
  await compare.getByRole('button', { name: 'all that ran' }).click();
  await expect(compare.getByText('2 of 2 runs picked')).toBeVisible();
  const table = compare.getByRole('table').first();
  await expect(table.getByRole('row').filter({ hasText: 'the experiment itself' }).filter({ hasNotText: 'copy' })).toContainText('200000');
  await expect(table.getByRole('row').filter({ hasText: '(copy)' })).toContainText('200000');
});

test('duplicate a run, change its learning rate, run both, save, reopen: both runs and their histories are back', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('epoch')).toHaveText('0');
  const panel = page.getByTestId('runs-panel');
  await panel.locator('tr[data-run="current"]').getByRole('button', { name: 'Duplicate' }).click();
  const variant = panel.locator('tr[data-run="variant-v2"]');
  await expect(variant.getByRole('radio')).toBeChecked();
  // the copy is now the run Step and Run train: said (it changed without a word)
  const label = (await variant.locator('.name').textContent())!.trim();
  await expect(panel.getByTestId('run-copied')).toHaveText(`Now on “${label}”: Step and Run train the copy; its settings are below.`);
  // its own learning rate
  const settings = page.getByTestId('run-settings');
  await settings.getByRole('combobox', { name: 'Setting to change for this run' }).fill('optimizer.lr');
  await settings.getByRole('textbox', { name: 'Its value for this run' }).fill('0.05');
  await settings.getByRole('button', { name: 'Change' }).click();
  await expect(settings.getByRole('textbox', { name: 'Value of optimizer.lr for this run' })).toHaveValue('0.05');
  await settings.getByRole('button', { name: 'Start this run' }).click();
  await expect(variant.getByTestId('run-epochs')).toHaveText('1000 / 1000', { timeout: 60_000 });
  await expect(variant.getByTestId('run-status')).toHaveText('finished');
  // the experiment itself, at its own lr 0.005
  const own = panel.locator('tr[data-run="current"]');
  await own.getByRole('radio').check();
  await expect(settings).toContainText('id current');
  await expect(settings.getByRole('button', { name: 'Start this run' })).toBeEnabled();
  await settings.getByRole('button', { name: 'Start this run' }).click();
  await expect(own.getByTestId('run-epochs')).toHaveText('1000 / 1000', { timeout: 60_000 });
  const finals = { current: await own.getByTestId('run-final').getAttribute('data-value'), variant: await variant.getByTestId('run-final').getAttribute('data-value') };
  // the same numbers as the command line
  expect(Number(finals.variant)).toBe(nnlab('run', fixture('lecture-000.nnlab'), '--set', 'optimizer.lr=0.05', '--every', '1000', '--json').history.train_loss.at(-1));
  expect(Number(finals.current)).toBe(nnlab('run', fixture('lecture-000.nnlab'), '--every', '1000', '--json').history.train_loss.at(-1));
  // nothing left to run
  await expect(panel.getByRole('button', { name: /Run all/ })).toBeDisabled();
  await shots(page, 'runs-duplicate', 'runs-panel');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const savedPath = artifact('saved-two-runs.nnlab');
  await (await download).saveAs(savedPath);
  const json = JSON.parse(readFileSync(savedPath, 'utf8'));
  const byId = Object.fromEntries(json.runs.map((r: { id: string }) => [r.id, r]));
  expect(byId['variant-v2']).toMatchObject({ overrides: { 'optimizer.lr': 0.05 }, epochs_run: 1000, status: 'completed' });
  expect(byId.current).toMatchObject({ overrides: {}, epochs_run: 1000 });
  expect(byId['variant-v2'].history.train_loss).toHaveLength(1001);
  expect(byId.current.history.train_loss).toHaveLength(1001);

  await page.goto('/');
  await openFile(page, savedPath);
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  const panel2 = page.getByTestId('runs-panel');
  for (const [id, value] of [['current', finals.current], ['variant-v2', finals.variant]] as const) {
    const row = panel2.locator(`tr[data-run="${id}"]`);
    await expect(row.getByTestId('run-epochs')).toHaveText('1000 / 1000');
    await expect(row.getByTestId('run-final')).toHaveAttribute('data-value', value!);
    await expect(row.locator('.spark path')).toHaveAttribute('d', /^M.*L/);
  }
  // the variant reopens where it ended, its history with it
  await panel2.locator('tr[data-run="variant-v2"]').getByRole('radio').check();
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  await expect(page.getByTestId('train-loss')).toHaveText(fmt(Number(finals.variant)));
  await expect(page.getByTestId('run-settings')).toContainText('optimizer.lr');
});

test("the toolbar's Examples button opens the grouped list at any time; report 003's homework names its weights w1 … w9, b1 … b4", async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await page.getByRole('button', { name: 'Examples…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Examples' });
  await expect(dialog).toBeVisible();
  // grouped by topic; the title says the experiment, the report is the subtitle
  await expect(dialog.getByRole('region', { name: 'Examples: one step by hand' })).toBeVisible();
  const card = dialog.locator('button.example[data-file="003-homework-2-3-1-sigmoid-step.nnlab"]');
  await expect(card.locator('.t')).toHaveText('A 2-3-1 sigmoid net: one backpropagation step by hand, from two starts');
  await expect(card.locator('.sub')).toHaveText('Report 003 · homework, problem 1 (a) and (b)');
  await page.screenshot({ path: artifact('examples-dialog-1400x900.png') });
  await card.click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('h1.title')).toHaveText('A 2-3-1 sigmoid net: one backpropagation step by hand, from two starts');
  await expect(page.getByTestId('what-to-try')).toContainText('Press Step once and open the math view');

  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  // (a): w7 = W[1][0][0] becomes 1.0000559, b4 = b[1][0] 1.0000635 (the notes; every digit as nnlab step prints it)
  const table = page.getByTestId('update-table');
  await expect(table.locator('tr[data-param="W[1][0][0]"] th > code')).toHaveText('w7 = W[1][0][0]');
  await expect(table.locator('tr[data-param="W[1][0][0]"] td.new')).toHaveAttribute('title', '1.0000559051935658');
  await expect(table.locator('tr[data-param="b[1][0]"] th > code')).toHaveText('b4 = b[1][0]');
  await expect(table.locator('tr[data-param="b[1][0]"] td.new')).toHaveAttribute('title', '1.0000634711387713');
  // the weights table finds a parameter by the homework's name
  await expect(page.locator('span.own[data-own="W[1][0][2]"]')).toHaveText('w9');

  // rename and delete the (b) run in the runs panel
  const panel = page.getByTestId('runs-panel');
  const b = panel.locator('tr[data-run="b"]');
  await b.getByRole('button', { name: 'Rename' }).click();
  await b.getByRole('textbox', { name: 'New name of the run' }).fill('start (b)');
  await b.getByRole('textbox', { name: 'New name of the run' }).press('Enter');
  await expect(b.locator('.name')).toHaveText('start (b)');
  // a new name is an undo step (it could not be undone)
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(b.locator('.name')).not.toHaveText('start (b)');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(b.locator('.name')).toHaveText('start (b)');
  await b.getByRole('button', { name: 'Delete start (b)' }).click();
  await b.getByRole('button', { name: 'Really delete start (b)' }).click();
  await expect(panel.locator('tr[data-run="b"]')).toHaveCount(0);
});

test("a variant keeps its own learning rate when the experiment is edited: it starts again from the new experiment with its overrides", async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('epoch')).toHaveText('0');
  const panel = page.getByTestId('runs-panel');
  await panel.locator('tr[data-run="current"]').getByRole('button', { name: 'Duplicate' }).click();
  const settings = page.getByTestId('run-settings');
  await expect(settings).toContainText('id variant-v2');
  await settings.getByRole('textbox', { name: 'Its value for this run' }).fill('0.25');
  await settings.getByRole('button', { name: 'Change' }).click();
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  // w1' = 1 − 0.25 · 1 = 0.75 (report 000: lr 0.25)
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.75');

  // the experiment's epochs change: the variant restarts, still at lr 0.25
  await page.getByRole('complementary', { name: 'Experiment' }).getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('20');
  await page.getByRole('complementary', { name: 'Experiment' }).getByRole('spinbutton', { name: 'Epochs', exact: true }).press('Enter');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(panel.locator('tr[data-run="variant-v2"] [data-testid="run-epochs"]')).toHaveText('0 / 20');
  await settings.getByRole('button', { name: 'Start this run' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('20', { timeout: 30_000 });
  const cli = nnlab('run', fixture('lecture-000.nnlab'), '--set', 'optimizer.lr=0.25', '--set', 'epochs=20', '--every', '20', '--json');
  await expect(page.getByTestId('train-loss')).toHaveText(fmt(cli.history.train_loss.at(-1)));
});

test('notes: written in the app as Markdown with a formula, rendered, HTML shown as text, saved in the session', async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  const notes = page.getByTestId('notes');
  await notes.getByRole('button', { name: 'Edit' }).click();
  await notes.getByRole('textbox', { name: /^Notes/ }).fill('The update is $w\' = w - \\eta g$.\n\n<img src=x onerror="alert(1)">\n\n**What to try**\n\n- step *once*');
  await notes.getByRole('button', { name: 'Done' }).click();
  await expect(notes.getByTestId('notes-intro').locator('.katex')).toHaveCount(1);
  await expect(notes.getByTestId('what-to-try').locator('li em')).toHaveText('once');
  await notes.getByRole('button', { name: /^more/ }).click();
  await expect(notes.locator('img')).toHaveCount(0);
  await expect(notes.getByTestId('notes-intro')).toContainText('<img src=x onerror="alert(1)">');
  await shots(page, 'notes-edited', 'notes');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const savedPath = artifact('saved-notes.nnlab');
  await (await download).saveAs(savedPath);
  expect(JSON.parse(readFileSync(savedPath, 'utf8')).notes).toContain("$w' = w - \\eta g$");
});

test('Step epoch pressed at once after switching runs steps the run switched to (it stepped the one being replaced)', async ({ page }) => {
  const { variant, own } = await finishedVariant(page);
  // picking the run switches to it; no waiting for the switch
  await own.getByRole('radio').check();
  await page.getByRole('banner', { name: 'Toolbar' }).getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 60_000 });
  await expect(own.getByTestId('run-epochs')).toHaveText('1 / 200000');
  await expect(variant.getByTestId('run-epochs')).toHaveText('200000 / 200000');
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText('paused');
});
