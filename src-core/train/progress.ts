/**
 * "Still working": the engine calls reportProgress() between the blocks of
 * long work (each evaluation block, each phase of a batch). A host whose
 * supervisor watches for hung processes installs a listener that tells it so
 * (src-main/trainer-process.ts); a host that yields to its event loop often
 * anyway needs none. The listener is called at most once per `everyMs`.
 */
let listener: (() => void) | null = null;
let everyMs = 250;
let last = 0;

/** Installs (or, with null, removes) the one progress listener of this process / worker. */
export function setProgressListener(fn: (() => void) | null, intervalMs = 250): void {
  listener = fn;
  everyMs = intervalMs;
  last = 0;
}

export function reportProgress(): void {
  if (listener === null) return;
  const now = Date.now();
  if (now - last < everyMs) return;
  last = now;
  listener();
}
