/**
 * Text widths for chart layout, without a DOM: the advance widths of DejaVu
 * Sans (per 1000 units of the font size, measured in Chromium with
 * canvas.measureText), the first font of the charts' font stack. Arial and
 * Verdana-like fallbacks are narrower or about as wide, so text laid out with
 * these widths is never cut. The same numbers on screen, in the export and in
 * the tests (golden SVGs).
 */

/** The charts' font stack: the SVG's font-family, on screen and in exported files alike. */
export const CHART_FONT = "'DejaVu Sans', Verdana, Arial, sans-serif";

const W: Record<string, number> = {
  ' ': 318, '!': 401, '"': 460, '#': 838, $: 636, '%': 950, '&': 780, "'": 275, '(': 390, ')': 390, '*': 500, '+': 838, ',': 318,
  '-': 361, '.': 318, '/': 337, ':': 337, ';': 337, '<': 838, '=': 838, '>': 838, '?': 531, '@': 1000,
  A: 684, B: 686, C: 698, D: 770, E: 632, F: 575, G: 775, H: 752, I: 295, J: 295, K: 656, L: 557, M: 863, N: 748, O: 787,
  P: 603, Q: 787, R: 695, S: 635, T: 611, U: 732, V: 684, W: 989, X: 685, Y: 611, Z: 685,
  '[': 390, '\\': 337, ']': 390, '^': 838, _: 500, '`': 500,
  a: 613, b: 635, c: 550, d: 635, e: 615, f: 352, g: 635, h: 634, i: 278, j: 278, k: 579, l: 278, m: 974, n: 634, o: 612,
  p: 635, q: 635, r: 411, s: 521, t: 392, u: 634, v: 592, w: 818, x: 592, y: 592, z: 525,
  '{': 636, '|': 337, '}': 636, '~': 838,
  '‖': 500, '↓': 838, '→': 838, '↑': 838, '×': 838, '≥': 838, '≤': 838, '–': 500, '−': 838, '…': 1000, '·': 318,
  '²': 401, '₂': 401, '∂': 517, 'δ': 612, 'σ': 634, '√': 637, '∞': 833, 'α': 659, 'β': 638, 'γ': 592,
};
const DIGIT = 636;
/** an unknown character: as wide as the widest common letters */
const OTHER = 1000;

/** Width in px of `text` at font size `size` px. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += W[ch] ?? (ch >= '0' && ch <= '9' ? DIGIT : OTHER);
  return (w * size) / 1000;
}
