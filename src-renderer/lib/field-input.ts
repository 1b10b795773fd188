/**
 * Reading what a student typed into a number field, and the messages a
 * refusal gives: a weight or bias box (a finite number), a number input whose
 * text the browser could not read (it then reports ""), and which refusals a
 * field settles once it holds an accepted value again.
 */
import { fmt, parseNumber } from '../../src-core/derivation/format';

const NUMBER_SYNTAX = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** What was wrong with `text` as a finite number: "got \"abc\"", "got \"1e400\", too large …". */
export function gotOf(text: string): string {
  const t = text.trim();
  if (t === '') return 'got nothing';
  const plain = t.replace(/^[−–]/, '-');
  if (NUMBER_SYNTAX.test(plain) && !Number.isFinite(Number(plain))) return `got "${t}", too large (at most about 1.8e308)`;
  return `got "${t}"`;
}

export type ParamText = { ok: true; value: number } | { ok: false; message: string };

/** A weight or bias typed into its box: a finite number, or the message naming the parameter and what it keeps. */
export function readParamText(name: string, text: string, current: number | undefined): ParamText {
  const value = parseNumber(text);
  if (value !== null) return { ok: true, value };
  const keeps = current === undefined ? '' : `; it keeps ${fmt(current)}`;
  return { ok: false, message: `${name}: expected a finite number, ${gotOf(text)}${keeps}` };
}

/**
 * What a number field's text was, for a message. A browser's number input reports "" for text it cannot
 * read as a number (1e400 overflows, "1e" is unfinished): then that is said, since what was typed is lost.
 */
export function typedText(el: { value: string; type?: string; validity?: { badInput?: boolean } }): string | null {
  if (el.value === '' && el.type === 'number' && el.validity?.badInput) return null;
  return el.value;
}

/** "got \"abc\"", or for a number input's unreadable text the reason it could not be read. */
export function gotIn(el: { value: string; type?: string; validity?: { badInput?: boolean } }): string {
  const t = typedText(el);
  return t === null ? 'got a value the box cannot read as a number (too large, such as 1e400, or unfinished, such as 1e)' : `got "${t}"`;
}

/** The refusals that remain once field `path` holds an accepted value: those about it (and inside it) go. */
export function withoutField(errors: readonly string[], path: string): string[] {
  return errors.filter((e) => !(e.startsWith(path) && /^($|[.[:\s])/.test(e.slice(path.length))));
}

/**
 * Tells when a field is committed (Enter, or leaving it) after typing, with the very text it had when
 * focused: no change event fires then, yet the value typed is one the field holds, so a refusal shown for
 * it is stale. `commit` returns the field's name (its data-field) then, else null.
 */
export class SameValueCommits {
  private at: { el: unknown; value: string; typed: boolean } | null = null;
  focus(el: { value: string }): void {
    this.at = { el, value: el.value, typed: false };
  }
  input(el: { value: string }): void {
    if (this.at?.el === el) this.at.typed = true;
    else this.at = { el, value: '\u0000', typed: true };
  }
  commit(el: { value: string; dataset?: Record<string, string | undefined>; validity?: { badInput?: boolean } }): string | null {
    const a = this.at;
    if (!a || a.el !== el || !a.typed) return null;
    a.typed = false;
    if (el.value !== a.value || el.validity?.badInput) {
      a.value = el.value;
      return null;
    }
    return el.dataset?.field ?? null;
  }
}

/**
 * A Svelte action for a form: `accept(field)` is called for a field (an input with data-field inside it)
 * committed with the text it had when focused, after typing (SameValueCommits).
 */
export function settleFields(node: HTMLElement, accept: (field: string) => void) {
  const same = new SameValueCommits();
  const input = (e: Event) => (e.target instanceof HTMLInputElement ? e.target : null);
  const settle = (e: Event) => {
    const el = input(e);
    const field = el && same.commit(el);
    if (field) accept(field);
  };
  const onFocus = (e: Event) => { const el = input(e); if (el) same.focus(el); };
  const onInput = (e: Event) => { const el = input(e); if (el) same.input(el); };
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Enter') settle(e); };
  node.addEventListener('focusin', onFocus);
  node.addEventListener('input', onInput);
  // capture: before the field's own Enter handler blurs it (the weight boxes), and before a redraw replaces it
  node.addEventListener('keydown', onKey, true);
  node.addEventListener('focusout', settle);
  return {
    update(next: (field: string) => void) { accept = next; },
    destroy() {
      node.removeEventListener('focusin', onFocus);
      node.removeEventListener('input', onInput);
      node.removeEventListener('keydown', onKey, true);
      node.removeEventListener('focusout', settle);
    },
  };
}
