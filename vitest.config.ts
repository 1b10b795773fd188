import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// vitest 5's reporter calls Map.groupBy, which Node 20 lacks (Node >= 21 has it):
// without this, a failing test crashes the reporter instead of being reported.
const mapWithGroupBy = Map as MapConstructor & {
  groupBy?: <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
};
if (typeof mapWithGroupBy.groupBy !== 'function') {
  mapWithGroupBy.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

/**
 * Two projects, one command (`npm run test:unit`):
 * - node: everything but the runes tests, as plain TypeScript;
 * - runes: `*.svelte.test.ts` (the renderer's state classes, AppState), whose
 *   `.svelte.ts` modules are compiled by Svelte's own compiler for the client
 *   (the `browser` condition picks Svelte's client runtime, so $state and
 *   $derived behave as they do in the page).
 */
const RUNES_TESTS = 'src-renderer/**/*.svelte.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src-core/**/*.test.ts', 'src-cli/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'src-node/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [RUNES_TESTS, '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        // vitest transforms for Node (the "server" consumer): compiled for the client all the same
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true }, dynamicCompileOptions: () => ({ generate: 'client' }) })],
        resolve: { conditions: ['browser'] },
        ssr: { resolve: { conditions: ['browser'], externalConditions: ['browser'] } },
        test: {
          name: 'runes',
          include: [RUNES_TESTS],
          environment: 'node',
        },
      },
    ],
  },
});
