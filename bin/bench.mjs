#!/usr/bin/env node
// `npm run bench`: run bench/main.ts through tsx (TypeScript without a build step).
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
