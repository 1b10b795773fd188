/**
 * The desktop app itself, through Playwright's Electron driver: launch the
 * built app (npm run build: dist/ and dist-electron/) with a session file on
 * the command line, as a double-click does, and step one epoch — which runs
 * in the training utility process, over the MessagePort the main process set
 * up. Then save through the (stubbed) save dialog and check the file.
 *
 * Skipped, saying why, when there is no Electron binary (npm installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1). `require('electron')` is not used for the
 * check: without the binary it tries to download it.
 *
 * It is the `electron` project of playwright.config.ts; `npm run test:e2e`
 * builds both dist/ and dist-electron/ first.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(root, 'e2e', 'fixtures', 'lecture-000.nnlab');

/** The Electron executable that `require('electron')` would return, if it is installed. */
function electronBinary(): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const rel = readFileSync(pathTxt, 'utf8').trim();
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron') : path.join(pkg, 'dist', rel);
  return existsSync(bin) ? bin : null;
}

const binary = electronBinary();
const built = existsSync(path.join(root, 'dist-electron', 'main.cjs')) && existsSync(path.join(root, 'dist', 'index.html'));

test.skip(!binary, 'no Electron binary: installed with ELECTRON_SKIP_BINARY_DOWNLOAD (node_modules/electron/path.txt or its dist/ is missing)');
test.skip(!built, 'the app is not built: run `npm run build` first (dist/index.html and dist-electron/main.cjs)');

test('opens a session given on the command line and steps one epoch in the training process', async () => {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'nnlab-e2e-'));
  const args = [path.join(root, 'dist-electron', 'main.cjs'), fixture];
  // Chromium's sandbox refuses to run as root (CI containers).
  if (process.platform === 'linux' && process.getuid?.() === 0) args.unshift('--no-sandbox');
  const app = await electron.launch({ executablePath: binary!, args, env: { ...process.env, NNLAB_USER_DATA: userData } });
  try {
    const page = await app.firstWindow();
    // the renderer got the file through window.nnlab.initialDocument()
    await expect(page.getByTestId('train-loss')).toHaveText('0.25', { timeout: 20_000 });
    expect(await page.evaluate(() => typeof (window as { nnlab?: unknown }).nnlab)).toBe('object');
    expect(await page.evaluate(() => typeof (window as { require?: unknown }).require)).toBe('undefined');
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toMatch(/NN Lab$/);

    await page.getByRole('button', { name: 'Step epoch' }).click();
    await expect(page.getByTestId('epoch')).toHaveText('1');
    // hand calculation (report 000, lr 0.005): w1' = 1 − 0.005 · 1.0 = 0.995, loss (2.4626 − 2)² ... = 0.21399876
    await expect(page.getByRole('textbox', { name: 'W[0][0][0]', exact: true })).toHaveValue('0.995');
    await expect(page.getByTestId('train-loss')).toHaveText('0.21399876');

    // Save As through the menu, with the native dialog stubbed in the main process.
    const target = path.join(userData, 'saved.nnlab');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, target);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.send('nnlab:menu', 'save-as'));
    await expect.poll(() => existsSync(target), { timeout: 10_000 }).toBe(true);
    const saved = JSON.parse(readFileSync(target, 'utf8')) as { format: string; version: number };
    expect([saved.format, saved.version]).toEqual(['nnlab', 1]);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
