/**
 * electron.config.ts checked the way electron-builder itself checks it (its
 * JSON schema, through app-builder-lib's validateConfiguration), and every
 * file it names exists. `npm run dist` itself cannot run here (no Electron
 * binary, no network for the NSIS/AppImage tools).
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileAssociation } from 'app-builder-lib';
import config from '../electron.config';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(c: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder configuration', () => {
  it('passes electron-builder 26 schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation does catch mistakes (a misspelled key)', async () => {
    const [assoc] = config.fileAssociations as FileAssociation[];
    const bad = { ...config, fileAssociations: [{ ...assoc, mimetype: 'x' }] };
    await expect(validateConfiguration(bad, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it("sets Electron's fuses: no run-as-node, no NODE_OPTIONS or inspect flags, encrypted cookies, the app only from its checked asar", () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('associates .nnlab files and builds the asked targets', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'nnlab', name: 'NN Lab session', mimeType: 'application/x-nnlab+json', icon: 'file' })]);
    expect(config.productName).toBe('NN Lab');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(JSON.stringify(config.win?.target)).toContain('nsis');
    expect(JSON.stringify(config.mac?.target)).toContain('dmg');
  });

  it('every icon it names exists, and package.json main is the bundled main process', () => {
    const res = config.directories!.buildResources!;
    for (const f of [config.linux!.icon!, config.win!.icon!, config.mac!.icon!, path.join(res, 'file.icns'), path.join(res, 'file.ico')]) {
      expect(existsSync(path.join(root, f)), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(config.files).toContain('dist-electron/**/*');
  });
});
