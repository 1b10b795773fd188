/**
 * "+ layer" or "✕" pressed again before the first edit was loaded (the panel
 * still shows the old layers) does what the two presses do one after the
 * other. The layer map that says which old layer each new one continues was
 * built from the layers on screen: on report 003's 2-3-1 homework (every
 * starting weight set by hand) two quick "+ layer" presses mapped the output
 * to no old layer and drew its starting weights anew; two quick ✕ on the
 * last hidden layer tried to remove the output too (a network of no layers:
 * its refusal showed until the first edit was loaded).
 */
import { test, expect, type Page } from './app-test';

const HOMEWORK = '003-homework-2-3-1-sigmoid-step.nnlab';

async function open(page: Page) {
  await page.goto('/');
  await page.locator(`button.example[data-file="${HOMEWORK}"]`).click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
}

/** Every field of the weights table, by name. */
async function table(page: Page): Promise<Record<string, string>> {
  return page.locator('section.card.params input').evaluateAll((inputs) =>
    Object.fromEntries(inputs.map((i) => [i.getAttribute('aria-label'), (i as HTMLInputElement).value])));
}

/** Clicks `name` twice in one task: the second click comes before the trainer can have loaded the first edit. */
async function clickTwiceAtOnce(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).evaluate((b) => { (b as HTMLButtonElement).click(); (b as HTMLButtonElement).click(); });
}

test('two "+ layer" pressed at once give the starting weights of two pressed one after the other', async ({ page }) => {
  await open(page);
  const add = page.getByRole('button', { name: 'Add a hidden layer before layer 1', exact: true });
  await add.click();
  await expect(page.getByTestId('layer-2')).toBeVisible();
  await add.click();
  await expect(page.getByTestId('layer-3')).toBeVisible();
  const oneByOne = await table(page);
  // the output's weights come from the first layer added: kept from the first edit by the second
  expect(Object.keys(oneByOne).filter((k) => k.startsWith('W[3]'))).toHaveLength(3);

  await open(page);
  await clickTwiceAtOnce(page, 'Add a hidden layer before layer 1');
  await expect(page.getByTestId('layer-3')).toBeVisible();
  await expect(page.getByTestId('layer-4')).toHaveCount(0);
  await expect(page.locator('.field-errors')).toHaveCount(0);
  expect(await table(page)).toEqual(oneByOne);
});

test('two ✕ on the one hidden layer pressed at once remove it, and the second says nothing (it tried to remove the output: a refusal flashed)', async ({ page }) => {
  await open(page);
  // every message the panel shows from here on, even one the first edit's load clears again
  await page.evaluate(() => {
    const w = window as unknown as { shownErrors: string[] };
    w.shownErrors = [];
    new MutationObserver(() => {
      for (const e of document.querySelectorAll('.field-errors')) w.shownErrors.push(e.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await clickTwiceAtOnce(page, 'Remove layer 0');
  await expect(page.getByTestId('layer-1')).toHaveCount(0);
  await expect(page.getByTestId('layer-0')).toBeVisible();
  await expect(page.getByLabel('Units in layer 0')).toHaveValue('1');
  await expect(page.locator('.field-errors')).toHaveCount(0);
  // the output, now fed by the inputs: 2 weights and its bias b4 = 1, kept
  expect(await table(page)).toEqual({ 'W[0][0][0]': expect.any(String), 'W[0][0][1]': expect.any(String), 'b[0][0]': '1' });
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  expect(await page.evaluate(() => (window as unknown as { shownErrors: string[] }).shownErrors)).toEqual([]);
});
