/**
 * The network view in Chromium: report 000's lecture network (2-2-1 ReLU,
 * x = (1, 0), y = 2, (a − y)², lr 0.005) stepped one update, the numbers read
 * off the screen (report 000's table: w1 0.995, w2 0.495, w5 0.9925, w6 0.9975,
 * b1 0.495, b2 −0.005, b3 0.495; w3 = 1 and w4 = −1 unchanged because x2 = 0);
 * an MNIST-sized 784-64-10 net drawn and timed. Screenshots in e2e/artifacts/.
 */
import { test, expect } from './app-test';
import type { Page } from '@playwright/test';
import { artifact } from './helpers';
import { openSession } from './network-session';

const lecture = {
  format: 'nnlab', version: 1, title: 'Lecture 6: three-node ReLU network',
  experiment: {
    network: { inputs: 2, layers: [{ units: 2, activation: 'relu', bias: true }, { units: 1, activation: 'relu', bias: true }] },
    loss: 'squared_error', reduction: 'mean',
    init: { kind: 'explicit', weights: [[[1, 1], [0.5, -1]], [[1, 1]]], biases: [[0.5, 0], [0.5]] },
    data: { kind: 'inline', train: { x: [[1, 0]], y: [[2]] } },
    optimizer: { kind: 'sgd', lr: 0.005 }, batch_size: 'full', shuffle: false, epochs: 100, seed: 1,
  },
};

/** The "new" column of the math view's update table. */
const newValue = (page: Page, name: string) => page.locator(`[data-testid="update-table"] tr[data-param="${name}"] td.new`);

test('lecture network: one update at lr 0.005 shows report 000\'s numbers', async ({ page }) => {
  await openSession(page, 'lecture.nnlab', lecture);
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  // the forward phase: values on the units (n1 = 1.5, n2 = 0.5, out = 2.5)
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.locator('text.aval[data-unit="h1"]')).toHaveText('1.5');
  await expect(page.locator('text.aval[data-unit="h2"]')).toHaveText('0.5');
  await expect(page.locator('text.aval[data-unit="out"]')).toHaveText('2.5');
  await page.screenshot({ path: artifact('network-lecture-before.png') });

  await page.getByRole('button', { name: 'Step update' }).click();
  const expected: [string, string][] = [
    ['W[0][0][0]', '0.995'], ['W[0][1][0]', '0.495'], ['W[1][0][0]', '0.9925'], ['W[1][0][1]', '0.9975'],
    ['b[0][0]', '0.495'], ['b[0][1]', '-0.005'], ['b[1][0]', '0.495'],
    ['W[0][0][1]', '1'], ['W[0][1][1]', '-1'], // w3, w4: x2 = 0, no change
  ];
  for (const [name, v] of expected) await expect(newValue(page, name)).toHaveText(v);
  // and on the graph itself: edge labels and biases show the new weights
  await expect(page.locator('text.wlabel[data-param="W[1][0][0]"]')).toHaveText('0.9925');
  await expect(page.locator('text.wlabel[data-param="W[0][0][1]"]')).toHaveText('1');
  await expect(page.locator('text.bias[data-param="b[0][1]"]')).toHaveText('b = -0.005');

  // the math of w1: 1 · 1 · 1 · 1 · 1 = 1, then 1 − 0.005 · 1 = 0.995
  await page.getByRole('button', { name: /^Show the math of W\[0\]\[0\]\[0\]/ }).click();
  await expect(page.getByTestId('chain-rule').locator('[data-tex*="= 1 \\\\cdot 1 \\\\cdot 1 \\\\cdot 1 \\\\cdot 1 = 1"]')).toHaveCount(1);
  await expect(page.locator("[data-tex=\"{w^{(1)}_{1,1}}' = 1 - 0.005 \\\\cdot 1 = 0.995\"]")).toHaveCount(1);
  // w3: zero, and why
  await page.getByRole('button', { name: /^Show the math of W\[0\]\[0\]\[1\]/ }).click();
  await expect(page.getByTestId('zero-why')).toHaveText('The gradient is 0 because the input feeding it, x2, is 0, and ∂z/∂w = x2 = 0.');
  await page.screenshot({ path: artifact('network-lecture-after.png') });

  // the edge is a keyboard-reachable button named with its numbers
  const edge = page.getByRole('button', { name: /^W\[1\]\[0\]\[0\] \(h1 → out\)/ });
  await expect(edge).toHaveAttribute('aria-label', /value: 0\.9925, gradient: 1\.5, last change: -0\.0075/);
});

test('timeline shows the network as it was at a recorded epoch', async ({ page }) => {
  await openSession(page, 'lecture.nnlab', lecture);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  const slider = page.getByRole('slider', { name: 'Timeline: recorded epoch shown' });
  await slider.focus();
  await slider.press('Home');
  await expect(page.getByTestId('timeline-epoch')).toHaveText('epoch 0');
  await expect(page.locator('text.wlabel[data-param="W[0][0][0]"]')).toHaveText('1');
  await slider.press('ArrowRight');
  await expect(page.getByTestId('timeline-epoch')).toHaveText('epoch 1');
  await expect(page.locator('text.wlabel[data-param="W[0][0][0]"]')).toHaveText('0.995');
  await page.getByRole('button', { name: 'Back to now' }).click();
  await expect(page.getByTestId('timeline-epoch')).toHaveText('now');
});

// The first [ showed the current epoch again, "epoch 2 (recorded)", beside the same weights (a student pass).
test('[ and ] step the timeline one recorded epoch at a time, the first [ to the epoch before now', async ({ page }) => {
  await openSession(page, 'lecture.nnlab', lecture);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  const shown = page.getByTestId('timeline-epoch');
  await expect(shown).toHaveText('now');
  await page.locator('main').first().click({ position: { x: 5, y: 5 } });
  for (const [key, text] of [['[', 'epoch 1'], ['[', 'epoch 0'], ['[', 'epoch 0'], [']', 'epoch 1'], [']', 'now'], [']', 'now'], ['[', 'epoch 1']]) {
    await page.keyboard.press(key);
    await expect(shown).toHaveText(text);
  }
  await expect(page.locator('text.wlabel[data-param="W[0][0][0]"]')).toHaveText('0.995');
  // the slider: its last position is now, the one before it epoch 1
  const slider = page.getByRole('slider', { name: 'Timeline: recorded epoch shown' });
  await expect(slider).toHaveAttribute('max', '2');
  await slider.focus();
  await slider.press('End');
  await expect(shown).toHaveText('now');
  await slider.press('ArrowLeft');
  await expect(shown).toHaveText('epoch 1');
});

/** 784-64-10 with 32 inline samples: pixel values k/31 patterns, one-hot targets. */
function mnistSized() {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let s = 0; s < 32; s++) {
    x.push(Array.from({ length: 784 }, (_, i) => {
      const r = Math.floor(i / 28), c = i % 28;
      const d = Math.hypot(r - 14, c - 14);
      return Math.abs(d - 4 - (s % 8)) < 1.6 ? 1 : 0; // rings of different radii
    }));
    y.push(Array.from({ length: 10 }, (_, k) => (k === s % 10 ? 1 : 0)));
  }
  return {
    format: 'nnlab', version: 1, title: 'MNIST-sized 784-64-10',
    experiment: {
      network: { inputs: 784, layers: [{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }] },
      loss: 'cross_entropy', reduction: 'mean', init: { kind: 'he_normal' },
      data: { kind: 'inline', train: { x, y } },
      optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 50, seed: 7,
    },
  };
}

test('784-64-10: drawn as an image with aggregate edges; render and update times', async ({ page }) => {
  test.setTimeout(240_000);
  await openSession(page, 'mnist-sized.nnlab', mnistSized());
  await page.getByRole('button', { name: 'Step phase: forward pass' }).click();
  await expect(page.getByRole('combobox', { name: 'Hidden unit whose incoming weights are shown' })).toBeVisible();
  await page.waitForFunction(() => ((window as unknown as { __nnlabTimings?: Record<string, number[]> }).__nnlabTimings?.['network-draw']?.length ?? 0) > 0);
  const timings = () => page.evaluate(() => (window as unknown as { __nnlabTimings: Record<string, number[]> }).__nnlabTimings['network-draw'].slice());
  const first = await timings();
  await page.screenshot({ path: artifact('network-784-64-10.png') });
  // one epoch, then the redraw with the new weights
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await page.waitForFunction((n) => (window as unknown as { __nnlabTimings: Record<string, number[]> }).__nnlabTimings['network-draw'].length > n, first.length);
  const all = await timings();
  const render = Math.max(...first);
  const update = all[all.length - 1];
  console.log(JSON.stringify(await page.evaluate(() => (window as unknown as { __nnlabTimings: Record<string, number[]> }).__nnlabTimings)));
  console.log(`784-64-10 network: render ${render.toFixed(1)} ms, update after an epoch ${update.toFixed(1)} ms (canvas draw incl. top-edge selection)`);
  // generous bounds (shared CI machine); the target is 100 ms each
  expect(render).toBeLessThan(300);
  expect(update).toBeLessThan(300);
  // still interactive: pick a strongest weight, the math view follows
  await page.getByRole('button', { name: /^W\[0\]\[0\]\[\d+\] from x\d+:/ }).first().click();
  await expect(page.getByTestId('math-selected')).toContainText('W[0][0][');
  await page.screenshot({ path: artifact('network-784-64-10-selected.png') });
});

test('a unit\'s value stays inside its circle, however long (a linear output that diverged: 4.4e157)', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByLabel('Loss', { exact: true }).selectOption('squared_error');
  await page.getByLabel('Activation of layer 1').selectOption('linear');
  await expect(page.getByLabel('Activation of layer 1')).toHaveValue('linear');
  const lr = page.getByLabel('Learning rate');
  await lr.fill('1e6');
  await lr.press('Enter');
  await expect(lr).toHaveValue('1000000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText(/^diverged at epoch \d+/, { timeout: 60_000 });
  const values = page.locator('text.aval[data-unit]');
  const outside = await values.evaluateAll((els) =>
    els.flatMap((el) => {
      const t = el.getBoundingClientRect();
      const c = el.parentElement!.querySelector('circle')!.getBoundingClientRect();
      return t.width > 0 && (t.left < c.left || t.right > c.right) ? [`${el.getAttribute('data-unit')} = ${el.textContent} (${t.width.toFixed(0)} px in ${c.width.toFixed(0)})`] : [];
    }),
  );
  const out = values.and(page.locator('[data-unit="out"]'));
  await expect(out).toHaveText(/e\d{2,3}$/); // a value past 1e10 at the end, the case this is about
  await page.getByTestId('network-view').screenshot({ path: artifact('network-diverged-800.png') });
  expect(outside).toEqual([]);
});

test('a weight edited on the graph from the keyboard: Enter and Escape give the focus back to its edge, Tab keeps the value and goes on', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
  const edge = page.locator('line.hit[data-edge="W[0][0][0]"]');
  await edge.focus();
  await page.keyboard.press('Enter');
  const editor = page.getByLabel('New value for W[0][0][0]');
  await expect(editor).toBeFocused();
  await page.keyboard.type('0.75');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.75');
  // the focus was left on the page's body, and Tab started again from the toolbar
  await expect(edge).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('9');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(edge).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.75');
  await page.keyboard.press('Tab');
  await expect(page.locator('line.hit[data-edge="W[0][0][1]"]')).toBeFocused();
  // Tab in the editor keeps the value and goes on to the next edge (it threw the value away, focus on the plots)
  await page.keyboard.press('Enter');
  await page.keyboard.type('0.2');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'W[0][0][1]', exact: true })).toHaveValue('0.2');
  await expect(page.locator('line.hit[data-edge="W[0][1][0]"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.type('-0.35');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('textbox', { name: 'W[0][1][0]', exact: true })).toHaveValue('-0.35');
  await expect(page.locator('line.hit[data-edge="W[0][0][1]"]')).toBeFocused();
  // a click elsewhere keeps a number typed, and leaves text that is none as it was
  await page.keyboard.press('Enter');
  await page.keyboard.type('0.33');
  await page.getByTestId('train-loss').click();
  await expect(page.getByRole('textbox', { name: 'W[0][0][1]', exact: true })).toHaveValue('0.33');
  await page.locator('line.hit[data-edge="W[0][0][1]"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('abc');
  await page.getByTestId('train-loss').click();
  await expect(page.getByLabel('New value for W[0][0][1]')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'W[0][0][1]', exact: true })).toHaveValue('0.33');
  // a bias too
  const bias = page.locator('text.bias[data-param="b[0][0]"]');
  await bias.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('0.5');
  await page.keyboard.press('Enter');
  await expect(bias).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'b[0][0]', exact: true })).toHaveValue('0.5');
});
