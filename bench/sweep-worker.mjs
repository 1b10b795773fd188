// A node worker thread for the sweep bench: tsx loads the TypeScript, then it serves sweep jobs.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
