/**
 * The misclassified-digits view on the MNIST 5-vs-6 example, shrunk to 300
 * training and 200 test digits so one epoch is quick: after "Step epoch" the
 * view lists exactly the test digits the network gets wrong — as many as the
 * test accuracy says (the trainer's own count), split without overlap by the
 * true-class filter — each a drawn 28×28 picture marked true → predicted;
 * a click shows it large with the outputs, the predicted class the largest.
 *
 *   E2E_PORT=4420 npx playwright test e2e/digits.spec.ts --output /tmp/pw-digits
 */
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { artifact } from './helpers';
import { openSession } from './network-session';

const example = JSON.parse(readFileSync(new URL('../assets/examples/003-mnist-5-vs-6.nnlab', import.meta.url), 'utf8')) as {
  experiment: { data: Record<string, unknown> };
  runs?: unknown;
  view?: unknown;
};
const session = { ...example, runs: undefined, view: undefined, experiment: { ...example.experiment, data: { ...example.experiment.data, n_train: 300, n_test: 200 } } };

/** the tiles of every page, as [true, predicted] labels read from "5 → 6" */
async function allTiles(page: Page): Promise<string[][]> {
  const view = page.getByTestId('digits-view');
  const out: string[][] = [];
  for (;;) {
    await expect(view.locator('.grid')).toHaveAttribute('aria-busy', 'false');
    for (const t of await view.locator('.digit .classes').allTextContents()) out.push(t.split('→').map((s) => s.trim()));
    const next = view.getByRole('button', { name: 'Next ›' });
    if (await next.isDisabled()) return out;
    await next.click();
  }
}

test('MNIST 5 vs 6, one epoch: the wrong test digits, filters, paging, one digit large', async ({ page }) => {
  await openSession(page, 'mnist-5-vs-6-small.nnlab', session);
  const view = page.getByTestId('digits-view');
  // before training (He-normal start) many are wrong: several pages of 24, together exactly the count the accuracy gives
  await expect(view.getByTestId('digits-summary')).toContainText('after epoch 0', { timeout: 15_000 });
  const wrong0 = Number(/(\d+) of 200 wrong/.exec((await view.getByTestId('digits-summary').textContent())!)![1]);
  expect(wrong0).toBeGreaterThan(24);
  const tiles0 = await allTiles(page);
  expect(tiles0.length).toBe(wrong0);
  expect(tiles0.every(([y, p]) => y !== p)).toBe(true);
  await expect(view.getByTestId('digits-page')).toHaveText(`page ${Math.ceil(wrong0 / 24)}`);
  await view.getByRole('button', { name: '‹ Previous' }).click();
  await expect(view.getByTestId('digits-page')).toHaveText(`page ${Math.ceil(wrong0 / 24) - 1}`);
  await expect(view.getByTestId('digit')).toHaveCount(24);

  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 30_000 });
  await expect(view.getByTestId('digits-summary')).toContainText('after epoch 1', { timeout: 15_000 });

  // the number the trainer's accuracy gives: "N of 200 wrong"
  const summary = (await view.getByTestId('digits-summary').textContent())!;
  const wrong = Number(/(\d+) of 200 wrong/.exec(summary)![1]);
  expect(wrong).toBeGreaterThan(0); // one epoch on 300 digits does not get all 200 right
  expect(wrong).toBeLessThan(100);

  const tiles = await allTiles(page);
  expect(tiles.length).toBe(wrong);
  for (const [y, p] of tiles) {
    expect(['5', '6']).toContain(y);
    expect(p).not.toBe(y);
  }

  // the true-class filter splits them: the 5s taken for 6s, and the 6s taken for 5s
  await view.getByLabel('True class').selectOption('5');
  await expect(view.getByTestId('digits-page')).toHaveText('page 1');
  const fives = await allTiles(page);
  await view.getByLabel('True class').selectOption('6');
  const sixes = await allTiles(page);
  expect(fives.every(([y, p]) => y === '5' && p === '6')).toBe(true);
  expect(sixes.every(([y, p]) => y === '6' && p === '5')).toBe(true);
  expect(fives.length + sixes.length).toBe(wrong);
  await view.getByLabel('True class').selectOption('');
  await expect(view.getByTestId('digits-page')).toHaveText('page 1');
  await expect(view.locator('.grid')).toHaveAttribute('aria-busy', 'false');

  // a tile is a drawn digit: dark ink on white
  const ink = await view.locator('.digit canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let k = 0; k < d.length; k += 4) if (d[k] < 128) dark++;
    return { dark, w: c.width, h: c.height };
  });
  expect([ink.w, ink.h]).toEqual([28, 28]);
  expect(ink.dark).toBeGreaterThan(40);

  // one digit large, with the outputs: the predicted class has the larger probability, the two add to 1
  const first = view.getByTestId('digit').first();
  const [y, p] = (await first.locator('.classes').textContent())!.split('→').map((s) => s.trim());
  await first.click();
  const detail = view.getByRole('complementary', { name: 'Chosen digit' });
  await expect(detail).toContainText(`true class ${y}, the network says ${p}`);
  const rows = detail.getByTestId('digit-outputs').locator('tr');
  await expect(rows).toHaveCount(2);
  const prob = async (k: number) => Number(await rows.nth(k).locator('.num').textContent());
  const [p5, p6] = [await prob(0), await prob(1)];
  expect(p5 + p6).toBeCloseTo(1, 3);
  expect(p === '6' ? p6 >= 0.5 : p5 > 0.5).toBe(true);
  const conf = Number((await first.locator('.conf').textContent())!.replace('%', '').trim()) / 100;
  expect(conf).toBeCloseTo(p === '6' ? p6 : p5, 2); // shown to 0.1 %

  await view.scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'Misclassified digits' }).screenshot({ path: artifact('digits.png') });
});

test('MNIST 10 digits, softmax: ten outputs that add to 1, the prediction the largest', async ({ page }) => {
  const ten = JSON.parse(readFileSync(new URL('../assets/examples/003-mnist-10-digits-softmax.nnlab', import.meta.url), 'utf8')) as typeof example;
  const small = { ...ten, runs: undefined, view: undefined, experiment: { ...ten.experiment, data: { ...ten.experiment.data, n_train: 500, n_test: 300 } } };
  await openSession(page, 'mnist-10-small.nnlab', small);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  const view = page.getByTestId('digits-view');
  await expect(view.getByTestId('digits-summary')).toContainText('after epoch 1', { timeout: 30_000 });
  const wrong = Number(/(\d+) of 300 wrong/.exec((await view.getByTestId('digits-summary').textContent())!)![1]);
  expect((await allTiles(page)).length).toBe(wrong);
  const first = view.getByTestId('digit').first();
  const [y, p] = (await first.locator('.classes').textContent())!.split('→').map((s) => s.trim());
  await first.click();
  const rows = view.getByTestId('digit-outputs').locator('tr');
  await expect(rows).toHaveCount(10);
  const probs = (await rows.locator('.num').allTextContents()).map(Number);
  expect(probs.reduce((s, q) => s + q, 0)).toBeCloseTo(1, 2); // ten numbers shown to 4 digits
  expect(probs.indexOf(Math.max(...probs))).toBe(Number(p));
  expect(y).not.toBe(p);
  await page.getByRole('region', { name: 'Misclassified digits' }).screenshot({ path: artifact('digits-10.png') });
});
