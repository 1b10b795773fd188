/**
 * Marks → SVG markup: the one serialiser of every chart. Marks.svelte puts
 * its output into the chart's <svg> on screen; the PNG/SVG export serialises
 * that very element; the golden tests compare it as text. So the screen and
 * the exported file cannot differ.
 */
import type { Mark } from './marks';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** coordinates with 0.1 px precision: stable text for the golden tests, no visible difference */
const n = (v: number) => String(Math.round(v * 10) / 10);
const attr = (name: string, v: string | number | undefined) => (v === undefined || v === '' ? '' : ` ${name}="${typeof v === 'number' ? n(v) : esc(v)}"`);

export function markSVG(m: Mark): string {
  switch (m.type) {
    case 'path':
      return `<path d="${m.d}"${attr('stroke', m.stroke)}${attr('stroke-width', m.width ?? 1)}${attr('stroke-dasharray', m.dash)} fill="${esc(m.fill ?? 'none')}"${attr('opacity', m.opacity)} stroke-linejoin="round"/>`;
    case 'line':
      return `<line${attr('x1', m.x1)}${attr('y1', m.y1)}${attr('x2', m.x2)}${attr('y2', m.y2)}${attr('stroke', m.stroke)}${attr('stroke-width', m.width ?? 1)}${attr('stroke-dasharray', m.dash)}/>`;
    case 'circle':
      return `<circle${attr('cx', m.cx)}${attr('cy', m.cy)}${attr('r', m.r)}${attr('fill', m.fill)}${attr('stroke', m.stroke)}${attr('stroke-width', m.strokeWidth)}/>`;
    case 'rect': {
      const body = `${attr('x', m.x)}${attr('y', m.y)}${attr('width', Math.max(0, m.w))}${attr('height', Math.max(0, m.h))}${attr('fill', m.fill)}${attr('stroke', m.stroke)}`;
      return m.title ? `<rect${body}><title>${esc(m.title)}</title></rect>` : `<rect${body}/>`;
    }
    case 'text': {
      const rotate = m.rotate ? ` transform="rotate(${m.rotate} ${n(m.x)} ${n(m.y)})"` : '';
      return `<text${attr('x', m.x)}${attr('y', m.y)} text-anchor="${m.anchor ?? 'start'}" dominant-baseline="${m.baseline ?? 'auto'}" font-size="${m.size ?? 11}" fill="${esc(m.fill ?? '#1c2430')}"${attr('font-weight', m.weight)}${rotate}${m.role ? ` data-role="${m.role}"` : ''}>${esc(m.text)}</text>`;
    }
  }
}

export function marksSVG(marks: Mark[]): string {
  return marks.map(markSVG).join('');
}

/** A whole chart as an SVG document (the golden tests; the screen wraps the same marks in ChartFrame's svg). */
export function chartSVG(marks: Mark[], size: { width: number; height: number }, font: string): string {
  const { width: w, height: h } = size;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${esc(font)}">\n${marks.map(markSVG).join('\n')}\n</svg>\n`;
}
