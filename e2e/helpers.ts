/** Shared by the e2e tests: open a file through the real file chooser, read numbers, screenshots. */
import { type Page, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Clicks Save and returns the text of the downloaded session file. */
export async function saveText(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const path = await (await download).path();
  return readFileSync(path!, 'utf8');
}

/** `nnlab ARGS` on a session text (written to a temporary file), its JSON output parsed. */
export function cli(text: string, args: string[]): any {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-'));
  const file = join(dir, 'session.nnlab');
  writeFileSync(file, text);
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../bin/nnlab.mjs', import.meta.url)), args[0], file, ...args.slice(1)], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** The full-precision value a readout cell carries (its text is rounded for reading). */
export async function fullValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}
