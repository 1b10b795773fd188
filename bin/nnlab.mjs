#!/usr/bin/env node
// The nnlab command line, run straight from the TypeScript sources (no build
// step): tsx compiles src-cli/ on the fly. See docs/cli.md.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
