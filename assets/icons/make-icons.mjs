#!/usr/bin/env node
/**
 * Draws NN Lab's icons from one description of the picture — a tiny 2-2-1
 * network, the lecture net of report 000 — and writes it as SVG and, with a
 * small supersampling rasteriser and node:zlib, as PNG, ICO and ICNS (PNG
 * entries), so no image tool is needed:
 *   icon.svg, icon-512.png, icon-256.png, icon.ico, icon.icns    the app
 *   file.svg, file-512.png, file.ico, file.icns                  .nnlab documents
 * Run: node assets/icons/make-icons.mjs
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- the picture (512 × 512 units)

const colors = { bg: '#1e293b', edge: '#94a3b8', input: '#38bdf8', hidden: '#a78bfa', output: '#fbbf24', page: '#f8fafc', fold: '#cbd5e1' };
const layers = [
  { x: 136, ys: [176, 336], color: colors.input },
  { x: 256, ys: [176, 336], color: colors.hidden },
  { x: 376, ys: [256], color: colors.output },
];

/** The network, scaled by s about the centre and moved by (dx, dy). */
function network(s = 1, dx = 0, dy = 0) {
  const t = (x, y) => [256 + (x - 256) * s + dx, 256 + (y - 256) * s + dy];
  const shapes = [];
  for (let l = 1; l < layers.length; l++)
    for (const y0 of layers[l - 1].ys)
      for (const y1 of layers[l].ys) shapes.push({ kind: 'line', a: t(layers[l - 1].x, y0), b: t(layers[l].x, y1), w: 14 * s, color: colors.edge });
  for (const layer of layers) for (const y of layer.ys) shapes.push({ kind: 'circle', c: t(layer.x, y), r: 46 * s, color: layer.color });
  return shapes;
}

const appIcon = [{ kind: 'rrect', x: 16, y: 16, w: 480, h: 480, r: 104, color: colors.bg }, ...network()];
// A page with a folded corner, the network on it.
const page = [[96, 24], [336, 24], [432, 120], [432, 488], [96, 488]];
const pageInset = [[104, 32], [332, 32], [424, 124], [424, 480], [104, 480]];
const fileIcon = [
  { kind: 'poly', pts: page, color: colors.edge }, // the outline, so the page shows on white
  { kind: 'poly', pts: pageInset, color: colors.page },
  { kind: 'poly', pts: [[336, 24], [432, 120], [336, 120]], color: colors.fold },
  { kind: 'rrect', x: 128, y: 168, w: 272, h: 272, r: 48, color: colors.bg },
  ...network(0.5, 8, 48),
];

// ---------------------------------------------------------------- SVG

function svg(shapes) {
  const body = shapes.map((s) => {
    switch (s.kind) {
      case 'rrect': return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.color}"/>`;
      case 'poly': return `<polygon points="${s.pts.map((p) => p.join(',')).join(' ')}" fill="${s.color}"/>`;
      case 'line': return `<line x1="${s.a[0]}" y1="${s.a[1]}" x2="${s.b[0]}" y2="${s.b[1]}" stroke="${s.color}" stroke-width="${s.w}" stroke-linecap="round"/>`;
      case 'circle': return `<circle cx="${s.c[0]}" cy="${s.c[1]}" r="${s.r}" fill="${s.color}"/>`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">\n  ${body.join('\n  ')}\n</svg>\n`;
}

// ---------------------------------------------------------------- rasteriser

function inside(s, x, y) {
  switch (s.kind) {
    case 'circle': return (x - s.c[0]) ** 2 + (y - s.c[1]) ** 2 <= s.r ** 2;
    case 'line': {
      // distance from (x, y) to the segment a-b, within half the width (round caps)
      const [ax, ay] = s.a, [bx, by] = s.b;
      const dx = bx - ax, dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (s.w / 2) ** 2;
    }
    case 'rrect': {
      const cx = Math.max(s.x + s.r, Math.min(s.x + s.w - s.r, x));
      const cy = Math.max(s.y + s.r, Math.min(s.y + s.h - s.r, y));
      return x >= s.x && x <= s.x + s.w && y >= s.y && y <= s.y + s.h && (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
    }
    case 'poly': {
      let odd = false;
      for (let i = 0, j = s.pts.length - 1; i < s.pts.length; j = i++) {
        const [xi, yi] = s.pts[i], [xj, yj] = s.pts[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
      }
      return odd;
    }
  }
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

/** RGBA pixels, premultiplied while compositing, 4×4 samples per pixel. */
function rasterise(shapes, size, n = 4) {
  const px = new Uint8Array(size * size * 4);
  const scale = 512 / size;
  const cols = shapes.map((s) => rgb(s.color));
  for (let py = 0; py < size; py++) {
    for (let pxx = 0; pxx < size; pxx++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (pxx + (sx + 0.5) / n) * scale, y = (py + (sy + 0.5) / n) * scale;
          // the topmost shape covering the sample wins (all shapes are opaque)
          for (let k = shapes.length - 1; k >= 0; k--) {
            if (inside(shapes[k], x, y)) {
              r += cols[k][0]; g += cols[k][1]; b += cols[k][2]; a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + pxx) * 4;
      const m = n * n;
      px[o + 3] = Math.round((a / m) * 255);
      if (a > 0) [px[o], px[o + 1], px[o + 2]] = [r / a, g / a, b / a].map((v) => Math.round(v * 255));
    }
  }
  return px;
}

// ---------------------------------------------------------------- PNG, ICO, ICNS

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(px, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(px.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
/** ICO with PNG entries (Windows Vista and later). */
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4); // planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.data)]);
}
/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
function icns(images) {
  const type = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const parts = images.map(({ size, data }) => {
    const h = Buffer.alloc(8);
    h.write(type[size], 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---------------------------------------------------------------- write

function renderSet(shapes, name, { pngSizes, icoSizes, icnsSizes }) {
  writeFileSync(path.join(here, `${name}.svg`), svg(shapes));
  const cache = new Map();
  const at = (size) => {
    if (!cache.has(size)) cache.set(size, png(rasterise(shapes, size), size));
    return cache.get(size);
  };
  for (const size of pngSizes) writeFileSync(path.join(here, `${name}-${size}.png`), at(size));
  writeFileSync(path.join(here, `${name}.ico`), ico(icoSizes.map((size) => ({ size, data: at(size) }))));
  writeFileSync(path.join(here, `${name}.icns`), icns(icnsSizes.map((size) => ({ size, data: at(size) }))));
}

renderSet(appIcon, 'icon', { pngSizes: [512, 256], icoSizes: [16, 32, 48, 256], icnsSizes: [128, 256, 512, 1024] });
renderSet(fileIcon, 'file', { pngSizes: [512], icoSizes: [16, 32, 48, 256], icnsSizes: [128, 256, 512] });
console.log('icons written to', here);
