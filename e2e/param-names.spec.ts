/**
 * A session's own parameter names (report 003's homework: w1 … w9, b1 … b4;
 * report 000's lecture: w1 … w6, bias1 … bias3) follow a change of the
 * network's shape: the names of weights that are gone go with them. They
 * stayed, and the trainer refused the edited session ("param_names.W[0][2][0]:
 * expected a parameter of the network"): 3 → 2 hidden units in the homework,
 * or the lecture's data changed to a function of one x, did nothing but show
 * that message.
 */
import { test, expect, type Page } from './app-test';
import { writeFileSync } from 'node:fs';
import { artifact, saveText } from './helpers';

/** The name the weights table shows above a parameter's field. */
const own = (page: Page, param: string) => page.locator(`section.card.params span.own[data-own="${param}"]`);

test('homework 2-3-1: 3 → 2 hidden units is accepted, w5, w6, b3 and w9 go, the rest keep their names; undo brings them back; saved and reopened', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="003-homework-2-3-1-sigmoid-step.nnlab"]').click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
  const units = page.getByLabel('Units in layer 0');
  await units.fill('2');
  await units.press('Enter');
  // the weights table: 2·2 + 2 hidden, 2 + 1 output parameters
  await expect(page.locator('section.card.params input')).toHaveCount(9);
  await expect(units).toHaveValue('2');
  await expect(page.locator('.field-errors')).toHaveCount(0);
  await expect(own(page, 'W[0][0][0]')).toHaveText('w1');
  await expect(own(page, 'W[0][1][1]')).toHaveText('w4');
  await expect(own(page, 'W[1][0][1]')).toHaveText('w8');
  await expect(own(page, 'b[1][0]')).toHaveText('b4');
  const saved = JSON.parse(await saveText(page));
  expect(Object.values(saved.param_names).sort()).toEqual(['b1', 'b2', 'b4', 'w1', 'w2', 'w3', 'w4', 'w7', 'w8']);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(units).toHaveValue('3');
  await expect(page.locator('section.card.params input')).toHaveCount(13);
  await expect(own(page, 'W[0][2][1]')).toHaveText('w6');
  await expect(own(page, 'W[1][0][2]')).toHaveText('w9');

  // the saved file opens again with the names it has
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(units).toHaveValue('2');
  const chooser = page.waitForEvent('filechooser');
  page.once('dialog', (d) => void d.accept()); // discard the unsaved redo
  await page.getByRole('button', { name: /^Open/ }).first().click();
  writeFileSync(artifact('homework-2-units.nnlab'), JSON.stringify(saved));
  await (await chooser).setFiles(artifact('homework-2-units.nnlab'));
  await expect(page.locator('header .file .name')).toHaveText('homework-2-units.nnlab');
  await expect(units).toHaveValue('2');
  await expect(own(page, 'W[1][0][1]')).toHaveText('w8');
});

test('lecture 2-2-1: data of one input (a function of x), the network changed to fit it, keeps the names of the weights still there', async ({ page }) => {
  await page.goto('/');
  await page.locator('button.example[data-file="000-lecture-relu-net-learning-rates.nnlab"]').click();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/ready|paused/);
  await page.getByLabel('Data kind').selectOption('function');
  await page.getByRole('button', { name: 'Change the network' }).click();
  await expect(page.getByLabel('Number of inputs')).toHaveValue('1');
  await expect(page.getByLabel('Data kind')).toHaveValue('function');
  await expect(page.locator('.field-errors')).toHaveCount(0);
  // w3 and w4 came from x2, which is gone; w1, w2, w5, w6 and the biases stay
  await expect(own(page, 'W[0][0][0]')).toHaveText('w1');
  await expect(own(page, 'W[0][1][0]')).toHaveText('w2');
  await expect(own(page, 'W[1][0][1]')).toHaveText('w6');
  await expect(own(page, 'b[1][0]')).toHaveText('bias3');
  await expect(own(page, 'W[0][0][1]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
});
