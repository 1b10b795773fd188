/**
 * Hostile files and a killed trainer in the browser (issue 11). Every file
 * below is refused with its messages while the open session stays as it
 * was (no page error: the shared fixture fails on any); a killed Web Worker
 * is replaced, the page says what was restored, and Step works again with
 * the numbers the command line computes.
 */
import { test, expect, type Page } from './app-test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifact, fixture, openFile, param } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'nnlab-e2e-hostile-'));
const lectureText = readFileSync(fixture('lecture-000.nnlab'), 'utf8');

function lectureWith(name: string, edit: (s: Record<string, any>) => void): string {
  const s = JSON.parse(lectureText);
  edit(s);
  const f = join(tmp, name);
  writeFileSync(f, JSON.stringify(s));
  return f;
}

async function openLecture(page: Page, file = fixture('lecture-000.nnlab')): Promise<void> {
  await page.goto('/');
  await openFile(page, file);
  await expect(page.getByTestId('train-loss')).toHaveText('0.25');
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
}

/** Opens `file`, expects the refusal dialog with `message`, closes it: the lecture at epoch 1 is still there. */
async function refused(page: Page, file: string, message: string | RegExp, shot: string): Promise<void> {
  const name = file.split('/').pop()!;
  await openFile(page, file);
  const dialog = page.getByRole('dialog', { name: `${name} could not be opened` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('file-errors')).toContainText(message);
  await page.screenshot({ path: artifact(shot) });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await expect(page.getByTestId('train-loss')).toHaveText('0.21399876');
  await expect(page.getByText('Lecture 6: three-node ReLU network (report 000)')).toBeVisible();
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).momentum)).toBeUndefined();
}

test('hostile files are refused and the open session stays', async ({ page }) => {
  // "discard the unsaved step?" before each Open: yes
  page.on('dialog', (d) => void d.accept());
  await openLecture(page);
  await refused(
    page,
    lectureWith('polluting.nnlab', (s) => (s.runs = [{ id: 'evil', overrides: { '__proto__.momentum': 0.9 }, status: 'completed', epochs_run: 0 }])),
    'runs[0].overrides: __proto__.momentum: "__proto__" is not a field of the experiment',
    'hostile-proto.png',
  );
  const deep = join(tmp, 'deep.nnlab');
  writeFileSync(deep, lectureText.replace(/"experiment":/, `"view": ${'['.repeat(5000)}${']'.repeat(5000)}, "experiment":`));
  await refused(page, deep, /line \d+, column \d+: lists and objects nested more than 64 levels deep/, 'hostile-deep.png');
  await refused(
    page,
    lectureWith('wide.nnlab', (s) => (s.experiment.network.layers[0].units = 1_000_000)),
    "experiment.network.layers[0].units: expected at most 100000 (NN Lab's limit), got 1000000",
    'hostile-units.png',
  );
  await refused(page, lectureWith('long.nnlab', (s) => (s.experiment.epochs = 1e15)), "experiment.epochs: expected at most 1000000 (NN Lab's limit), got 1000000000000000", 'hostile-epochs.png');
  // parses, but its data cannot be made: the trainer refuses it after parsing (was: the session was replaced, status "ready")
  await refused(
    page,
    lectureWith('randint.nnlab', (s) => {
      s.experiment.network.inputs = 1;
      s.experiment.init = { kind: 'zeros' };
      s.experiment.data = { kind: 'expression', inputs: { x: { low: 0, high: 1 } }, target: 'x + randint(5, 1)', n_train: 3 };
    }),
    /^experiment\.data/,
    'hostile-randint.png',
  );
  // and the lecture still trains
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
});

test('a killed training worker is replaced: the page says nothing was lost, and Step goes on with the CLI numbers', async ({ page }) => {
  await openLecture(page);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
  const w = await param(page, 'W[0][0][0]');
  await page.evaluate(() => (window as unknown as { nnlabTest: { killTrainer(): void } }).nnlabTest.killTrainer());
  await expect(page.getByTestId('host-error')).toContainText(
    'The training process stopped unexpectedly and was restarted. Nothing was lost: the run is back at epoch 2, update 2, with every edit.',
  );
  await page.screenshot({ path: artifact('hostile-worker-restarted.png') });
  expect(await param(page, 'W[0][0][0]')).toBe(w);
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('3');
  const cli = JSON.parse(execFileSync(process.execPath, ['bin/nnlab.mjs', 'run', fixture('lecture-000.nnlab'), '--epochs', '3', '--json'], { cwd: root, encoding: 'utf8' }));
  expect(Number(await page.getByTestId('train-loss').textContent())).toBe(Number(cli.history.train_loss[3].toPrecision(8)));
  expect(await param(page, 'W[0][0][0]')).toBe(Number(cli.params.weights[0][0][0].toPrecision(8)));
});

test('a worker killed during a run: the page restores what it can replay and says how many epochs were lost', async ({ page }) => {
  await openLecture(page, lectureWith('long-run.nnlab', (s) => (s.experiment.epochs = 1_000_000)));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => Number(await page.getByTestId('epoch').textContent()), { timeout: 20_000 }).toBeGreaterThan(20);
  await page.evaluate(() => (window as unknown as { nnlabTest: { killTrainer(): void } }).nnlabTest.killTrainer());
  await expect(page.getByTestId('host-error')).toContainText(/Restored: epoch 1, update 1, with the parameters and edits up to then\. Lost: the training since, \d+ epochs/);
  await expect(page.getByTestId('epoch')).toHaveText('1');
  await page.screenshot({ path: artifact('hostile-worker-run-lost.png') });
  await page.getByRole('button', { name: 'Step epoch', exact: true }).click();
  await expect(page.getByTestId('epoch')).toHaveText('2');
});
