/**
 * axe-core on the screens a student sees: no serious or critical
 * accessibility violation on the start screen, a stepped session (network,
 * math view, weights table, plots), and the experiment panel's sections.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';

async function expectNoSerious(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(text, `${what}: serious or critical axe violations`).toEqual([]);
}

test('the start screen', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New session' })).toBeVisible();
  await expectNoSerious(page, 'start screen');
});

test('a stepped session: network, math view, weights table, plots', async ({ page }) => {
  test.setTimeout(300_000); // axe reads every formula's MathML and every edge of the graph
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expectNoSerious(page, 'stepped session');
  for (const tab of ['Function', 'Parameters', 'Gradients']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectNoSerious(page, `plots: ${tab}`);
  }
});

test('the experiment panel with every optional section open', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await page.getByLabel('Early stopping', { exact: true }).check();
  await page.getByLabel('Activation of layer 0').selectOption('leaky_relu');
  await expect(page.getByLabel('Leak of layer 0')).toBeVisible();
  await expectNoSerious(page, 'panel, SGD');
  await page.getByLabel('Optimizer', { exact: true }).selectOption('adam');
  await expect(page.getByLabel('Adam beta1')).toBeVisible();
  await expectNoSerious(page, 'panel, Adam');
});
