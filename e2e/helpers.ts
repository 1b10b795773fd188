/** Shared by the e2e tests: open a file through the real file chooser, read numbers, screenshots. */
import { type Page, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const artifact = (name: string) => fileURLToPath(new URL(`./artifacts/${name}`, import.meta.url));

/** Clicks Open… (start screen or toolbar) and picks `path` in the file chooser. */
export async function openFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Open/ }).first().click();
  await (await chooser).setFiles(path);
}

export async function trainLoss(page: Page): Promise<number> {
  return Number(await page.getByTestId('train-loss').textContent());
}

export async function param(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('textbox', { name, exact: true }).inputValue());
}

export async function epoch(page: Page): Promise<number> {
  return Number(await page.getByTestId('epoch').textContent());
}

export async function waitStatus(page: Page, re: RegExp): Promise<void> {
  await expect(page.getByTestId('status')).toHaveText(re, { timeout: 30_000 });
}
