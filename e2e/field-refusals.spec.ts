/**
 * Refused entries, as a student meets them (report: /work/notes/explore-findings.md items 3, 5, 6, 7,
 * 13 and 16): a weight box refuses what is not a finite number with a message naming it; a message goes
 * once its field holds an accepted value again (the value it had, typed back); a number box that cannot
 * read its text says so; a ReLU output under binary cross entropy is explained at the output select with
 * a one-click way out; a refused paste keeps its text; "1000" units fit their box at 800 px.
 */
import { test, expect, type Page } from './app-test';
import { artifact } from './helpers';

const panel = (page: Page) => page.getByRole('complementary', { name: 'Experiment' });

async function fromNew(page: Page, width = 1280): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto('/');
  await page.getByRole('button', { name: 'New session' }).click();
  await expect(page.getByTestId('train-loss')).not.toHaveText('–');
}

/** Types `text` over a field's content (as keys: a number box takes "1e400" only so) and presses `key`. */
async function typeInto(page: Page, field: ReturnType<Page['getByLabel']>, text: string, key = 'Enter'): Promise<void> {
  await field.click();
  await page.keyboard.press('Control+a');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
  await page.keyboard.press(key);
}

test('a weight box refuses abc, Infinity, 1e400 and NaN, names the weight, and shows its value again', async ({ page }) => {
  await fromNew(page);
  const w = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  const was = await w.inputValue();
  const error = page.getByTestId('param-error');
  for (const [typed, got] of [['abc', 'got "abc"'], ['Infinity', 'got "Infinity"'], ['1e400', 'got "1e400", too large'], ['NaN', 'got "NaN"']]) {
    await typeInto(page, w, typed);
    await expect(error).toContainText(`W[0][0][0]: expected a finite number, ${got}`);
    await expect(error).toContainText(`it keeps ${was}`);
    await expect(w).toHaveValue(was);
    await expect(w).toHaveAttribute('aria-invalid', 'true');
  }
  await page.screenshot({ path: artifact('refusal-weight-1280.png') });
  await page.setViewportSize({ width: 800, height: 900 });
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('refusal-weight-800.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await typeInto(page, w, '0.25');
  await expect(error).toHaveCount(0);
  await expect(w).not.toHaveAttribute('aria-invalid', 'true');
  await expect(w).toHaveValue('0.25');

  // the value editor on the network graph: the same message, under its box, which shows the value again
  await page.getByRole('button', { name: /^W\[0\]\[0\]\[0\] / }).click();
  const box = page.getByRole('textbox', { name: 'New value for W[0][0][0]' });
  await box.fill('abc');
  await box.press('Enter');
  await expect(page.getByTestId('graph-edit-error')).toHaveText('W[0][0][0]: expected a finite number, got "abc"; it keeps 0.25');
  await expect(box).toHaveValue('0.25');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: artifact('refusal-graph-1280.png') });
  await page.setViewportSize({ width: 800, height: 900 });
  await box.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('refusal-graph-800.png') });
  await box.fill('0.5');
  await box.press('Enter');
  await expect(w).toHaveValue('0.5');
});

test('a refusal goes once its field holds an accepted value again, even the one it had', async ({ page }) => {
  await fromNew(page);
  const alerts = panel(page).getByRole('alert');
  const cases: [string, string, string, RegExp][] = [
    ['Units in layer 0', '2.5', '', /layers\[0\]\.units.*2\.5/],
    ['Epochs', '1e12', '', /experiment\.epochs/],
    ['Batch size', '100', 'full', /experiment\.batch_size/],
    ['Momentum', '-1', '0', /experiment\.optimizer\.momentum/],
    ['Training samples row 1 x1', '1e400', '', /Training samples, row 1, x1: expected a number, got "1e400", too large/],
  ];
  for (const [label, bad, good, message] of cases) {
    const field = panel(page).getByLabel(label, { exact: true });
    const held = good || (await field.inputValue());
    await typeInto(page, field, bad);
    await expect(alerts.filter({ hasText: message })).toHaveCount(1);
    await expect(field).toHaveValue(held);
    if (label === 'Units in layer 0') await page.screenshot({ path: artifact('refusal-stale-before-1280.png') });
    await typeInto(page, panel(page).getByLabel(label, { exact: true }), held);
    await expect(alerts.filter({ hasText: message })).toHaveCount(0);
  }
  await expect(alerts).toHaveCount(0);
  // the same by Tab instead of Enter
  const units = panel(page).getByLabel('Units in layer 0', { exact: true });
  await typeInto(page, units, '0', 'Tab');
  await expect(alerts).toHaveCount(1);
  await typeInto(page, units, '3', 'Tab');
  await expect(alerts).toHaveCount(0);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // the sweep: a new refusal replaces the one of the attempt before
  const form = page.getByTestId('sweep-form');
  await form.getByLabel('Count 1').fill('0');
  await form.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-errors')).toContainText('count');
  await form.getByLabel('Count 1').fill('3');
  await form.getByLabel('From 1').fill('');
  await form.getByTestId('sweep-run').click();
  await expect(form.getByRole('alert')).toHaveText('axis 1, from: expected a number, got ""');
  await expect(page.getByTestId('sweep-errors')).toHaveCount(0);
});

test('a number box that overflows says what went wrong, not got ""', async ({ page }) => {
  await fromNew(page);
  const lr = panel(page).getByLabel('Learning rate', { exact: true });
  const was = await lr.inputValue();
  await typeInto(page, lr, '1e400');
  const alert = panel(page).getByRole('alert').filter({ hasText: 'experiment.optimizer.lr' });
  await expect(alert).toHaveText(/expected a number, got a value the box cannot read as a number \(too large, such as 1e400/);
  await expect(alert).not.toContainText('got ""');
  await expect(lr).toHaveValue(was);
  // momentum: an unreadable value is refused, not taken for "empty: the default"
  await typeInto(page, panel(page).getByLabel('Momentum', { exact: true }), '1e400');
  await expect(panel(page).getByRole('alert').filter({ hasText: 'experiment.optimizer.momentum' })).toContainText('too large');
});

test('ReLU output under binary cross entropy: said at the output select, with a one-click fix', async ({ page }) => {
  for (const width of [800, 1280]) {
    await fromNew(page, width);
    const out = panel(page).getByLabel('Activation of layer 1');
    const loss = panel(page).getByLabel('Loss', { exact: true });
    await expect(loss).toHaveValue('binary_cross_entropy');
    await out.selectOption('relu');
    const conflict = page.getByTestId('output-conflict');
    await expect(conflict).toContainText('binary cross entropy needs a sigmoid output; the output layer would be ReLU: change the loss first, or pick sigmoid');
    await expect(out).toHaveValue('sigmoid');
    await expect(out).toHaveAttribute('aria-invalid', 'true');
    const lossMessage = panel(page).getByTestId('errors-loss');
    await expect(lossMessage).toHaveText('Loss — experiment.loss: binary cross entropy ("binary_cross_entropy") needs a sigmoid output layer; the output layer (layer 1) is "relu": change the loss, or make the output layer sigmoid');
    await expect(lossMessage).not.toContainText('expected');
    await page.screenshot({ path: artifact(`refusal-output-relu-${width}.png`) });
    await conflict.getByRole('button', { name: 'Use squared error with a ReLU output' }).click();
    await expect(loss).toHaveValue('squared_error');
    await expect(out).toHaveValue('relu');
    await expect(conflict).toHaveCount(0);
    await expect(panel(page).getByRole('alert')).toHaveCount(0);
  }
});

test('a refused paste keeps its text and stays open', async ({ page }) => {
  await fromNew(page, 800);
  await panel(page).locator('summary').filter({ hasText: 'Paste rows from a spreadsheet' }).first().click();
  const box = panel(page).getByLabel('Rows to paste into the training samples');
  await box.fill('1,a,2\n0,1,3');
  await panel(page).getByRole('button', { name: 'Replace the training samples' }).click();
  await expect(panel(page).getByRole('alert')).toContainText('expected a number, got "a"');
  await expect(box).toBeVisible();
  await expect(box).toHaveValue('1,a,2\n0,1,3');
  await page.screenshot({ path: artifact('refusal-paste-800.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: artifact('refusal-paste-1280.png') });
  await box.fill('1,0,2\n0,1,3');
  await panel(page).getByRole('button', { name: 'Replace the training samples' }).click();
  await expect(panel(page).getByText('Training samples (2 rows)')).toBeVisible();
  await expect(panel(page).getByRole('alert')).toHaveCount(0);
});

test('1000 units fit their box at 800 px', async ({ page }) => {
  await fromNew(page, 800);
  const units = panel(page).getByLabel('Units in layer 0', { exact: true });
  await typeInto(page, units, '1000');
  await expect(units).toHaveValue('1000');
  await expect(page.getByTestId('epoch')).toHaveText('0');
  // the text fits: the box's inner width holds it (a clipped "100(" had scrollWidth > clientWidth)
  const fits = await units.evaluate((el: HTMLInputElement) => {
    const cs = getComputedStyle(el);
    const c = document.createElement('canvas').getContext('2d')!;
    c.font = `${cs.fontSize} ${cs.fontFamily}`;
    const inner = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return { text: c.measureText('1000').width, inner, spin: cs.appearance === 'textfield' ? 0 : 15 };
  });
  // spin buttons (where shown) take about 15 px of the inner width; the layer rows have none (the arrow keys count)
  expect(fits.text + fits.spin + 2).toBeLessThanOrEqual(fits.inner);
  await units.scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('refusal-units-1000-800.png') });
});

test('the large-net view (1000 hidden units) refuses a weight that is not a finite number, naming it', async ({ page }) => {
  await fromNew(page);
  const units = panel(page).getByLabel('Units in layer 0', { exact: true });
  await typeInto(page, units, '1000');
  await expect(page.getByText('Strongest weights into h1')).toBeVisible();
  await page.getByRole('button', { name: /^W\[0\]\[0\]\[0\] from x1: / }).click();
  const box = page.getByRole('textbox', { name: 'New value for W[0][0][0]' });
  await box.fill('1e400');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  const alert = page.getByTestId('network-view').getByRole('alert');
  await expect(alert).toContainText('W[0][0][0]: expected a finite number, got "1e400", too large');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: artifact('refusal-large-net-1280.png') });
  await box.fill('0.125');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(alert).toHaveCount(0);
});

test('a refused target expression stays in its box, to be fixed where the message points', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="001-noisy-quadratic-learning-rates.nnlab"]').click();
  await expect(page.getByTestId('epoch')).toHaveText('0', { timeout: 30_000 });
  const target = page.getByLabel('Target expression');
  const was = await target.inputValue();
  await typeInto(page, target, 'n1^^2 + n2');
  await expect(panel(page).getByText('unexpected "^" at column 4')).toBeVisible();
  // it went back to the old expression at once: the typo the message points at was gone
  await expect(target).toHaveValue('n1^^2 + n2');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: artifact('refusal-target.png') });
  await typeInto(page, target, 'n1^2 + n2');
  await expect(panel(page).getByText('unexpected "^" at column 4')).toHaveCount(0);
  await expect(target).toHaveValue('n1^2 + n2');
  await expect(target).not.toHaveAttribute('aria-invalid', 'true');
  expect(was).toBe('n1^2 + n2 + randint(0, 5)');
  // then the box follows the data again: Undo takes the fix back (it kept showing the fix)
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(target).toHaveValue(was);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(target).toHaveValue('n1^2 + n2');
});

test('Run to epoch, the sample box and the stability settings say what they cannot use (they said got "" or nothing at all)', async ({ page }) => {
  await fromNew(page);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');

  // Run to epoch: an overflow, a fraction, an epoch already passed, then one that runs
  const runTo = page.getByRole('spinbutton', { name: 'Run to epoch' });
  const runToError = page.getByTestId('run-to-error');
  await typeInto(page, runTo, '1e400');
  await expect(runToError).toHaveText(/^Run to epoch: expected a whole epoch, such as 101; got a value the box cannot read as a number \(too large/);
  await expect(runTo).toHaveAttribute('aria-invalid', 'true');
  await typeInto(page, runTo, '2.5');
  await expect(runToError).toHaveText('Run to epoch: expected a whole epoch, such as 101; got "2.5"');
  await typeInto(page, runTo, '1');
  await expect(runToError).toHaveText('Run to epoch 1: the run is at epoch 1 already; give a later epoch');
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await page.getByTestId('network-view').screenshot({ path: artifact('refusal-run-to.png') });
  await typeInto(page, runTo, '5');
  await expect(page.getByTestId('epoch')).toHaveText('5');
  await expect(runToError).toHaveCount(0);
  await expect(runTo).not.toHaveAttribute('aria-invalid', 'true');

  // the sample shown: 9 of 4 is said, and the box shows the sample again
  const sample = page.getByRole('spinbutton', { name: 'Sample shown (1 to 4)' });
  await typeInto(page, sample, '3');
  await expect(page.getByTestId('sample-values')).toContainText('x1 = 1, x2 = 0');
  await typeInto(page, sample, '9');
  await expect(page.getByTestId('sample-refused')).toHaveText('Sample: expected a whole number from 1 to 4, got "9"; it shows sample 3');
  await expect(sample).toHaveValue('3');
  await page.getByRole('button', { name: 'Next sample' }).click();
  await expect(page.getByTestId('sample-refused')).toHaveCount(0);
  await expect(sample).toHaveValue('4');

  // the stability view's range: too large for the box, then out of its bounds
  const view = page.getByTestId('stability');
  await view.scrollIntoViewIfNeeded();
  const range = view.getByLabel('range');
  await typeInto(page, range, '1e400');
  await expect(view.getByRole('alert')).toHaveText(/^range: expected a number > 0 and ≤ 1000, got a value the box cannot read as a number \(too large/);
  await typeInto(page, range, '5000');
  await expect(view.getByRole('alert')).toHaveText('range: expected a number > 0 and ≤ 1000, got "5000"');
  await typeInto(page, range, '2');
  await expect(view.getByRole('alert')).toHaveCount(0);
  await page.getByTestId('network-view').screenshot({ path: artifact('refusals-run-to-sample.png') });
});

// A typo of a few zeros built 100 000 000 samples before the limit refused them: the window froze for
// minutes, then crashed, and the session was lost (a student pass). Now the limit is checked first.
test('100 000 000 training samples are refused at once, beside the field, and the session goes on', async ({ page }) => {
  await fromNew(page);
  await panel(page).getByLabel('Data kind').selectOption({ label: 'expression of inputs' });
  await panel(page).getByRole('button', { name: 'Change the network' }).click();
  const samples = panel(page).getByLabel('training samples', { exact: true });
  await expect(samples).toBeVisible();
  const was = await samples.inputValue();
  for (const [label, big] of [['training samples', '100000000'], ['test samples', '20000000']]) {
    const field = panel(page).getByLabel(label, { exact: true });
    await typeInto(page, field, big);
    await expect(panel(page).getByText(`expected at most 1000000 (NN Lab's limit), got ${big}`)).toBeVisible();
  }
  await expect(samples).toHaveValue(was);
  // the window answers: a step runs on the data as it was
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await page.screenshot({ path: artifact('refusal-samples-limit-1280.png') });
});
