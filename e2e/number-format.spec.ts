/**
 * One number formatter (src-core/derivation/format.ts): the toolbar's loss
 * readout and the math view's loss line print the same loss with the same
 * digits, and those are the CLI's loss cut to 8 significant digits.
 *
 * The net is one linear unit, w = 1, b = 0, one sample x = 1, y = 1. The
 * student types w = 1.00654321 into the weights table: the loss is
 * (1.00654321 − 1)² = 4.2813597…e-5 (numpy: 4.281359710410028e-05), a value
 * the two former formatters printed differently (0.000042813597 in the
 * readout, 4.2813597 × 10⁻⁵ in the math).
 */
import { test, expect } from './app-test';
import { fmt, tex } from '../src-core/derivation/format';
import { artifact, cli, saveText } from './helpers';
import { openSession } from './network-session';

const session = {
  format: 'nnlab', version: 1, title: 'One weight',
  experiment: {
    network: { inputs: 1, layers: [{ units: 1, activation: 'linear', bias: true }] },
    loss: 'squared_error', reduction: 'mean',
    init: { kind: 'explicit', weights: [[[1]]], biases: [[0]] },
    data: { kind: 'inline', train: { x: [[1]], y: [[1]] } },
    optimizer: { kind: 'sgd', lr: 0.1 }, batch_size: 'full', shuffle: false, epochs: 10, seed: 1,
  },
};

/** "4.2813597 \times 10^{-5}" → "4.2813597e-5", "0.25" → "0.25": the digits a TeX number shows, written as fmt writes them. */
function texDigits(t: string): string {
  const m = /^(-?[\d.]+) \\times 10\^\{(-?\d+)\}$/.exec(t);
  return m ? `${m[1]}e${m[2]}` : t;
}

test('the readout and the math view print a one-sample loss with the same digits as the CLI', async ({ page }) => {
  await openSession(page, 'one-weight.nnlab', session);
  await expect(page.getByTestId('train-loss')).toHaveText('0');

  // the student types the weight into the weights table
  const input = page.getByRole('textbox', { name: 'W[0][0][0]', exact: true });
  await input.fill('1.00654321');
  await input.press('Enter');
  await expect(input).toHaveValue('1.0065432'); // shown to 8 digits, kept exactly (the CLI's loss below is of 1.00654321)
  // an edit reruns the forward pass at once: the next phase is the backward pass
  await expect(page.getByRole('button', { name: 'Step phase: backward pass' })).toBeVisible();

  // the CLI's loss for the saved session (the forward pass of its first update)
  const cliLoss: number = cli(await saveText(page), ['step', '--json']).loss;
  expect(cliLoss).toBe(4.281359710410028e-5); // numpy, the same operations
  expect(fmt(cliLoss)).toBe('4.2813597e-5');

  const readout = page.getByTestId('train-loss');
  await expect(readout).toHaveText(fmt(cliLoss));
  // each side of the loss line one TeX group (the line breaks only at its = signs)
  const lines = page.getByTestId('math-view').locator('[data-tex^="{L} = "]');
  await expect(lines).toHaveCount(1);
  const line = (await lines.getAttribute('data-tex'))!;
  expect(line).toBe(`{L} = {\\ell_1} = {${tex(cliLoss)}}`);
  expect(texDigits(line.replace('{L} = {\\ell_1} = ', '').slice(1, -1))).toBe(await readout.textContent());
  await page.screenshot({ path: artifact('number-format.png') });
});
