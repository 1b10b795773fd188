/** Sweeps: a spec → runs with overrides, the jobs that run them, their results as rows, grids and CSV. */
export * from './spec';
export * from './results';
export * from './job';
export * from './pool';
