// Draw the extension's icon as PNG files (no dependencies: shapes sampled per pixel, zlib from
// Node): a blue rounded square with two lines of "text" and a white tick.
// Usage: node extension/icons.mjs OUT_DIR [SIZE...]   (default sizes 16 32 48 128)

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** An RGBA image (Uint8Array, size×size×4) as PNG bytes. */
function png(size, rgba) {
  const head = Buffer.alloc(13);
  head.writeUInt32BE(size, 0);
  head.writeUInt32BE(size, 4);
  head.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', head),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in unit coordinates (0..1).
const segDist = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const inRoundSquare = (x, y, r = 0.22) => {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && Math.hypot(x - cx, y - cy) <= r;
};
const LINES = [[[0.22, 0.3], [0.78, 0.3]], [[0.22, 0.48], [0.5, 0.48]]];
const TICK = [[0.42, 0.68], [0.55, 0.8], [0.8, 0.52]];
const BLUE = [11, 97, 201];
const PALE = [176, 206, 242];
const WHITE = [255, 255, 255];

/** The colour (or null) of a point. */
function shade(x, y) {
  if (!inRoundSquare(x, y)) return null;
  if (segDist(x, y, TICK[0], TICK[1]) < 0.075 || segDist(x, y, TICK[1], TICK[2]) < 0.075) return WHITE;
  if (LINES.some(([a, b]) => segDist(x, y, a, b) < 0.05)) return PALE;
  return BLUE;
}

export function icon(size) {
  const S = 4; // samples per axis per pixel
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0; let g = 0; let b = 0; let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shade((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const i = (py * size + px) * 4;
      if (a) rgba.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (S * S))], i);
    }
  }
  return png(size, rgba);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, ...sizes] = process.argv.slice(2);
  if (!out) { console.error('usage: node extension/icons.mjs OUT_DIR [SIZE...]'); process.exit(2); }
  mkdirSync(out, { recursive: true });
  for (const n of sizes.length ? sizes.map(Number) : [16, 32, 48, 128]) writeFileSync(join(out, `icon-${n}.png`), icon(n));
}
