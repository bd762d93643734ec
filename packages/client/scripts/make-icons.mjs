// Draws the app icons (a white "P" on the Prachum blue) into public/icons/, without any image library.
// The output depends only on this file, so it is reproducible: run `node scripts/make-icons.mjs` after a change
// and commit the PNGs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const BLUE = [0x1a, 0x4f, 0x99];
const WHITE = [0xff, 0xff, 0xff];

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** One icon, `size` pixels square; `maskable` fills the square (the system crops it) and keeps the P in the safe zone. */
function icon(size, maskable) {
  const u = (v) => v * size;
  const radius = maskable ? 0 : u(0.19);
  // The P, in units of the icon: a stem and a bowl (a ring), smaller on a maskable icon.
  const scale = maskable ? 0.72 : 1;
  const at = (v) => u(0.5 + (v - 0.5) * scale);
  const stem = { x0: at(0.3), x1: at(0.43), y0: at(0.2), y1: at(0.8) };
  const bowl = { cx: at(0.5), cy: at(0.39), outer: u(0.19 * scale), inner: u(0.07 * scale) };
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      // Rounded corners outside the square are transparent.
      const cx = Math.min(Math.max(px, radius), size - radius);
      const cy = Math.min(Math.max(py, radius), size - radius);
      const inside = radius === 0 || (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2;
      const d = Math.hypot(px - bowl.cx, py - bowl.cy);
      const inStem = px >= stem.x0 && px < stem.x1 && py >= stem.y0 && py < stem.y1;
      const inBowl = px >= stem.x0 && d <= bowl.outer && (d >= bowl.inner || px < stem.x1);
      const inBar =
        px >= stem.x0 && px <= bowl.cx && Math.abs(py - bowl.cy) <= bowl.outer && Math.abs(py - bowl.cy) >= bowl.inner;
      const colour = inStem || inBowl || inBar ? WHITE : BLUE;
      row[1 + x * 4] = colour[0];
      row[2 + x * 4] = colour[1];
      row[3 + x * 4] = colour[2];
      row[4 + x * 4] = inside ? 0xff : 0;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const folder = path.join(import.meta.dirname, '..', 'public', 'icons');
mkdirSync(folder, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]) {
  writeFileSync(path.join(folder, name), icon(size, maskable));
}
console.log(`wrote ${folder}`);
