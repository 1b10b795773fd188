/**
 * The network drawing a student can read (issues 9 and 16): on report 004's
 * 3-4-1 XOR net every weight label that is drawn overlaps no other label,
 * no bias label and no unit, and the first layer's weights are labelled;
 * the selected edge has its own colour (not the gradient glow's amber); a
 * tooltip never covers the unit under it; a 2-64-1 net is drawn in aggregate
 * (dots, not 64 overlapping circles). On the reports' nets (000, 002, 003,
 * 004) after an update, with and without z and δ, no text of the graph —
 * weight labels and the notebook's names above them, unit names and values,
 * biases, "was" notes, diagnosis marks — overlaps another or a unit, at
 * 1280, 1400 and 1920 px; on a 2-8-1 net no weight label does.
 * Screenshots at 1280×720 and 1920×1080.
 *
 *   E2E_PORT=4187 npx playwright test e2e/graph-layout.spec.ts --project web
 */
import { test, expect, type Page } from './app-test';
import { readFileSync } from 'node:fs';
import { artifact } from './helpers';
import { openSession } from './network-session';

const xor = JSON.parse(readFileSync(new URL('../assets/examples/004-xor-seven-learning-rates.nnlab', import.meta.url), 'utf8')) as Record<string, unknown>;

type Box = { left: number; right: number; top: number; bottom: number; name: string };
const hit = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, name: e.getAttribute('data-param') ?? e.textContent ?? '' };
  }));
}

async function expectNoCollisions(page: Page) {
  const labels = await boxes(page, '.graph text.wlabel');
  const biases = await boxes(page, '.graph text.bias');
  const circles = await boxes(page, '.graph circle');
  const texts = [...labels, ...biases];
  const clashes: string[] = [];
  texts.forEach((a, k) => texts.slice(k + 1).forEach((b) => { if (hit(a, b)) clashes.push(`${a.name} × ${b.name}`); }));
  for (const a of texts) for (const c of circles) if (hit(a, c)) clashes.push(`${a.name} × a unit`);
  expect(clashes).toEqual([]);
  // every number is painted over every edge: drawn with its own edge, later edges' lines crossed it
  const painted = await page.locator('.graph svg').first().evaluate((svg) => {
    const all = [...svg.querySelectorAll('line.w, text.wlabel, text.oname')];
    const firstLabel = all.findIndex((e) => e.tagName === 'text');
    return { firstLabel, edgesAfter: firstLabel < 0 ? 0 : all.slice(firstLabel).filter((e) => e.tagName === 'line').length };
  });
  expect(painted.edgesAfter, 'edge lines painted over a weight label').toBe(0);
  return labels;
}

test('3-4-1 XOR: weight labels on every layer where they fit, none colliding; selection violet; tooltip off the unit', async ({ page }) => {
  await openSession(page, '004.nnlab', { ...xor, runs: undefined });
  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    const labels = await expectNoCollisions(page);
    const first = labels.filter((l) => l.name.startsWith('W[0]'));
    expect(first.length, 'first-layer weights labelled').toBeGreaterThanOrEqual(6);
    expect(labels.filter((l) => l.name.startsWith('W[1]')).length).toBeGreaterThanOrEqual(3);
    await page.getByTestId('network-view').screenshot({ path: artifact(`graph-xor-${w}.png`) });
  }

  // the selected edge: a violet band of its own
  const edge = page.getByRole('button', { name: /^W\[1\]\[0\]\[3\]/ });
  await edge.click();
  await page.keyboard.press('Escape');
  const halo = page.locator('.graph g.edge.sel line.halo');
  await expect(halo).toHaveCount(1);
  expect(await halo.evaluate((e) => getComputedStyle(e).stroke)).toBe('rgb(124, 58, 237)');

  // hovering the edge h4 → out right beside the output unit: the tooltip covers no unit
  const circles = page.locator('.graph circle');
  const centre = async (k: number) => { const r = (await circles.nth(k).boundingBox())!; return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; };
  const [h4, o] = [await centre(6), await centre(7)];
  const t = 1 - 34 / Math.hypot(o.x - h4.x, o.y - h4.y);
  await page.mouse.move(h4.x + t * (o.x - h4.x), h4.y + t * (o.y - h4.y));
  const tip = page.getByTestId('graph-tip');
  await expect(tip).toBeVisible();
  const tb = (await tip.boundingBox())!;
  const tipBox = { left: tb.x, right: tb.x + tb.width, top: tb.y, bottom: tb.y + tb.height, name: 'tip' };
  for (const c of await boxes(page, '.graph circle')) expect(hit(tipBox, c), 'the tooltip covers a unit').toBe(false);
  await page.getByTestId('network-view').screenshot({ path: artifact('graph-xor-tooltip.png') });
});

test('a 2-64-1 net is drawn in aggregate: a column of dots, its inputs named', async ({ page }) => {
  const session = {
    format: 'nnlab', version: 1, title: 'XOR, 64 hidden units',
    experiment: {
      network: { inputs: 2, layers: [{ units: 64, activation: 'tanh', bias: true }, { units: 1, activation: 'sigmoid', bias: true }] },
      loss: 'binary_cross_entropy', reduction: 'mean', init: { kind: 'glorot_uniform' },
      data: { kind: 'inline', train: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [[0], [1], [1], [0]] } },
      optimizer: { kind: 'sgd', lr: 0.5 }, batch_size: 'full', shuffle: false, epochs: 100, seed: 3,
    },
  };
  await openSession(page, 'xor-64.nnlab', session);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  const view = page.getByTestId('network-view');
  await expect(view.locator('.graph circle')).toHaveCount(0);
  await expect(view.locator('.large canvas').first()).toBeVisible();
  await expect(view.locator('.ilabel')).toHaveText(['x1', 'x2']);
  for (const [w, h] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    await view.screenshot({ path: artifact(`graph-64-${w}.png`) });
  }
});

/** Every text of the graph (weight labels and their own names, unit names and values, biases, notes, marks) and every unit. */
async function allTexts(page: Page): Promise<Box[]> {
  return page.locator('.graph svg text').evaluateAll((els) => els.filter((e) => (e.textContent ?? '').trim() !== '').map((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, name: `${(e.getAttribute('class') ?? '').split(' ')[0]} ${e.getAttribute('data-param') ?? e.textContent}` };
  }));
}

async function clashes(page: Page, only?: RegExp): Promise<string[]> {
  const texts = await allTexts(page);
  const circles = await boxes(page, '.graph circle');
  const out: string[] = [];
  const counts = (a: Box, b: Box) => !only || only.test(a.name) || only.test(b.name);
  texts.forEach((a, k) => texts.slice(k + 1).forEach((b) => { if (counts(a, b) && hit(a, b)) out.push(`${a.name} × ${b.name}`); }));
  for (const a of texts) for (const c of circles) if ((!only || only.test(a.name)) && /^(wlabel|oname|bias)/.test(a.name) && hit(a, c)) out.push(`${a.name} × a unit`);
  return out;
}

for (const [file, what] of [
  ['000-lecture-relu-net-learning-rates.nnlab', "report 000's 2-2-1 with the notebook's names"],
  ['002-basic-network-f1-f2.nnlab', "report 002's 1-2-1 with its duplicate-unit marks"],
  ['003-homework-2-3-1-sigmoid-step.nnlab', "report 003's 2-3-1 with the homework's names"],
  ['004-xor-seven-learning-rates.nnlab', "report 004's 3-4-1"],
] as const) {
  test(`${what}: no text of the graph overlaps another or a unit, at 1280, 1400 and 1920 px`, async ({ page }) => {
    await page.goto('/');
    await page.locator(`button.example[data-file="${file}"]`).click();
    await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Step update' }).click();
    await expect(page.getByRole('button', { name: 'Step phase: forward pass' })).toBeVisible();
    const view = page.getByTestId('network-view');
    for (const z of [false, true]) {
      if (z) await view.getByLabel('z and δ').check();
      for (const w of [1280, 1400, 1920]) {
        await page.setViewportSize({ width: w, height: 900 });
        await page.waitForTimeout(300);
        expect(await clashes(page), `${w} px${z ? ', z and δ on' : ''}`).toEqual([]);
        expect((await allTexts(page)).filter((t) => t.name.startsWith('wlabel')).length, 'weight labels drawn').toBeGreaterThanOrEqual(2);
      }
    }
    await view.screenshot({ path: artifact(`graph-texts-${file.slice(0, 3)}.png`) });
  });
}

test('a 2-8-1 net (the rings example): no weight label overlaps any text or unit, nor a unit\'s name, value or bias another\'s, at 1280, 1400 and 1920 px', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="classification-rings-hidden-units.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(page.getByRole('button', { name: 'Step phase: forward pass' })).toBeVisible();
  for (const z of [false, true]) {
    if (z) await page.getByTestId('network-view').getByLabel('z and δ').check();
    for (const w of [1280, 1400, 1920]) {
      await page.setViewportSize({ width: w, height: 900 });
      await page.waitForTimeout(300);
      expect(await clashes(page, /^(wlabel|oname) /), `${w} px${z ? ', z and δ on' : ''}`).toEqual([]);
      // the eight hidden units get room: names, values and biases clear of each other and of the units
      // (the drawing was capped at 460 px and they overlapped)
      const own = (await clashes(page, /^(uname|aval|bias) /)).filter((c) => /^(uname|aval|bias) .* × (uname|aval|bias|a unit)/.test(c) || / × (uname|aval|bias) /.test(c));
      expect(own, `${w} px${z ? ', z and δ on' : ''}`).toEqual([]);
      const circles = await boxes(page, '.graph circle');
      const touching = circles.flatMap((a, k) => circles.slice(k + 1).filter((b) => hit(a, b)).map(() => 'two units overlap'));
      expect(touching).toEqual([]);
    }
  }
});

// The spirals' 2-16-16-1: columns of 10 units or more are drawn compact, 58 px a unit (the graph was ~1370 px
// tall), each bias shown only while its unit or the bias is pointed at, focused or selected; the units' names
// and values still clear of each other and of the units. The rings' 8 stay as they were (every bias shown).
test('the spirals\' 2-16-16-1 is drawn compact: ~1020 px tall, names and values clear, a bias shown on hover or focus and editable', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto('/');
  await page.locator('button.example[data-file="classification-two-spirals.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Step update' }).click();
  await expect(page.getByRole('button', { name: 'Step phase: forward pass' })).toBeVisible();
  const graph = page.locator('.graph');
  await expect(graph).toHaveAttribute('data-compact', 'true');
  const svg = graph.locator('svg').first();
  await svg.scrollIntoViewIfNeeded();
  const height = (await svg.boundingBox())!.height;
  expect(height).toBeLessThan(1100);
  expect(height).toBeGreaterThan(900);
  // names and values: clear of each other and of the units; no two units touch
  const own = (await clashes(page, /^(uname|aval) /)).filter((c) => /^(uname|aval) .* × (uname|aval) /.test(c));
  expect(own).toEqual([]);
  const texts = (await allTexts(page)).filter((t) => /^uname /.test(t.name));
  const circles = await boxes(page, '.graph circle');
  expect(texts.flatMap((t) => circles.filter((c) => hit(t, c)).map(() => `${t.name} × a unit`))).toEqual([]);
  expect(circles.flatMap((a, k) => circles.slice(k + 1).filter((b) => hit(a, b)).map(() => 'two units overlap'))).toEqual([]);

  const opacities = () => graph.locator('text.bias').evaluateAll((ts) => ts.map((t) => getComputedStyle(t).opacity));
  const biases = await opacities();
  expect(biases).toHaveLength(33);
  expect(biases.every((o) => o === '0'), 'every bias hidden').toBe(true);
  // pointing at h1.4 shows its bias, b[0][3], alone
  const unit = (await graph.locator('circle').nth(5).boundingBox())!;
  await page.mouse.move(unit.x + unit.width / 2, unit.y + unit.height / 2);
  const bias = graph.locator('text.bias[data-param="b[0][3]"]');
  await expect(bias).toHaveCSS('opacity', '1');
  expect((await opacities()).filter((o) => o === '1')).toHaveLength(1);
  // and clicking it edits it, as before
  await bias.click();
  await expect(page.getByRole('textbox', { name: 'New value for b[0][3]' })).toBeVisible();
  await page.keyboard.press('Escape');
  // pointed away: the selected bias (the one clicked) stays, no other shows
  await page.mouse.move(0, 0);
  await expect(graph.locator('text.bias[data-param="b[0][4]"]')).toHaveCSS('opacity', '0');
  await expect(bias).toHaveCSS('opacity', '1');
  expect((await opacities()).filter((o) => o === '1')).toHaveLength(1);
  // the keyboard: a focused bias shows
  await graph.locator('text.bias[data-param="b[1][7]"]').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(graph.locator('text.bias[data-param="b[1][7]"]')).toHaveCSS('opacity', '1');
  await svg.screenshot({ path: artifact('graph-spirals-compact.png') });

  // the rings' 8 hidden units: not compact, every bias shown
  await page.locator('button', { hasText: 'Examples…' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.locator('dialog button.example[data-file="classification-rings-hidden-units.nnlab"]').click();
  await expect(page.getByTestId('epoch-target')).toHaveText('150');
  await expect(graph).toHaveAttribute('data-compact', 'false');
  expect((await opacities()).every((o) => o === '1')).toBe(true);
});
