/**
 * A run stopped early with restore_best (a student pass): the Math panel
 * wrote the last update as "w′ = −0.872 − 0.6·(−5.488) = 1", the restored
 * best weight shown as the update's result. The update's own result is the
 * weight the run ended with: what `nnlab run` gives with restore_best off.
 *
 *   E2E_PORT=4311 npx playwright test e2e/early-stop-math.spec.ts --project web
 */
import { test, expect } from './app-test';
import { readFileSync } from 'node:fs';
import { artifact, cli, fixture, openFile, waitStatus } from './helpers';
import { fmt } from '../src-core/derivation/format';

test("after a stop that puts the best weights back, the last update's equation ends in its own result", async ({ page }) => {
  const file = fixture('early-stop-restore.nnlab');
  const text = readFileSync(file, 'utf8');
  const session = JSON.parse(text);
  session.experiment.early_stopping.restore_best = false;
  const ended = cli(JSON.stringify(session), ['run', '--json']);
  expect(ended.status).toBe('stopped_early');
  const w = ended.params.weights[0][0][0] as number;
  const b = ended.params.biases[0][0] as number;
  // the best weights are the starting ones (1, 0): what the header and the table show
  expect(cli(text, ['run', '--json']).params).toEqual({ weights: [[[1]]], biases: [[0]] });

  await page.goto('/');
  await openFile(page, file);
  await expect(page.getByTestId('epoch')).toHaveText('0');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /stopped/);
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('1');
  const math = page.getByTestId('math-view');
  await expect(math).toContainText('Update');
  const tex = (await math.locator('annotation').allTextContents()).join('\n');
  expect(tex).toContain(`= ${fmt(w)}`);
  expect(tex).not.toMatch(/= 1\s*$/m);
  expect([w, b].every(Number.isFinite)).toBe(true);
  await math.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('early-stop-math.png') });
});
