/**
 * Starting weights through the UI, on report 000's starting points (a saved
 * run per start: small-high's biases are 3, 0.5, 3, the experiment's 0.2, 0,
 * 0.2): a weight typed before the first step of a saved run goes into that
 * run's overrides, not the experiment's init; a saved run taken back with
 * Reset is saved and switched back to at epoch 0; a weight left as it was
 * (Enter on the same value) is no edit.
 */
import { test, expect, type Page } from './app-test';
import { openExample, saveText } from './helpers';

const POINTS = '000-lecture-relu-net-starting-points.nnlab';

async function pick(page: Page, id: string) {
  await page.getByTestId('runs-panel').locator(`tr[data-run="${id}"]`).getByRole('radio').check();
  await expect(page.getByTestId('runs-panel').locator(`tr[data-run="${id}"]`).getByRole('radio')).toBeChecked();
}

test("a weight set before the first step of a saved run goes into that run's overrides, not the experiment's init", async ({ page }) => {
  await openExample(page, POINTS);
  const b00 = page.getByRole('textbox', { name: 'b[0][0]', exact: true });
  await pick(page, 'small-high');
  await expect(b00).toHaveValue('3');
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await w.fill('0.4');
  await w.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Experiment' })).toContainText("in that run's own starting weights");

  const file = JSON.parse(await saveText(page));
  expect(file.experiment.init).toEqual({ kind: 'explicit', weights: [[[0.3, 0.3], [0.1, -0.2]], [[0.5, 0.3]]], biases: [[0.2, 0], [0.2]] });
  const run = file.runs.find((r: { id: string }) => r.id === 'small-high');
  expect(run.overrides).toEqual({ 'init.weights': [[[0.4, 0.3], [0.1, -0.2]], [[0.5, 0.3]]], 'init.biases': [[3, 0.5], [3]] });

  // the experiment's own run still starts from the experiment's weights; small-high from its edited ones
  await pick(page, 'current');
  await expect(b00).toHaveValue('0.2');
  await expect(w).toHaveValue('0.3');
  await pick(page, 'small-high');
  await expect(b00).toHaveValue('3');
  await expect(w).toHaveValue('0.4');
});

test('a saved run taken back to its start with Reset is saved, and switched back to, at epoch 0', async ({ page }) => {
  await openExample(page, POINTS);
  await pick(page, 'small-high');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  // away and back: small-high is kept at epoch 1
  await pick(page, 'small-small');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await pick(page, 'small-high');
  await expect(page.getByTestId('epoch')).toHaveText('1');

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  const file = JSON.parse(await saveText(page));
  const run = file.runs.find((r: { id: string }) => r.id === 'small-high');
  expect([run.epochs_run, run.status, run.params, run.history]).toEqual([0, 'paused', undefined, {}]);
  expect(file.view.currentRun).toBe('small-high');

  await pick(page, 'small-small');
  await pick(page, 'small-high');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(page.getByRole('textbox', { name: 'b[0][0]', exact: true })).toHaveValue('3');
  await expect(page.getByTestId('runs-panel').locator('tr[data-run="small-high"] [data-testid="run-epochs"]')).toHaveText(/^0 \//);
});

test('a weight left as it was is no edit; a real one says why the init reads "set by hand", and Undo returns to the scheme', async ({ page }) => {
  await openExample(page, 'classification-rings-hidden-units.nnlab');
  const experiment = page.getByRole('complementary', { name: 'Experiment' });
  const init = experiment.getByLabel('Initialisation');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(init).toHaveValue('glorot_uniform');
  const edge = page.getByRole('button', { name: /^W\[1\]\[0\]\[0\] / });
  const input = page.getByRole('textbox', { name: 'New value for W[1][0][0]' });

  // click the weight, Enter on the value it shows: nothing changes
  await edge.click();
  const drawn = await input.inputValue();
  await input.press('Enter');
  await expect(input).toHaveCount(0);
  await expect(init).toHaveValue('glorot_uniform');
  await expect(undo).toBeDisabled();
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(init).toHaveValue('glorot_uniform');
  await expect(undo).toBeDisabled();

  // back to the start, a real edit: the init reads "set by hand", the note says why; Undo returns to Glorot uniform
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await edge.click();
  await expect(input).toHaveValue(drawn);
  await input.fill('0.5');
  await input.press('Enter');
  await expect(init).toHaveValue('explicit');
  await expect(experiment).toContainText('The init now reads "set by hand" because a starting weight was typed in: the others keep the values Glorot uniform drew. Undo returns to Glorot uniform.');
  await undo.click();
  await expect(init).toHaveValue('glorot_uniform');
  await edge.click();
  await expect(input).toHaveValue(drawn);
});

test("a weight set by hand in the experiment's own run: runs of another shape keep loading, with the drawn start they had", async ({ page }) => {
  await openExample(page, 'classification-rings-hidden-units.nnlab');
  const w = page.getByRole('textbox', { name: 'W[1][0][0]', exact: true });
  await w.fill('0.5');
  await w.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Experiment' });
  await expect(panel).toContainText('it is a starting weight now');
  await expect(panel).not.toContainText('dropped');
  // the 2-hidden-unit run still loads (it used to be left with 8-unit starting weights it cannot take)
  await pick(page, 'h2');
  await expect(page.getByRole('textbox', { name: 'W[1][0][1]', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'W[1][0][2]', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  const file = JSON.parse(await saveText(page));
  expect(file.runs.find((r: { id: string }) => r.id === 'h2').overrides).toEqual({ init: { kind: 'glorot_uniform' }, 'network.layers[0].units': 2 });
  expect(file.experiment.init.kind).toBe('explicit');
});
