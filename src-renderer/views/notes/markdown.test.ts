import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderNotes, splitWhatToTry } from './markdown';

describe('renderNotes', () => {
  it('renders Markdown: emphasis, lists, code, links', () => {
    const html = renderNotes('**w1** = W[0][0][0], *input* 1\n\n- step\n- run `np.random.seed(1)`\n\n[docs](https://example.org/a)');
    expect(html).toContain('<strong>w1</strong> = W[0][0][0], <em>input</em> 1');
    expect(html).toContain('<li>step</li>');
    expect(html).toContain('<code>np.random.seed(1)</code>');
    expect(html).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">docs</a>');
  });

  it('typesets $inline$ and $$display$$ formulas with KaTeX, not dollars in code or prices', () => {
    const html = renderNotes('the update $w\' = w - \\eta g$ and\n\n$$\\frac{\\partial L}{\\partial w_1} = 1$$\n\n`cost $x$` costs $5 and $10');
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<code>cost $x$</code>');
    expect(html).toContain('costs $5 and $10');
    expect(html).not.toContain('\u27e6');
  });

  it('writes HTML in the notes out as text: no tags, no event handlers', () => {
    for (const attack of ['<script>alert(1)</script>', '<img src=x onerror="alert(1)">', '<iframe src="https://evil.example"></iframe>', '<a href="javascript:alert(1)">x</a>', '<svg onload=alert(1)>']) {
      const html = renderNotes(`before ${attack} after`);
      expect(html).not.toMatch(/<(script|img|iframe|svg|a)\b/i);
      expect(html).toContain('&lt;');
    }
  });

  it('refuses script URLs in Markdown links and images', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'file:///etc/passwd']) {
      const html = renderNotes(`[click](${url}) ![img](${url})`);
      expect(html).not.toMatch(/href="(?!https?:)/i);
      expect(html).not.toMatch(/<img/i);
    }
  });

  it('keeps KaTeX from making links or raw HTML (trust: false)', () => {
    const html = renderNotes('$\\href{javascript:alert(1)}{x}$ and $\\htmlClass{evil}{x}$');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain('class="evil"');
  });
});

describe('splitWhatToTry', () => {
  it("finds a shipped example's What to try steps", () => {
    const notes = JSON.parse(readFileSync(new URL('../../../assets/examples/000-lecture-relu-net-learning-rates.nnlab', import.meta.url), 'utf8')).notes as string;
    const { intro, steps } = splitWhatToTry(notes);
    expect(intro.startsWith("The lecture's network")).toBe(true);
    expect(steps.startsWith('**What to try**')).toBe(true);
    expect(steps).toContain('Press *Step*');
  });
  it('leaves notes without such a heading whole; finds "## What to try" too', () => {
    expect(splitWhatToTry('just notes')).toEqual({ intro: 'just notes', steps: '' });
    expect(splitWhatToTry('intro\n\n## What to try\n- a').steps).toBe('## What to try\n- a');
  });
});
