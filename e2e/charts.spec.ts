/**
 * Plots and diagnoses (issue 16): the classification metrics of MNIST 5 vs 6
 * measured by the trainer (the confusion matrix adds up to the test set and
 * gives the readout's accuracy; a cell lists exactly its digits), report
 * 002's near-duplicate hidden units flagged after 1000 epochs (and none for
 * a net with distinct units), and screenshots of each chart at 1280×720 and
 * 1920×1080 (e2e/artifacts/charts-*.png), with every legend and tick text
 * inside its chart.
 *
 *   E2E_PORT=4187 npx playwright test e2e/charts.spec.ts --project web
 */
import { test, expect, type Page } from './app-test';
import { readFileSync } from 'node:fs';
import { artifact, waitStatus } from './helpers';
import { openSession } from './network-session';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../assets/examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const plots = (page: Page) => page.getByRole('region', { name: 'Plots' });

/** every <text> of every chart lies inside its svg (nothing cut at an edge) */
async function expectTextInside(page: Page): Promise<number> {
  const out = await page.locator('figure.chart svg').evaluateAll((svgs) => svgs.flatMap((svg) => {
    const box = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('text')).map((t) => {
      const r = t.getBoundingClientRect();
      const inside = r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      return { text: t.textContent, inside, cut: t.textContent?.endsWith('…') ?? false };
    });
  }));
  expect(out.filter((t) => !t.inside), 'texts outside their chart').toEqual([]);
  return out.length;
}

async function tab(page: Page, name: string) {
  await plots(page).getByRole('tab', { name }).click();
}

test('MNIST 5 vs 6 after two epochs: the confusion matrix adds up to the test set, its accuracy is the readout\'s, a cell lists its digits', async ({ page }) => {
  const example = load('003-mnist-5-vs-6.nnlab');
  await openSession(page, '003-mnist-5-vs-6.nnlab', { ...example, runs: undefined });
  const stepEpoch = page.getByRole('button', { name: 'Step epoch', exact: true });
  await expect(stepEpoch).toBeEnabled({ timeout: 30_000 });
  await stepEpoch.click();
  await expect(page.getByTestId('epoch')).toHaveText('1', { timeout: 30_000 });
  await stepEpoch.click();
  await expect(page.getByTestId('epoch')).toHaveText('2', { timeout: 30_000 });

  // the Function tab no longer claims the digits are missing
  await tab(page, 'Function');
  await expect(plots(page)).not.toContainText('not available');
  await expect(plots(page)).toContainText('Classification tab');

  await tab(page, 'Classification');
  const cls = page.getByTestId('classification');
  await expect(cls.getByText('weights after epoch 2')).toBeVisible({ timeout: 30_000 });
  await expect(cls).not.toContainText('updating');
  const counts = (await cls.getByTestId('cm-cell').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count')))));
  expect(counts).toHaveLength(4);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(377); // n_test of the example
  await expect(cls.getByTestId('cm-total')).toHaveText('377');
  const readout = (await page.getByLabel('Test accuracy').textContent())!.trim();
  await expect(cls.getByTestId('cm-accuracy')).toHaveText(readout);
  expect(readout).toMatch(/%/);
  // per-class metrics for both classes and the macro average
  await expect(cls.getByTestId('class-metrics').locator('tbody tr')).toHaveCount(3);

  // the training set: 1500 digits
  await cls.getByRole('radio', { name: 'training set' }).click();
  await expect(cls.getByTestId('cm-total')).toHaveText('1500');
  await expect(cls.getByTestId('cm-accuracy')).toHaveText((await page.getByLabel('Training accuracy').textContent())!.trim());
  await cls.getByRole('radio', { name: 'test set' }).click();

  // an off-diagonal cell (the 5s taken for 6s, or else the 6s taken for 5s) and a diagonal one: exactly their digits
  const off = counts[1] > 0 ? 1 : 2;
  for (const k of [off, 3]) {
    await cls.getByTestId('cm-cell').nth(k).click();
    const list = cls.getByTestId('cell-samples');
    await expect(list.getByTestId('cell-summary')).toHaveText(new RegExp(`^${counts[k]} test samples? · page 1$`));
    let seen = 0;
    for (;;) {
      await expect(list.locator('.grid')).toHaveAttribute('aria-busy', 'false');
      seen += await list.getByTestId('cell-sample').count();
      const next = list.getByRole('button', { name: 'Next ›' });
      if (await next.isDisabled()) break;
      await next.click();
      await expect(list.getByTestId('cell-summary')).toContainText(`page ${Math.ceil(seen / 48) + 1}`);
    }
    expect(seen).toBe(counts[k]);
    // drawn as digits: 28×28 canvases
    if (counts[k] > 0) expect(await list.locator('canvas').first().evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([28, 28]);
    // each digit one list item, said in full (the captions ran together for a screen reader)
    if (counts[k] > 0) await expect(list.getByRole('listitem').first().getByRole('img')).toHaveAccessibleName(/^test digit #\d+: true \S+, predicted \S+ with [\d.]+ ?% confidence$/);
  }
  // a second snapshot of the same weights (a Pause while paused; CI once got one from a late
  // evaluation) keeps the page the student is on instead of going back to page 1
  if (counts[3] > 48) {
    const list = cls.getByTestId('cell-samples');
    await cls.getByTestId('cm-cell').nth(3).click();
    await expect(list.locator('.grid')).toHaveAttribute('aria-busy', 'false');
    await list.getByRole('button', { name: 'Next ›' }).click();
    await expect(list.getByTestId('cell-summary')).toContainText('page 2');
    await expect(list.locator('.grid')).toHaveAttribute('aria-busy', 'false');
    await page.evaluate(() => {
      const app = (window as unknown as { nnlabApp: { snapshot: unknown; hosts: { trainer: { send(c: unknown): void } } } }).nnlabApp;
      (window as unknown as { before: unknown }).before = app.snapshot;
      app.hosts.trainer.send({ type: 'pause' });
    });
    await page.waitForFunction(() => (window as unknown as { nnlabApp: { snapshot: unknown }; before: unknown }).nnlabApp.snapshot !== (window as unknown as { before: unknown }).before);
    await expect(list.getByTestId('cell-summary')).toContainText('page 2');
    await expect(list.locator('.grid')).toHaveAttribute('aria-busy', 'false');
    await expect(list.getByTestId('cell-sample')).toHaveCount(48);
  }
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await cls.getByTestId('cm-cell').nth(off).click();
    await plots(page).scrollIntoViewIfNeeded();
    await plots(page).screenshot({ path: artifact(`charts-classification-mnist-${w}.png`) });
  }
});

test('report 002 (f1, h = 3) after 1000 epochs at lr 0.1: the two hidden units are flagged as near-duplicates', async ({ page }) => {
  const example = load('002-basic-network-f1-f2.nnlab');
  await openSession(page, '002.nnlab', { ...example, runs: undefined });
  const diag = page.getByTestId('network-view').getByTestId('diagnostic');
  await expect(page.getByTestId('network-view')).toContainText('Checks:');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /finished/);
  await expect(page.getByTestId('epoch')).toHaveText('1000');
  await expect(diag).toHaveCount(2, { timeout: 15_000 });
  await expect(diag.first()).toHaveAttribute('data-kind', 'similar');
  await expect(diag.first()).toContainText(/h1 is a near-duplicate of h2 \(r = 0\.99999\d*\)/);
  await expect(diag.nth(1)).toContainText(/h2 is a near-duplicate of h1/);
  await expect(page.getByTestId('epoch-target')).toHaveText('1000');

  // the charts of this run at both sizes
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('network-view').screenshot({ path: artifact(`charts-network-002-${w}.png`) });
    for (const name of ['Loss', 'Function', 'Gradients', 'Parameters']) {
      await tab(page, name);
      if (name === 'Parameters') await page.getByTestId('network-view').locator('line.hit').first().click();
      await expect(plots(page).locator('figure.chart').first()).toBeVisible();
      await plots(page).scrollIntoViewIfNeeded();
      await plots(page).screenshot({ path: artifact(`charts-${name.toLowerCase()}-002-${w}.png`) });
      expect(await expectTextInside(page)).toBeGreaterThan(8);
    }
  }
  // the gradient-norm legend names both layers
  await tab(page, 'Gradients');
  await expect(plots(page).locator('svg text[data-role="legend"]')).toHaveText(['layer 0 (W[0], b[0])', 'layer 1 (W[1], b[1])']);
  await expect(plots(page).getByRole('button', { name: 'History CSV' })).toBeEnabled();
  // the exported file is the chart on screen: both layers in its legend too
  const download = page.waitForEvent('download');
  await plots(page).getByRole('button', { name: 'SVG', exact: true }).click();
  const file = await (await download).path();
  const svg = readFileSync(file, 'utf8');
  expect(svg).toContain('layer 0 (W[0], b[0])');
  expect(svg).toContain('layer 1 (W[1], b[1])');
  expect(svg).toContain('font-family');
});

test('a 2-input classifier: the output map diverges around 0.5, with the decision boundary and the data by class', async ({ page }) => {
  // two blobs of 0s and 1s, a 2-3-1 tanh/sigmoid net
  const x: number[][] = [];
  const y: number[][] = [];
  for (let k = 0; k < 40; k++) {
    const a = (k * 2.399) % (2 * Math.PI);
    const r = 0.3 + ((k * 7) % 10) / 20;
    const c = k % 2;
    x.push([Number((c * 1.5 - 0.75 + r * Math.cos(a)).toFixed(3)), Number((c * 1.5 - 0.75 + r * Math.sin(a)).toFixed(3))]);
    y.push([c]);
  }
  const session = {
    format: 'nnlab', version: 1, title: 'two blobs',
    experiment: {
      network: { inputs: 2, layers: [{ units: 3, activation: 'tanh', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] },
      loss: 'binary_cross_entropy', reduction: 'mean', init: { kind: 'glorot_uniform' },
      // CSV with a header: the map's axes carry its column names
      data: { kind: 'csv', text: `petal length,petal width,virginica\n${x.map((r, k) => `${r[0]},${r[1]},${y[k][0]}`).join('\n')}\n`, inputs: ['petal length', 'petal width'], targets: ['virginica'] },
      optimizer: { kind: 'sgd', lr: 0.5 }, batch_size: 'full', shuffle: false, epochs: 200, seed: 2,
    },
  };
  await openSession(page, 'blobs.nnlab', session);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus(page, /finished/);
  await tab(page, 'Function');
  const svg = plots(page).locator('figure.chart svg');
  await expect(svg.locator('path[stroke="#111"]')).toHaveCount(1); // the boundary
  await expect(svg.locator('text[data-role="tick"][font-weight="700"]')).toHaveText('0.5'); // the threshold on the colour bar
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await plots(page).scrollIntoViewIfNeeded();
    await plots(page).screenshot({ path: artifact(`charts-map-classifier-${w}.png`) });
    await expectTextInside(page);
  }
  await tab(page, 'Classification');
  await expect(page.getByTestId('cm-total')).toHaveText('40');
  await expect(page.getByTestId('cm-accuracy')).toHaveText((await page.getByLabel('Training accuracy').textContent())!.trim());
  await page.getByTestId('cm-cell').nth(0).click();
  await expect(page.getByTestId('cell-samples').getByTestId('cell-sample')).toHaveCount(Number(await page.getByTestId('cm-cell').nth(0).getAttribute('data-count')));
  await plots(page).screenshot({ path: artifact('charts-classification-blobs.png') });
});

test('a net with distinct hidden units flags none; the 2-input output map has its scale, ticks and input names', async ({ page }) => {
  // report 001's noisy quadratic: 2 inputs n1, n2
  const example = load('001-noisy-quadratic-learning-rates.nnlab');
  await openSession(page, '001.nnlab', { ...example, runs: undefined });
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  await expect(page.getByTestId('network-view')).toContainText('Checks:');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('network-view').getByTestId('diagnostic')).toHaveCount(0);
  await tab(page, 'Function');
  const map = plots(page).locator('figure.chart svg');
  await expect(map.locator('text[data-role="title"]').first()).toBeVisible();
  const titles = await map.locator('text[data-role="title"]').allTextContents();
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await plots(page).scrollIntoViewIfNeeded();
    await plots(page).screenshot({ path: artifact(`charts-map-001-${w}.png`) });
    await expectTextInside(page);
  }
  expect(titles.join(' ')).not.toMatch(/\bx1\b/);
  expect(await map.locator('text[data-role="tick"]').count()).toBeGreaterThan(8);
});
