/**
 * A session's notes (Markdown with $…$ and $$…$$ formulas) as HTML that is
 * safe to put in the page. markdown-it runs with `html: false`: any HTML in
 * the text is written out as text, never as tags, and its link check refuses
 * javascript:, vbscript:, file: and data: URLs (src-renderer/views/notes/
 * markdown.test.ts tries the usual attacks). Formulas are typeset by KaTeX
 * with `trust: false` (no \href, \url, \htmlClass ...). Links open outside
 * the app (the desktop app's window-open handler sends them to the browser).
 */
import MarkdownIt from 'markdown-it';
import katex from 'katex';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// every link opens in a new window, never in place of the app
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A formula's place in the text while Markdown is rendered: characters Markdown leaves alone. */
const mark = (k: number) => `\u27e6m${k}\u27e7`;
const MARK = /\u27e6m(\d+)\u27e7/g;

/**
 * $$display$$ and $inline$ formulas (outside `code`): an inline one opens with
 * a $ before a non-space and closes with a non-space before a $ not followed
 * by a digit (so "$5 and $10" stays text). "\$" is a dollar sign.
 */
const CODE = /(`+)[\s\S]*?\1/g;
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$])\$(?=\S)((?:\\\$|[^$\n])*?\S)\$(?!\d)/g;

export function renderNotes(text: string): string {
  const formulas: { tex: string; display: boolean }[] = [];
  const take = (part: string) =>
    part.replace(MATH, (_m, display: string | undefined, inline: string | undefined) => {
      formulas.push({ tex: (display ?? inline ?? '').trim(), display: display !== undefined });
      return mark(formulas.length - 1);
    });
  // code spans keep their dollars
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CODE)) {
    out += take(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  out += take(text.slice(last));
  const html = md.render(out);
  return html.replace(MARK, (_m, k: string) => {
    const f = formulas[Number(k)];
    return f ? katex.renderToString(f.tex, { displayMode: f.display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' }) : '';
  });
}

/**
 * The notes split for showing: what comes before a "What to try" heading (a
 * `#` heading or a paragraph that is only **What to try**), and that part on.
 * Without such a heading, everything is `intro`.
 */
export function splitWhatToTry(text: string): { intro: string; steps: string } {
  const m = /^(?:#{1,6}[ \t]*|\*\*|__)what to try\b.*$/im.exec(text);
  if (!m) return { intro: text, steps: '' };
  return { intro: text.slice(0, m.index).trimEnd(), steps: text.slice(m.index) };
}
