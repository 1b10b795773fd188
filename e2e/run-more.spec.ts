/**
 * Run (or Space) on a run that reached its target trains as many epochs
 * again; it did so without a word (a student pass). The button says it:
 * "▶ +1000", its name "Run +1000 epochs", its title to which
 * epoch. Report 001's noisy quadratic (1000 epochs): Space after the first
 * 1000 trains to 2000, and the loss then is `nnlab run --epochs 2000`'s.
 */
import { test, expect } from './app-test';
import { artifact, cli, fullValue, openExample, saveText } from './helpers';

test('a finished run\'s Run button says it runs the epochs again; Space does, to twice the target, as nnlab run does', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openExample(page, '001-noisy-quadratic-learning-rates.nnlab');
  const toolbar = page.getByRole('banner', { name: 'Toolbar' }).or(page.locator('header.toolbar'));
  const heightBefore = (await toolbar.first().boundingBox())!.height;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 60_000 });
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  const more = page.getByRole('button', { name: 'Run +1000 epochs', exact: true });
  await expect(more).toHaveText('▶ +1000');
  await expect(more).toHaveAttribute('title', /reached its target: run 1000 more epochs, to epoch 2000/);
  expect((await toolbar.first().boundingBox())!.height, 'the toolbar keeps its height').toBe(heightBefore);
  await page.screenshot({ path: artifact('run-more-1280.png') });

  await page.locator('main').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 60_000 });
  await expect(page.getByTestId('epoch')).toHaveText('2000');
  await expect(page.getByTestId('epoch-target')).toHaveText('2000');
  const shown = await fullValue(page, 'train-loss');
  const r = cli(await saveText(page), ['run', '--epochs', '2000', '--json']);
  expect(r.history.train_loss[2000]).toBe(shown);
  // Reset: at epoch 0 the button is plain Run again
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveText('▶ Run');
});

// At 1240 px, the narrowest one-row toolbar, report 004 finished read "finis": the status pill was cut
// beside "epoch 60000 target 60000 ✓". The file name gives way now, and the button is as narrow as "▶ Run".
test('at 1240 px a finished 60 000-epoch run shows "▶ +60000" and its whole status in one row', async ({ page }) => {
  await page.setViewportSize({ width: 1240, height: 800 });
  await openExample(page, '004-xor-seven-learning-rates.nnlab');
  const toolbar = page.locator('header.toolbar');
  const heightBefore = (await toolbar.boundingBox())!.height;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByTestId('status');
  await expect(status).toHaveText('finished', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Run +60000 epochs', exact: true })).toHaveText('▶ +60000');
  expect(await status.evaluate((e) => e.scrollWidth - e.clientWidth), 'the status is not cut').toBeLessThanOrEqual(0);
  expect(await toolbar.evaluate((e) => e.scrollWidth - e.clientWidth), 'nothing spills out of the toolbar').toBeLessThanOrEqual(0);
  expect((await toolbar.boundingBox())!.height).toBe(heightBefore);
  await page.screenshot({ path: artifact('run-more-1240-xor.png'), clip: { x: 0, y: 0, width: 1240, height: 60 } });
});
