/**
 * Report 000's lecture net through the UI: open the file with the file
 * chooser, read the loss, step one epoch, run and pause, save (a download),
 * reopen what was saved. Hand numbers: see src-core/protocol/service.engine.test.ts
 * (loss 0.25; after one step W[0][0][0] = 0.995 and loss 0.21399876).
 */
import { test, expect } from './app-test';
import { readFileSync } from 'node:fs';
import { artifact, epoch, fixture, openFile, param, trainLoss, waitStatus } from './helpers';

test('open the lecture net, step an epoch, run, pause, save and reopen', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
  await page.screenshot({ path: artifact('start-screen.png') });

  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  await expect(page.getByRole('button', { name: 'Step phase: forward pass' })).toBeVisible();
  expect(await param(page, 'W[0][0][0]')).toBe(1);
  await page.screenshot({ path: artifact('lecture-opened.png') });

  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.995');
  expect(await param(page, 'W[1][0][0]')).toBe(0.9925);
  expect(await param(page, 'b[0][1]')).toBe(-0.005);
  await expect(page.getByTestId('train-loss')).toHaveText('0.21399876');
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText('paused');
  await page.screenshot({ path: artifact('lecture-epoch1.png') });

  // Run, then pause part-way: the counter stops between 1 and the 1000-epoch target, or the run finished
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click({ timeout: 5000 }).catch(() => undefined);
  await waitStatus(page, /^(paused|finished)$/);
  const stoppedAt = await epoch(page);
  expect(stoppedAt).toBeGreaterThan(1);
  const lossThen = await trainLoss(page);
  expect(lossThen).toBeLessThan(0.21399876);
  const w000 = await param(page, 'W[0][0][0]');

  // Save: a download of the session with its run
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('lecture-000.nnlab');
  const savedPath = artifact('saved-lecture.nnlab');
  await saved.saveAs(savedPath);
  const json = JSON.parse(readFileSync(savedPath, 'utf8'));
  expect(json.runs[0]).toMatchObject({ id: 'current', epochs_run: stoppedAt });
  // the screen shows 8 significant digits; the file keeps every digit
  expect(Number(json.runs[0].params.weights[0][0][0].toPrecision(8))).toBe(w000);

  // Reopen it in a fresh page: the same epoch and numbers
  await page.goto('/');
  await openFile(page, savedPath);
  await expect(page.getByTestId('epoch')).toHaveText(String(stoppedAt));
  expect(await param(page, 'W[0][0][0]')).toBe(w000);
  expect(await trainLoss(page)).toBe(lossThen);
  // the last update is made again from the run's start and shown as it was before the save (src-core/session/replay.ts)
  await expect(page.getByTestId('network-phase')).toHaveText(/^Update done: /);
  await expect(page.getByTestId('math-view')).toContainText(`Update ${stoppedAt} (epoch ${stoppedAt}`);
  // and it carries on: one more epoch (the loss is at its floor by then, 2e-31)
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText(String(stoppedAt + 1));
  expect(await trainLoss(page)).toBeLessThanOrEqual(lossThen);

  // a weight typed on the way: the run is not the one its start makes, and no update is shown for it, only
  // what is known (it said "Before the first step")
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await w.fill('0.9');
  await w.press('Enter');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText(String(stoppedAt + 2));
  const edited = artifact('saved-lecture-edited.nnlab');
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await (await again).saveAs(edited);
  await page.goto('/');
  await openFile(page, edited);
  await expect(page.getByTestId('epoch')).toHaveText(String(stoppedAt + 2));
  await expect(page.getByTestId('network-phase')).toHaveText(
    `After epoch ${stoppedAt + 2}: the edges show the weights as they are now; the units' values appear after the next forward pass (Step).`,
  );
});

test('a file that breaks the rules shows its messages and changes nothing', async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  await openFile(page, fixture('bad-layers.nnlab'));
  const dialog = page.getByRole('dialog', { name: 'bad-layers.nnlab could not be opened' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('file-errors')).toContainText('experiment.network.layers[0].units: expected an integer >= 1, got 0');
  await expect(dialog.getByTestId('file-errors')).toContainText('experiment.network.layers[1].activation');
  await page.screenshot({ path: artifact('bad-file.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  await expect(page.getByText('Lecture 6: three-node ReLU network (report 000)')).toBeVisible();
});

test('one selection: clicking an edge or a bias in the network explains it in the math view and follows it over the epochs', async ({ page }) => {
  await page.goto('/');
  await openFile(page, fixture('lecture-000.nnlab'));
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');

  await page.getByRole('button', { name: /^W\[1\]\[0\]\[0\] \(h1 → out\)/ }).click();
  await page.keyboard.press('Escape'); // the click also opened the value editor
  await expect(page.getByTestId('math-selected')).toContainText('W[1][0][0]');
  await page.getByRole('button', { name: /^b\[0\]\[1\] \(bias of h2\)/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('math-selected')).toContainText('b[0][1]');

  await page.getByRole('tab', { name: 'Parameters' }).click();
  const plots = page.getByRole('region', { name: 'Plots' });
  await expect(plots.getByRole('button', { name: 'Stop following W[1][0][0]' })).toBeVisible();
  await expect(plots.getByRole('button', { name: 'Stop following b[0][1]' })).toBeVisible();
  // the chart draws both: its legend names them
  const chart = plots.locator('[data-chart="trajectories"] svg');
  await expect(chart.locator('text', { hasText: 'W[1][0][0]' })).toHaveCount(1);
  await expect(chart.locator('text', { hasText: 'b[0][1]' })).toHaveCount(1);
  await page.screenshot({ path: artifact('selection-trajectories.png') });

  // a row of the math view's table selects (and follows) too; a chip stops following
  await page.getByRole('button', { name: /^Show the math of W\[0\]\[0\]\[0\]/ }).click();
  await expect(page.getByTestId('math-selected')).toContainText('W[0][0][0]');
  await expect(plots.getByRole('button', { name: 'Stop following W[0][0][0]' })).toBeVisible();
  await plots.getByRole('button', { name: 'Stop following b[0][1]' }).click();
  await expect(chart.locator('text', { hasText: 'b[0][1]' })).toHaveCount(0);
});

/** A 784-64-10 net (50 890 parameters) on 32 made-up 28×28 images. */
function largeNet() {
  const x = Array.from({ length: 32 }, (_, s) => Array.from({ length: 784 }, (_, i) => (Math.abs(Math.hypot(Math.floor(i / 28) - 14, (i % 28) - 14) - 4 - (s % 8)) < 1.6 ? 1 : 0)));
  const y = Array.from({ length: 32 }, (_, s) => Array.from({ length: 10 }, (_, k) => (k === s % 10 ? 1 : 0)));
  return {
    format: 'nnlab', version: 1, title: 'A 784-64-10 net',
    experiment: {
      network: { inputs: 784, layers: [{ units: 64, activation: 'relu', bias: true }, { units: 10, activation: 'softmax', bias: true }] },
      loss: 'cross_entropy', reduction: 'mean', init: { kind: 'he_normal' },
      data: { kind: 'inline', train: { x, y } },
      optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 50, seed: 7,
    },
  };
}

test('a 784-64-10 net opens at once: the weights table shows one unit, paged, and finds a parameter by name', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.waitForFunction(() => 'nnlabApp' in window);
  const text = JSON.stringify(largeNet());
  const started = Date.now();
  await page.evaluate((t) => (window as unknown as { nnlabApp: { openText(n: string, t: string): boolean } }).nnlabApp.openText('large.nnlab', t), text);
  await expect(page.getByTestId('param-count')).toContainText('50,890 parameters');
  const seconds = (Date.now() - started) / 1000;
  console.log(`784-64-10 opened, weights table shown, in ${seconds.toFixed(2)} s`);
  // no field per parameter: the unit's bias and one page of 32 weights (plus the page's other fields)
  const fields = await page.locator('input').count();
  expect(fields).toBeLessThan(120);
  const table = page.getByRole('table', { name: 'Unit 0 of layer 0: bias and incoming weights' });
  await expect(table.getByRole('textbox', { name: 'b[0][0]', exact: true })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'W[0][0][31]', exact: true })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'W[0][0][32]', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Next weights' }).click();
  await expect(page.getByTestId('param-page')).toHaveText('W[0][0][32–63] of 784');

  // find by name: the table turns to it, the math view explains it; a bad name says what is wrong
  await page.getByRole('textbox', { name: 'Find a parameter by name' }).fill('W[1][7][40]');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('table', { name: 'Unit 7 of layer 1: bias and incoming weights' }).getByRole('textbox', { name: 'W[1][7][40]', exact: true })).toBeVisible();
  await expect(page.getByTestId('math-selected')).toContainText('W[1][7][40]');
  await page.getByRole('textbox', { name: 'Find a parameter by name' }).fill('W[1][7][64]');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'W[1][7][64] is not a parameter of this network' })).toBeVisible();

  // an edit through the table reaches the trainer
  const field = page.getByRole('textbox', { name: 'W[1][7][40]', exact: true });
  await field.fill('0.25');
  await field.press('Enter');
  await expect.poll(() => page.evaluate(() => (window as unknown as { nnlabApp: { snapshot: { params: { weights: number[][][] } } } }).nnlabApp.snapshot.params.weights[1][7][40])).toBe(0.25);
  await page.getByTestId('param-count').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('large-net-weights-table.png') });
});

test('the session is renamed over the run: Enter keeps it, Escape does not, Ctrl+Z undoes it; saved and reopened', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  const title = page.locator('main h1.title');
  await expect(title).toHaveText('New session: XOR');
  // the data made a function: "XOR" is stale, and the title is the student's to change
  await page.getByRole('button', { name: 'Rename the session' }).click();
  const box = page.getByRole('textbox', { name: 'Session title' });
  await expect(box).toBeFocused();
  await page.keyboard.type('Something else');
  await page.keyboard.press('Escape');
  await expect(title).toHaveText('New session: XOR');
  await expect(page.getByRole('button', { name: 'Rename the session' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Fitting sin(x) with 3 tanh units');
  await page.keyboard.press('Enter');
  await expect(title).toHaveText('Fitting sin(x) with 3 tanh units');
  await page.keyboard.press('Control+z');
  await expect(title).toHaveText('New session: XOR');
  await page.keyboard.press('Control+Shift+z');
  await expect(title).toHaveText('Fitting sin(x) with 3 tanh units');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const file = artifact('renamed.nnlab');
  await (await download).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8')).title).toBe('Fitting sin(x) with 3 tanh units');
  await page.goto('/');
  await openFile(page, file);
  await expect(title).toHaveText('Fitting sin(x) with 3 tanh units');
  // a long title without a space wraps in its column (it scrolled the column sideways, its cards out of sight)
  await page.getByRole('button', { name: 'Rename the session' }).click();
  await page.keyboard.type('x'.repeat(150));
  await page.keyboard.press('Enter');
  await expect(title).toHaveText('x'.repeat(150));
  const main = page.getByRole('main', { name: 'Run' });
  expect(await main.evaluate((m) => m.scrollWidth - m.clientWidth)).toBeLessThanOrEqual(0);
});
