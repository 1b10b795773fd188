/**
 * One page of test samples the current network gets wrong (or, with
 * BrowserOptions, all samples of a set of one true and predicted class: a
 * confusion-matrix cell), fetched from the
 * trainer (requestSamples → samples, src-core/protocol/samples.ts). The
 * trainer looks at no more than MAX_SAMPLE_SCAN rows per request, so a page
 * that is not full yet is asked for again from where the last answer stopped
 * (`next`) until it is full or the set ends: the worker handles other
 * commands (pause, step) in between.
 *
 * Talks to the trainer host directly (the app's event stream is shared: only
 * answers to this browser's own ids are taken); errors arrive as the app's
 * host error like every refused command.
 */
import type { HostEvent, SamplesEvent } from '../../../src-core/protocol/messages';
import type { TrainerHost } from '../../host';

export interface Sample {
  /** test-set row */
  index: number;
  /** inputs as the network sees them (a view into the answer's x) */
  x: Float32Array;
  /** true and predicted class index (into LoadedEvent.classes) */
  y: number;
  predicted: number;
  /** output activations */
  outputs: Float32Array;
}

export interface Filter {
  trueClass: number | null;
  predictedClass: number | null;
}

export const PAGE_SIZE = 24;

export interface BrowserOptions {
  /** which set, which samples (default: the test set's misclassified ones) */
  set?: 'train' | 'test';
  filter?: 'misclassified' | 'all';
  pageSize?: number;
  /** request ids start with this (unique per browser: the event stream is shared) */
  idPrefix?: string;
}

export class SampleBrowser {
  /** the samples of the page shown */
  samples = $state.raw<Sample[]>([]);
  /** first row of each page seen so far (pageStarts[page]) */
  pageStarts = $state.raw<number[]>([0]);
  page = $state(0);
  /** the row after this page's last sample, or null: no more pages */
  next = $state<number | null>(null);
  loading = $state(false);
  /** epoch and updates of the parameters the page was computed with */
  computedAt = $state<{ epoch: number; updates: number } | null>(null);

  private filter: Filter = { trueClass: null, predictedClass: null };
  private generation = 0;
  private unsubscribe: () => void;
  private readonly o: Required<BrowserOptions>;
  readonly pageSize: number;

  constructor(private readonly host: TrainerHost, options: BrowserOptions = {}) {
    this.o = { set: 'test', filter: 'misclassified', pageSize: PAGE_SIZE, idPrefix: 'digits', ...options };
    this.pageSize = this.o.pageSize;
    this.unsubscribe = host.subscribe((e) => this.onEvent(e));
  }

  /** Another set (the confusion matrix's training / test switch): back to the first page. */
  setSet(set: 'train' | 'test', f: Filter): void {
    this.o.set = set;
    this.setFilter(f);
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** A new filter: back to the first page. */
  setFilter(f: Filter): void {
    this.filter = { ...f };
    this.pageStarts = [0];
    this.page = 0;
    this.load();
  }

  /**
   * New parameters: the pages seen were cut for the old predictions, so back
   * to the first page (same filter).
   */
  refresh(): void {
    this.setFilter(this.filter);
  }

  nextPage(): void {
    if (this.next === null || this.loading) return;
    this.pageStarts = [...this.pageStarts.slice(0, this.page + 1), this.next];
    this.page++;
    this.load();
  }

  previousPage(): void {
    if (this.page === 0 || this.loading) return;
    this.page--;
    this.load();
  }

  private load(): void {
    this.generation++;
    this.loading = true;
    this.pending = [];
    this.request(this.pageStarts[this.page], this.o.pageSize);
  }

  /** samples of the page being fetched, shown when it is complete */
  private pending: Sample[] = [];

  private request(scanFrom: number, limit: number): void {
    const { trueClass, predictedClass } = this.filter;
    this.host.send({
      type: 'requestSamples', id: this.id(), set: this.o.set, filter: this.o.filter, scanFrom, limit,
      ...(trueClass === null ? {} : { trueClass }), ...(predictedClass === null ? {} : { predictedClass }),
    });
  }

  private id(): string {
    return `${this.o.idPrefix}-${this.generation}`;
  }

  private onEvent(e: HostEvent): void {
    if (e.type === 'error' && e.id === this.id()) this.loading = false;
    if (e.type !== 'samples' || e.id !== this.id()) return;
    this.pending.push(...unpack(e));
    const size = this.o.pageSize;
    if (this.pending.length < size && e.next !== null) return this.request(e.next, size - this.pending.length);
    this.samples = this.pending;
    this.pending = [];
    this.next = e.next;
    this.computedAt = { epoch: e.epoch, updates: e.updates };
    this.loading = false;
  }
}

function unpack(e: SamplesEvent): Sample[] {
  return Array.from(e.indices, (index, k) => ({
    index,
    x: e.x.subarray(k * e.inputs, (k + 1) * e.inputs),
    y: e.y[k],
    predicted: e.predicted[k],
    outputs: e.activations.subarray(k * e.outputs, (k + 1) * e.outputs),
  }));
}

/**
 * How sure the network is of its prediction: the predicted class's output
 * (softmax), or for one sigmoid output a = P(class 1), so P(class 0) = 1 − a.
 */
export function confidence(s: Sample): number {
  if (s.outputs.length === 1) return s.predicted === 1 ? s.outputs[0] : 1 - s.outputs[0];
  return s.outputs[s.predicted];
}

/** The probability the network gives each class (one sigmoid output: 1 − a and a). */
export function classProbabilities(s: Sample): number[] {
  return s.outputs.length === 1 ? [1 - s.outputs[0], s.outputs[0]] : Array.from(s.outputs);
}
