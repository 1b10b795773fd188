/**
 * The math view in Chromium with report 003 (b): a 2-3-1 sigmoid net,
 * ½(a − y)², lr 0.1, x = (1, 0), y = 1, w1 = w3 = w5 = 0.5 (x1 → n1, n2, n3),
 * w2 = w4 = w6 = −0.25 (x2 → …), w7 = 1, w8 = −1, w9 = 0, biases 0.1.
 * Numbers from numpy (src-core/derivation/fixtures/report003b.py), shown to 6
 * significant digits. The report's rounded table agrees: w1 0.5027, w3 0.4973,
 * w7 1.0077, w8 −0.992, w9 0.0077, b1 0.1027, b2 0.0973, b4 0.112.
 */
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { artifact, openFile, saveText } from './helpers';
import { writeFileSync } from 'node:fs';
import { openSession } from './network-session';

const report003b = {
  format: 'nnlab', version: 1, title: 'Report 003 (b)',
  experiment: {
    network: { inputs: 2, layers: [{ units: 3, activation: 'sigmoid', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] },
    loss: 'half_squared_error', reduction: 'mean',
    init: { kind: 'explicit', weights: [[[0.5, -0.25], [0.5, -0.25], [0.5, -0.25]], [[1, -1, 0]]], biases: [[0.1, 0.1, 0.1], [0.1]] },
    data: { kind: 'inline', train: { x: [[1, 0]], y: [[1]] } },
    optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 10, seed: 1,
  },
};

const row = (page: Page, name: string) => page.locator(`[data-testid="update-table"] tr[data-param="${name}"]`);

test('report 003 (b): step, the table, an edit, the export', async ({ page }) => {
  await openSession(page, 'report003b.nnlab', report003b);
  await page.getByRole('button', { name: 'Step update' }).click();
  const table: [string, string, string, string][] = [
    // name, old, gradient, new
    ['W[0][0][0]', '0.5', '-0.027101509', '0.50271015'],
    ['W[0][0][1]', '-0.25', '0', '-0.25'],
    ['W[0][1][0]', '0.5', '0.027101509', '0.49728985'],
    ['W[0][2][0]', '0.5', '0', '0.5'],
    ['b[0][0]', '0.1', '-0.027101509', '0.10271015'],
    ['b[0][1]', '0.1', '0.027101509', '0.097289849'],
    ['b[0][2]', '0.1', '0', '0.1'],
    ['W[1][0][0]', '1', '-0.076483677', '1.0076484'],
    ['W[1][0][1]', '-1', '-0.076483677', '-0.99235163'],
    ['W[1][0][2]', '0', '-0.076483677', '0.0076483677'],
    ['b[1][0]', '0.1', '-0.11845881', '0.11184588'],
  ];
  for (const [name, old, g, nw] of table) {
    await expect(row(page, name).locator('td.old')).toHaveText(old);
    await expect(row(page, name).locator('td.grad')).toHaveText(g);
    await expect(row(page, name).locator('td.new')).toHaveText(nw);
  }
  // w5 (x1 → n3) does not move: w9 = 0 blocks the error
  await page.getByRole('button', { name: /^Show the math of W\[0\]\[2\]\[0\]/ }).click();
  await expect(page.getByTestId('zero-why')).toHaveText('The gradient is 0 because every weight leaving h3 is 0, so no error flows back to it.');
  // the chain rule of w1 with its factors, and a finite-difference check
  await page.getByRole('button', { name: /^Show the math of W\[0\]\[0\]\[0\]/ }).click();
  await expect(page.getByTestId('chain-rule').locator('[data-tex*="\\\\left(-0.47502081\\\\right) \\\\cdot 0.24937604 \\\\cdot 1 \\\\cdot 0.22878424 \\\\cdot 1 = -0.027101509"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Check by finite differences' }).click();
  await expect(page.getByTestId('fd-result')).toContainText('✓ agree');
  await page.screenshot({ path: artifact('math-report003b.png') });

  // edit w9 (h3 → out) to 0.5 on the graph: the loss is recomputed at once
  // (numpy, updated weights with w9 = 0.5: ½(a − 1)² = 0.07607613116418177)
  await page.getByRole('button', { name: /^W\[1\]\[0\]\[2\] \(h3 → out\)/ }).click();
  const input = page.getByRole('textbox', { name: 'New value for W[1][0][2]' });
  await input.fill('0.5');
  await input.press('Enter');
  await expect(page.getByTestId('train-loss')).toHaveText('0.076076131');
  await expect(page.locator('text.wlabel[data-param="W[1][0][2]"]')).toHaveText('0.5');

  // export the derivation of a fresh step and check its numbers
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(row(page, 'b[1][0]').locator('td.new')).toHaveText('0.11184588');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save .md' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('report003b-derivation.md');
  const path = artifact('report003b-derivation.md');
  await file.saveAs(path);
  const md = readFileSync(path, 'utf8');
  expect(md).toContain('a^{(1)}_{1} = \\sigma(0.6) = 0.64565631$$');
  expect(md).toContain('L = \\ell_1 = 0.11282239$$');
  expect(md).toContain('\\frac{\\partial L}{\\partial w^{(1)}_{1,1}} = \\left(-0.47502081\\right) \\cdot 0.24937604 \\cdot 1 \\cdot 0.22878424 \\cdot 1 = -0.027101509$$');
  expect(md).toContain("{w^{(2)}_{1,1}}' = 1 - 0.1 \\cdot \\left(-0.076483677\\right) = 1.0076484$$");
  expect(md).toContain('| $b^{(2)}_{1}$ `b[1][0]` | bias of out | 0.1 | -0.11845881 | 0.11184588 |');
});

test('saved after an update and reopened: the math view shows that update again, every number as before the save', async ({ page }) => {
  await openSession(page, 'report003b.nnlab', report003b);
  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(row(page, 'b[1][0]').locator('td.new')).toHaveText('0.11184588');
  const before = await page.getByTestId('update-table').innerText();
  const file = artifact('report003b-after-update.nnlab');
  writeFileSync(file, await saveText(page));
  await page.goto('/');
  await openFile(page, file);
  await expect(page.getByTestId('epoch')).toHaveText('1');
  // it was empty: "Step the forward phase (.) to see the numbers"
  await expect(row(page, 'b[1][0]').locator('td.new')).toHaveText('0.11184588');
  expect(await page.getByTestId('update-table').innerText()).toBe(before);
  await page.getByRole('button', { name: /^Show the math of W\[0\]\[0\]\[0\]/ }).click();
  await expect(page.getByTestId('chain-rule').locator('[data-tex*="= -0.027101509"]')).toHaveCount(1);
  // the next step is update 2, from the reopened weights
  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  await expect(row(page, 'W[0][0][0]').locator('td.old')).toHaveText('0.50271015');
});
