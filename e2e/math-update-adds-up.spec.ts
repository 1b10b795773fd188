/**
 * The math view's update line adds up as shown: report 003's homework after 3 updates, where each update
 * is ~1e-5 of a weight ≈ 1. The old w1 (1.0000199848) showed as 1.00002, so 1.00002 − 0.1·(−6.6567014e-5)
 * gave 1.0000267 by hand against the 1.0000266 printed (a student pass). Read from the typeset line's
 * source, as a student copies it.
 */
import { test, expect } from './app-test';
import { openFile } from './helpers';

const example = new URL('../assets/examples/003-homework-2-3-1-sigmoid-step.nnlab', import.meta.url).pathname;
const num = (t: string) => Number(t.replace(/\\left|\\right/g, '').replace(/\s*\\times\s*10\^\{([^}]*)\}/, 'e$1').replace(/[(){}\s]/g, ''));

test("a tiny update's line, w' = w − η·g, adds up to the w' it prints", async ({ page }) => {
  await page.goto('/');
  await openFile(page, example);
  for (let k = 1; k <= 4; k++) {
    await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
    await expect(page.getByTestId('epoch')).toHaveText(String(k));
  }
  const tex = await page.getByTestId('math-update').locator('annotation[encoding="application/x-tex"]').allTextContents();
  const line = tex.find((t) => / = [-\d.]+ - [\d.]+ \\cdot /.test(t));
  expect(line, tex.join('\n')).toBeDefined();
  const m = / = ([-\d.]+) - ([\d.]+) \\cdot (.+) = ([-\d.]+(?:\s*\\times\s*10\^\{[-\d]+\})?)$/.exec(line!)!;
  const [w, lr, g, res] = [Number(m[1]), Number(m[2]), num(m[3]), m[4]];
  const digits = res.replace(/^-|\./g, '').replace(/^0+/, '').length;
  expect(Number((w - lr * g).toPrecision(digits)), line).toBe(Number(res));
  expect(m[1].length).toBeGreaterThan(8); // more digits than 1.00002
});
