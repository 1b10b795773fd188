/**
 * The network view's timeline and what happens under it: a new run (a
 * switch of runs, Reset), a weight set by hand and an undo put the timeline
 * back at "now" (it could stay "recorded" at epoch 0 with editing off, and
 * no timeline left to leave it); while it looks back, the toolbar's counter
 * reads "epoch 2 of 5 (recorded)" and the weights table is read-only (a
 * weight typed there was applied and jumped the timeline to now: explore
 * finding 11).
 */
import { test, expect, type Page } from './app-test';
import { artifact } from './helpers';

const timeline = (page: Page) => page.getByRole('slider', { name: 'Timeline: recorded epoch shown' });

async function fromNew(page: Page, epochs: number) {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  for (let k = 1; k <= epochs; k++) {
    await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
    await expect(page.getByTestId('epoch')).toHaveText(String(k));
  }
}

async function lookBack(page: Page, k: number) {
  await timeline(page).fill(String(k));
  await expect(page.getByTestId('timeline-epoch')).toHaveText(`epoch ${k}`);
  await expect(page.getByTestId('network-phase')).toContainText(`Epoch ${k} (recorded)`);
}

async function expectNow(page: Page) {
  await expect(page.getByTestId('network-phase')).not.toContainText('(recorded)');
  await expect(page.getByTestId('epoch-counter')).not.toContainText('recorded');
  await expect(page.getByTestId('readout-epoch')).toHaveCount(0);
}

test('while the timeline looks back the toolbar reads "epoch 2 of 5 (recorded)"', async ({ page }) => {
  await fromNew(page, 5);
  const counter = page.getByTestId('epoch-counter');
  await expect(counter).toHaveText(/^\s*epoch\s+5\s+target 2000\s*$/);
  await lookBack(page, 2);
  await expect(counter).toHaveText(/^\s*epoch\s+2\s+of 5 \(recorded\)\s*$/);
  await expect(page.getByTestId('epoch')).toHaveText('5');
  await expect(page.getByTestId('epoch-shown')).toHaveText('2');
  await page.getByRole('button', { name: 'Back to now' }).click();
  await expect(counter).toHaveText(/^\s*epoch\s+5\s+target 2000\s*$/);
});

test('while the timeline looks back the weights table is read-only, as the notice says; back at now a weight typed applies', async ({ page }) => {
  await fromNew(page, 3);
  await lookBack(page, 1);
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  const before = await w.inputValue();
  await expect(page.getByTestId('network-phase')).toContainText('Editing is off while you look back');
  await expect(w).not.toBeEditable();
  await expect(page.getByRole('textbox', { name: 'b[0][0]', exact: true })).not.toBeEditable();
  await expect(page.getByTestId('params-looking-back')).toContainText('looks back at epoch 1');
  // a student clicks the box and types anyway: nothing changes, the timeline stays where it was
  await w.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('0.9');
  await page.keyboard.press('Enter');
  await expect(w).toHaveValue(before);
  await expect(page.getByTestId('timeline-epoch')).toHaveText('epoch 1');
  await expect(page.getByTestId('epoch')).toHaveText('3');
  await page.getByRole('region', { name: 'Weights and biases' }).screenshot({ path: artifact('params-looking-back.png') });

  await page.getByRole('button', { name: 'Back to now' }).click();
  await expect(page.getByTestId('params-looking-back')).toHaveCount(0);
  await expect(w).toBeEditable();
  await w.fill('0.25');
  await w.press('Enter');
  await expect(w).toHaveValue('0.25');
  await expectNow(page);
});

test('a weight set by hand, an undo and Reset put the timeline back at now', async ({ page }) => {
  await fromNew(page, 3);
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await w.fill('0.25');
  await w.press('Enter');
  await expect(page.getByTestId('timeline-epoch')).toHaveText('now');
  await expectNow(page);
  // the graph shows the live weight, and can be edited again
  await expect(page.getByRole('button', { name: /^W\[0\]\[0\]\[0\] .*value: 0\.25,/ })).toBeVisible();

  await lookBack(page, 1);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByTestId('timeline-epoch')).toHaveText('now');
  await expectNow(page);

  await lookBack(page, 0);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expectNow(page);
  await expect(page.getByTestId('network-phase')).toHaveText('Before the first step: values appear after the forward pass.');
});

test('switching to another run puts the timeline back at now', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="000-lecture-relu-net-starting-points.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  const runs = page.getByTestId('runs-panel');
  await runs.locator('tr[data-run="small-high"]').getByRole('radio').check();
  await expect(page.getByRole('textbox', { name: 'b[0][0]', exact: true })).toHaveValue('3');
  for (let k = 1; k <= 3; k++) {
    await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
    await expect(page.getByTestId('epoch')).toHaveText(String(k));
  }
  await lookBack(page, 0);
  await runs.locator('tr[data-run="small-small"]').getByRole('radio').check();
  await expect(page.getByRole('textbox', { name: 'b[0][0]', exact: true })).toHaveValue('0.2');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expectNow(page);
  await expect(page.getByTestId('network-phase')).toHaveText('Before the first step: values appear after the forward pass.');
  // editing is on again: a weight on the graph opens its editor
  await page.getByRole('button', { name: /W\[1\]\[0\]\[0\] \(h1 → out\)/ }).click();
  await expect(page.getByRole('textbox', { name: 'New value for W[1][0][0]' })).toBeVisible();
});

test('Step epoch and Step update pressed while the timeline looks back show the step: the view returns to now (it stayed on the recorded epoch while the run went on)', async ({ page }) => {
  await fromNew(page, 4);
  await lookBack(page, 1);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('5');
  await expectNow(page);
  await expect(page.getByTestId('epoch-counter')).toHaveText(/^\s*epoch\s+5\s+target 2000\s*$/);
  await lookBack(page, 2);
  await page.getByRole('button', { name: 'Step update', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('6');
  await expectNow(page);
  await expect(page.getByTestId('network-phase')).toContainText('Update done');
});
