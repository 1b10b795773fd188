/**
 * A per-layer edit (activation, units, bias, a weight) made while a "+ layer"
 * or "✕" is still loading goes to the layer the user clicked on, not to
 * whichever layer is at that position once the change is in (the panel still
 * shows the old layers). It went to the new layer: the activation picked for
 * hidden 1 right after "+ layer" before it was given to the layer added. A
 * layer the change removes is not edited, and the panel says why. Report
 * 003's 2-3-1 homework (sigmoid hidden layer of 3 units, sigmoid output).
 */
import { test, expect, type Page } from './app-test';
import { saveText } from './helpers';

const HOMEWORK = '003-homework-2-3-1-sigmoid-step.nnlab';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.locator(`button.example[data-file="${HOMEWORK}"]`).click();
  await expect(page.getByTestId('status')).toHaveText('ready');
});

/** Clicks a button, then changes fields, all in one task: the trainer cannot have loaded the click's edit in between. */
async function clickThenChange(page: Page, button: string, changes: [label: string, value: string][]) {
  await page.evaluate(({ button, changes }) => {
    document.querySelector<HTMLButtonElement>(`button[aria-label="${button}"]`)!.click();
    for (const [label, value] of changes) {
      const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[aria-label="${label}"]`)!;
      field.value = value;
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, { button, changes });
}

const activations = (page: Page) => page.locator('[data-testid^="layer-"] select').evaluateAll((s) => s.map((e) => (e as HTMLSelectElement).value));
const units = (page: Page) => page.locator('[data-testid^="layer-"] input[type="number"]').evaluateAll((s) => s.map((e) => (e as HTMLInputElement).value));

test('"+ layer" before hidden 1, then its activation and units: they go to hidden 1 (now layer 1), not to the layer added', async ({ page }) => {
  await clickThenChange(page, 'Add a hidden layer before layer 0', [['Activation of layer 0', 'tanh'], ['Units in layer 0', '4']]);
  await expect(page.getByTestId('layer-2')).toBeVisible();
  await expect.poll(() => activations(page)).toEqual(['sigmoid', 'tanh', 'sigmoid']);
  await expect.poll(() => units(page)).toEqual(['3', '4', '1']);
  const file = JSON.parse(await saveText(page));
  expect(file.experiment.network.layers.map((l: { units: number; activation: string }) => [l.units, l.activation])).toEqual([[3, 'sigmoid'], [4, 'tanh'], [1, 'sigmoid']]);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('"✕" on a layer, then an edit of the layer after it goes to that layer; an edit of the layer removed is refused, and said', async ({ page }) => {
  const add = page.getByRole('button', { name: 'Add a hidden layer before layer 1', exact: true });
  await add.click();
  await expect(page.getByTestId('layer-2')).toBeVisible();
  await expect.poll(() => activations(page)).toEqual(['sigmoid', 'sigmoid', 'sigmoid']);
  // remove hidden 1; hidden 2 (shown as layer 1) gets ReLU; the output (shown as layer 2) keeps sigmoid
  await clickThenChange(page, 'Remove layer 0', [['Activation of layer 1', 'relu']]);
  await expect(page.getByTestId('layer-2')).toHaveCount(0);
  await expect.poll(() => activations(page)).toEqual(['relu', 'sigmoid']);
  // remove hidden 1 again, and change its units meanwhile: not made, and the panel says why
  await add.click();
  await expect(page.getByTestId('layer-2')).toBeVisible();
  await clickThenChange(page, 'Remove layer 0', [['Units in layer 0', '5']]);
  await expect(page.getByTestId('layer-2')).toHaveCount(0);
  await expect(page.getByTestId('errors-network')).toContainText('its units was not changed: the change still loading removes this layer');
  await expect.poll(() => units(page)).toEqual(['3', '1']);
});

test('a bias typed while "+ layer" before its layer loads is set on that layer, now one further on', async ({ page }) => {
  await expect(page.getByRole('textbox', { name: 'b[0][1]', exact: true })).toBeVisible();
  const before = await page.getByRole('textbox', { name: 'b[0][1]', exact: true }).inputValue();
  await page.evaluate(() => {
    document.querySelector<HTMLButtonElement>('button[aria-label="Add a hidden layer before layer 0"]')!.click();
    const b = document.querySelector<HTMLInputElement>('section.card.params input[aria-label="b[0][1]"]')!;
    b.value = '0.7';
    b.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page.getByTestId('layer-2')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'b[1][1]', exact: true })).toHaveValue('0.7');
  await expect(page.getByRole('textbox', { name: 'b[0][1]', exact: true })).not.toHaveValue('0.7');
  expect(before).not.toBe('0.7');
  const file = JSON.parse(await saveText(page));
  expect(file.experiment.init.biases[1][1]).toBe(0.7);
});
