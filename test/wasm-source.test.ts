/**
 * src-core/net/kernels-wasm.ts is exactly what wabt makes of src-core/net/kernels.wat
 * (scripts/build-wasm.mjs --check), so the module the engine runs is the readable source.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('kernels-wasm.ts is kernels.wat compiled by wabt', () => {
  const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
