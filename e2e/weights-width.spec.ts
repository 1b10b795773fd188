/**
 * The weights table's fields keep their width while the run goes on: a
 * layer's fields are as wide as the widest value it has had since the
 * network last changed, so a step (or a value typed) that shortens the
 * longest one no longer narrows the whole layer and makes the table jump;
 * a negative 8-digit value is whole in its field. Report 003's homework
 * (its starting weights are 1s: the fields start narrow).
 */
import { test, expect, type Page } from './app-test';

const widths = (page: Page, layer: number) =>
  page.locator(`table[aria-label="Layer ${layer} parameters"] input`).evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().width)));

async function type(page: Page, name: string, value: string) {
  const field = page.getByRole('textbox', { name, exact: true });
  await field.fill(value);
  await field.press('Enter');
  await expect(page.locator(`svg text[data-param="${name}"]`).first()).toHaveAttribute('data-full', value);
}

test('a layer\'s fields keep their width when its longest value gets shorter; a negative 8-digit value is whole', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="003-homework-2-3-1-sigmoid-step.nnlab"]').click();
  await expect(page.getByTestId('status')).toHaveText('ready');
  await page.locator('section.card.params').scrollIntoViewIfNeeded();
  const narrow = await widths(page, 0);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await type(page, 'W[0][0][0]', '-0.40365949');
  const wide = await widths(page, 0);
  expect(wide[0]).toBeGreaterThan(narrow[0]);
  expect(new Set(wide).size, 'every field of the layer as wide').toBe(1);
  const cut = await page.getByRole('textbox', { name: 'W[0][0][0]', exact: true }).evaluate((i) => i.scrollWidth > i.clientWidth);
  expect(cut, '-0.40365949 is whole in its field').toBe(false);
  // the long value goes: the layer keeps its width, while stepping too
  await type(page, 'W[0][0][0]', '0.5');
  expect(await widths(page, 0)).toEqual(wide);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  expect(await widths(page, 0)).toEqual(wide);
});
