// Draws the two icons Teams asks for, with nothing but node:zlib: color.png (192x192, full colour) and
// outline.png (32x32, white on transparent). Run: node manifests/teams/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x1f, 0x6f, 0x5c]; // also the manifest's accentColor

/** Inside a speech bubble: a rounded rectangle with a tail at the bottom left, on a unit square. */
function inBubble(x, y) {
  const [l, t, r, b, rad] = [0.16, 0.2, 0.84, 0.68, 0.1];
  const cx = Math.min(Math.max(x, l + rad), r - rad);
  const cy = Math.min(Math.max(y, t + rad), b - rad);
  const body = x >= l && x <= r && y >= t && y <= b && (x - cx) ** 2 + (y - cy) ** 2 <= rad ** 2;
  const tail = y > b - 0.01 && y < 0.84 && x > 0.28 && x < 0.28 + (0.84 - y) * 0.9 && x < 0.44;
  return body || tail;
}

/** Three lines of text in the bubble: what a triage card is. */
function inLines(x, y) {
  return [0.33, 0.44, 0.55].some((ly, i) => Math.abs(y - ly) < 0.03 && x > 0.27 && x < (i === 2 ? 0.58 : 0.73));
}

function draw(size, pixel) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0]; // filter: none
    for (let px = 0; px < size; px++) {
      // 4x4 samples per pixel, so the edges are smooth.
      let cover = 0;
      let lines = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const x = (px + (sx + 0.5) / 4) / size;
        const y = (py + (sy + 0.5) / 4) / size;
        if (inBubble(x, y)) cover++;
        if (inLines(x, y)) lines++;
      }
      row.push(...pixel(cover / 16, lines / 16));
    }
    rows.push(Buffer.from(row));
  }
  return png(size, Buffer.concat(rows));
}

function png(size, raw) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
const dir = new URL('.', import.meta.url);
// Colour: the white bubble on the accent, its lines in the accent.
writeFileSync(new URL('color.png', dir), draw(192, (cover, lines) => [...mix(ACCENT, mix([255, 255, 255], ACCENT, lines), cover), 255]));
// Outline: white only, the bubble's shape in alpha, the lines cut out (Teams tints it).
writeFileSync(new URL('outline.png', dir), draw(32, (cover, lines) => [255, 255, 255, Math.round(255 * Math.max(0, cover - lines))]));
console.log('wrote manifests/teams/color.png (192x192) and outline.png (32x32)');
