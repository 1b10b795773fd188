/**
 * Report 000's lecture net through the UI: open the file with the file
 * chooser, read the loss, step one epoch, run and pause, save (a download),
 * reopen what was saved. Hand numbers: see src-core/protocol/service.engine.test.ts
 * (loss 0.25; after one step W[0][0][0] = 0.995 and loss 0.21399876).
 */
import { test, expect } from '@playwright/test';
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
  // and it carries on: one more epoch lowers the loss further
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText(String(stoppedAt + 1));
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
