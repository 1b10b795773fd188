/**
 * The trainer's evaluation (requestEvaluation → evaluation, src-core/metrics):
 * the confusion matrices of a classifier and the hidden units' activation
 * correlations, measured where the data are. One store per trainer host,
 * shared by the views that show it (the classification tab, the network's
 * near-duplicate diagnosis); each calls `sync(snapshot)` and the store asks
 * once per new set of parameters — not during a run (a progress snapshot),
 * again when it pauses or ends.
 */
import type { EvaluationEvent, HostEvent, Snapshot } from '../../../src-core/protocol/messages';
import type { TrainerHost } from '../../host';

export class EvaluationStore {
  /** the newest answer (null: none yet for this session) */
  latest = $state.raw<EvaluationEvent | null>(null);
  loading = $state(false);
  private generation = 0;
  private asked: Snapshot | null = null;
  /** what the last request measured: epoch, updates and a checksum of the parameters (a phase step changes none of them) */
  private askedKey = '';

  constructor(private readonly host: TrainerHost) {
    host.subscribe((e) => this.onEvent(e));
  }

  /** Asks for the evaluation of this snapshot's parameters, unless it was asked already or a run is going on. */
  sync(snap: Snapshot | null): void {
    if (!snap || snap.status === 'running' || snap === this.asked) return;
    this.asked = snap;
    const key = paramsKey(snap);
    if (key === this.askedKey) return;
    this.askedKey = key;
    this.generation++;
    this.loading = true;
    this.host.send({ type: 'requestEvaluation', id: this.id() });
  }

  /** true when the answer is for the parameters of `snap` */
  current(snap: Snapshot | null): boolean {
    const e = this.latest;
    return !!e && !!snap && e.epoch === snap.epoch && e.updates === snap.updates && !this.loading;
  }

  private id(): string {
    return `evaluation-${this.generation}`;
  }

  private onEvent(e: HostEvent): void {
    if (e.type === 'loaded') {
      // a new session (or the experiment changed): what was measured belongs to the old one
      this.latest = null;
      this.asked = null;
      this.askedKey = '';
      return;
    }
    if (e.type === 'error' && e.id === this.id()) this.loading = false;
    if (e.type !== 'evaluation' || e.id !== this.id()) return;
    this.latest = e;
    this.loading = false;
  }
}

/** a position-weighted sum of every parameter: equal for equal parameters, different after any edit in practice */
/**
 * A key of a snapshot's parameters: the same for two snapshots of the same
 * weights (a second snapshot after an evaluation, a pause), different after a
 * step or an edit. The views that ask the trainer about the current weights
 * ask again only when it changes.
 */
export function paramsKey(snap: Snapshot): string {
  // asked by every view that lists or measures (the evaluation store, the confusion matrix's and the
  // digits' lists): the sum over all weights once per snapshot
  let key = keys.get(snap);
  if (key === undefined) keys.set(snap, (key = `${snap.epoch}:${snap.updates}:${checksum(snap.params)}`));
  return key;
}
const keys = new WeakMap<Snapshot, string>();

function checksum(p: Snapshot['params']): number {
  let h = 0;
  let k = 1;
  for (const W of p.weights) for (const row of W) for (const w of row) h += w * (k++ % 9973);
  for (const b of p.biases) for (const v of b) h += v * (k++ % 9973);
  return h;
}

const stores = new WeakMap<TrainerHost, EvaluationStore>();

/** The store of this trainer host (made on first use; it lives as long as the host, i.e. the window). */
export function evaluationStore(host: TrainerHost): EvaluationStore {
  let s = stores.get(host);
  if (!s) stores.set(host, (s = new EvaluationStore(host)));
  return s;
}
