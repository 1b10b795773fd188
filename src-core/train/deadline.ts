/**
 * runEpochs' deadline, checked between batches without reading the clock
 * after every one: a small net's epoch takes ~1.5 µs and Date.now() ~80 ns
 * (5 % of report 004's run). The clock is read after every batch at first;
 * while two reads fall in the same millisecond the batches between reads
 * double (up to 1 024), and they halve again when reads are more than 2 ms
 * apart, so a run stops at most a few milliseconds after its deadline
 * however long its batches take. A deadline already past stops after the
 * first batch.
 */
const MAX_EVERY = 1024;

export class DeadlineCheck {
  private at = Infinity;
  private every = 1;
  private count = 0;
  private last = 0;

  /** Starts checking against `deadline` (a Date.now() time; Infinity: never passed). */
  start(deadline: number): void {
    this.at = deadline;
    this.every = 1;
    this.count = 0;
    this.last = deadline === Infinity ? 0 : Date.now();
  }

  /** Called after each batch: has the deadline passed (read from the clock every `every` calls)? */
  passed(): boolean {
    if (this.at === Infinity || ++this.count < this.every) return false;
    this.count = 0;
    const now = Date.now();
    if (now >= this.at) return true;
    if (now === this.last) {
      if (this.every < MAX_EVERY) this.every *= 2;
    } else if (now - this.last > 2 && this.every > 1) this.every >>= 1;
    this.last = now;
    return false;
  }
}
