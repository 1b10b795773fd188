/**
 * The experiment panel as a new user tries it: from New, change the hidden
 * units 3 → 4 → 2, add a layer and remove it, inputs 2 → 3, each followed by
 * one step. After every change the graph has one circle per unit and one
 * edge per weight, and the loss on screen equals `nnlab run` on the session
 * the app saves at that point.
 */
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';
import { artifact, cli, fullValue, saveText } from './helpers';

interface Shape { inputs: number; layers: { units: number; bias: boolean }[] }

/** One circle per unit (inputs included), one edge per weight, one bias handle per bias. */
async function expectGraph(page: Page, s: Shape) {
  const graph = page.getByRole('group', { name: /^Network graph/ });
  const units = s.inputs + s.layers.reduce((n, l) => n + l.units, 0);
  let weights = 0;
  let prev = s.inputs;
  for (const l of s.layers) { weights += prev * l.units; prev = l.units; }
  await expect(graph.locator('g.unit circle')).toHaveCount(units);
  await expect(graph.locator('g.edge line.hit')).toHaveCount(weights);
}

/** Step one epoch; the loss on screen is the CLI's after one epoch of the saved session. */
async function stepAndCompare(page: Page, name: string) {
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  const shown = await fullValue(page, 'train-loss');
  const saved = await saveText(page);
  const r = cli(saved, ['run', '--epochs', '1', '--json']);
  expect(r.history.train_loss[1], `${name}: the loss on screen vs nnlab run`).toBe(shown);
  await page.screenshot({ path: artifact(`panel-${name}.png`) });
  return JSON.parse(saved);
}

async function setField(page: Page, label: string, value: string) {
  const f = page.getByLabel(label, { exact: true });
  await f.fill(value);
  await f.press('Enter');
}

test('from New: units 3 → 4 → 2, add and remove a layer, inputs 2 → 3; the graph and the trainer follow every change', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expectGraph(page, { inputs: 2, layers: [{ units: 3, bias: true }, { units: 1, bias: true }] });

  await setField(page, 'Units in layer 0', '4');
  await expectGraph(page, { inputs: 2, layers: [{ units: 4, bias: true }, { units: 1, bias: true }] });
  // the hand-set starting weights that fit are kept, the new ones drawn (the panel says so)
  await expect(page.getByTestId('experiment-notes')).toContainText('Starting weights: 13 kept, 4 new drawn with Glorot uniform');
  let saved = await stepAndCompare(page, 'units-4');
  expect(saved.experiment.init.weights[0].slice(0, 3)).toEqual([[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6]]);

  await setField(page, 'Units in layer 0', '2');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 1, bias: true }] });
  saved = await stepAndCompare(page, 'units-2');
  expect(saved.experiment.init.weights).toEqual([[[0.5, -0.4], [-0.3, 0.8]], [[0.6, -0.5]]]);

  await page.getByRole('button', { name: 'Add a hidden layer before layer 1' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 3, bias: true }, { units: 1, bias: true }] });
  await stepAndCompare(page, 'add-layer');

  await page.getByRole('button', { name: 'Remove layer 1' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 1, bias: true }] });
  await stepAndCompare(page, 'remove-layer');

  // a third input: the typed-in samples get a column of zeros (the panel says so), the first layer a drawn column
  await setField(page, 'Number of inputs', '3');
  await expectGraph(page, { inputs: 3, layers: [{ units: 2, bias: true }, { units: 1, bias: true }] });
  await expect(page.getByTestId('experiment-notes')).toContainText('The typed-in samples follow the network (inputs 2 → 3)');
  saved = await stepAndCompare(page, 'inputs-3');
  expect(saved.experiment.data.train.x).toEqual([[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]]);
  expect(saved.experiment.init.weights[0].map((r: number[]) => r.slice(0, 2))).toEqual([[0.5, -0.4], [-0.3, 0.8]]);

  // undo: back to two inputs; undo: the added layer is back ... the graph follows each
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 1, bias: true }] });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 3, bias: true }, { units: 1, bias: true }] });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 1, bias: true }] });
  await page.getByRole('button', { name: 'Redo' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 3, bias: true }, { units: 1, bias: true }] });
});

test('a value that is not allowed is refused beside its control, and the control shows the value that holds', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await setField(page, 'Units in layer 0', '0');
  await expect(page.getByTestId('errors-network')).toContainText('experiment.network.layers[0].units: expected an integer >= 1, got 0');
  // named as the panel labels the field, then as the file's path
  await expect(page.getByTestId('errors-network')).toHaveText('hidden 1 units — experiment.network.layers[0].units: expected an integer >= 1, got 0');
  await expect(page.getByLabel('Units in layer 0', { exact: true })).toHaveValue('3');
  await setField(page, 'Learning rate', '-1');
  await expect(page.getByTestId('errors-optimizer')).toContainText('Learning rate — experiment.optimizer.lr');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.5');
  // a size that is no whole number: said, nothing changes (2.5 inputs threw "Invalid array length", no message)
  await setField(page, 'Number of inputs', '2.5');
  await expect(page.getByTestId('errors-network')).toHaveText(/experiment\.network\.inputs: expected an integer >= 1, got 2\.5/);
  await expect(page.getByTestId('errors-network')).not.toContainText('init.weights');
  await expect(page.getByLabel('Number of inputs', { exact: true })).toHaveValue('2');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await expectGraph(page, { inputs: 2, layers: [{ units: 3, bias: true }, { units: 1, bias: true }] });
  // an optional field emptied shows the default it now means (it stayed blank)
  await setField(page, 'Momentum', '');
  await expect(page.getByLabel('Momentum', { exact: true })).toHaveValue('0');
  await setField(page, 'Batch size', '');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('full');
});

test('a weight typed before the first step is a starting weight: Reset returns to it, Save writes it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  const cell = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await cell.fill('0.25');
  await cell.press('Enter');
  await expect(page.getByTestId('experiment-notes')).toContainText('W[0][0][0] was set before the first step');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(cell).toHaveValue('0.25');
  const saved = JSON.parse(await saveText(page));
  expect(saved.experiment.init.weights[0][0][0]).toBe(0.25);
});

test('training settings: momentum and Nesterov, Adam, early stopping, generator', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await setField(page, 'Momentum', '0.9');
  await page.getByLabel('Nesterov momentum').check();
  let saved = await stepAndCompare(page, 'nesterov');
  expect(saved.experiment.optimizer).toEqual({ kind: 'sgd', lr: 0.5, momentum: 0.9, nesterov: true });
  await page.getByLabel('Optimizer', { exact: true }).selectOption('adam');
  await setField(page, 'Adam beta1', '0.8');
  saved = await stepAndCompare(page, 'adam');
  expect(saved.experiment.optimizer).toEqual({ kind: 'adam', lr: 0.5, beta1: 0.8 });
  await page.getByLabel('Early stopping', { exact: true }).check();
  await setField(page, 'Early stopping patience', '3');
  await page.getByLabel('Random generator').selectOption('numpy');
  saved = await stepAndCompare(page, 'early-stopping');
  expect(saved.experiment.early_stopping).toEqual({ monitor: 'train_loss', patience: 3, min_delta: 0, restore_best: true });
  expect(saved.experiment.rng).toBe('numpy');
});

test("report 000's starting points: a change the saved runs' overrides no longer fit says which runs, drops those overrides, and undoes as one step", async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="000-lecture-relu-net-starting-points.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  const overrides = () => page.evaluate(() => (window as unknown as { nnlabApp: { session: { runs: { overrides: object }[] } } }).nnlabApp.session.runs.map((r) => Object.keys(r.overrides)));
  expect((await overrides())[0]).toEqual(['init.weights', 'init.biases']);
  await setField(page, 'Units in layer 0', '3');
  await expectGraph(page, { inputs: 2, layers: [{ units: 3, bias: true }, { units: 1, bias: true }] });
  const notes = page.getByTestId('experiment-notes');
  await expect(notes).toContainText('run "small weights + small biases": overrides init.weights, init.biases dropped (no longer fit the experiment)');
  await expect(notes).toContainText('run "high weights + high biases"');
  expect((await overrides()).every((keys) => keys.length === 0)).toBe(true);
  await page.screenshot({ path: artifact('panel-runs-conflict.png') });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectGraph(page, { inputs: 2, layers: [{ units: 2, bias: true }, { units: 1, bias: true }] });
  expect((await overrides())[0]).toEqual(['init.weights', 'init.biases']);
});

test('the mouse wheel over a focused number box scrolls the panel and changes nothing (it set the learning rate to 0 and added a unit)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  const panel = page.getByRole('complementary', { name: 'Experiment' });
  const scrolled = () => panel.evaluate((el) => {
    for (let p: Element | null = el; p; p = p.parentElement) if (p.scrollTop > 0) return p.scrollTop;
    return 0;
  });
  const units = panel.getByLabel('Units in layer 0');
  await units.click();
  const u = (await units.boundingBox())!;
  await page.mouse.move(u.x + u.width / 2, u.y + u.height / 2);
  await page.mouse.wheel(0, 200);
  await expect.poll(scrolled).toBeGreaterThan(0);
  await expect(units).toHaveValue('3');
  const lr = panel.getByLabel('Learning rate');
  await lr.click();
  const b = (await lr.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.wheel(0, -100);
  await page.mouse.wheel(0, 100);
  await expect(lr).toHaveValue('0.5');
  await lr.press('Tab');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // typing still works, and the arrow keys still step a number as the student asks
  await units.focus();
  await units.press('ArrowUp');
  await units.press('Tab');
  await expect(units).toHaveValue('4');
});
