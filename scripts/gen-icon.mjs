// Draws the extension's icon, images/icon.png (128×128 RGBA), with no image tools: a PHP-purple
// rounded square holding a white socket outlet (a ring with two slots). Each pixel is the
// average of 4×4 samples, so the edges are smooth. Run: `node scripts/gen-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const BACKGROUND = [0x4f, 0x5b, 0x93];
const FOREGROUND = [0xff, 0xff, 0xff];

/** Inside a rounded square of side 120 and corner radius 24, centred. */
function inBackground(x, y) {
  const half = 60;
  const radius = 24;
  const dx = Math.max(Math.abs(x - 64) - (half - radius), 0);
  const dy = Math.max(Math.abs(y - 64) - (half - radius), 0);
  return dx * dx + dy * dy <= radius * radius;
}

/** The outlet: a ring (radii 34–44) and two vertical slots with round ends. */
function inOutlet(x, y) {
  const r = Math.hypot(x - 64, y - 64);
  if (r >= 34 && r <= 44) return true;
  for (const slotX of [52, 76]) {
    const dy = Math.max(Math.abs(y - 64) - 9, 0);
    if (Math.hypot(x - slotX, dy) <= 5) return true;
  }
  return false;
}

function pixel(px, py) {
  let background = 0;
  let outlet = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!inBackground(x, y)) continue;
      background++;
      if (inOutlet(x, y)) outlet++;
    }
  }
  const n = SAMPLES * SAMPLES;
  const mix = background === 0 ? 0 : outlet / background;
  const rgb = BACKGROUND.map((b, i) => Math.round(b + (FOREGROUND[i] - b) * mix));
  return [...rgb, Math.round((255 * background) / n)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    rows.push(0); // filter type None
    for (let x = 0; x < SIZE; x++) rows.push(...pixel(x, y));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = new URL('../images/icon.png', import.meta.url);
  writeFileSync(out, iconPng());
  console.log(`wrote ${out.pathname}`);
}
