/**
 * Draws Chaperone's two Teams icons: a shield with a tick. `color.png` (192x192) is a white shield
 * on the accent colour; `outline.png` (32x32) is the shield's outline in white on transparent, as
 * Teams requires. Run `npx tsx appPackage/scripts/draw-icons.ts` after changing the shape.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.js';

/** The manifest's accent colour, also the colour icon's background. */
export const ACCENT = { r: 0x1f, g: 0x5f, b: 0x8b };

type Shape = (u: number, v: number) => boolean;

/** Shield in unit coordinates: straight sides, then tapering to a point at the bottom. */
const shield: Shape = (u, v) => {
  const half = 0.34;
  if (v < 0.1 || v > 0.92) return false;
  if (v <= 0.52) return Math.abs(u - 0.5) <= half;
  const t = (v - 0.52) / 0.4;
  return Math.abs(u - 0.5) <= half * (1 - t * t);
};

/** The same shield shrunk about its middle, to cut the outline out of the full one. */
const innerShield: Shape = (u, v) => shield((u - 0.5) / 0.74 + 0.5, (v - 0.5) / 0.74 + 0.5);

function nearSegment(u: number, v: number, a: [number, number], b: [number, number], width: number): boolean {
  const [ax, ay] = a;
  const [bx, by] = b;
  const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay))) <= width / 2;
}

/** A tick across the shield: the "checked" of a lesson kept to policy. */
function tick(width: number): Shape {
  return (u, v) =>
    nearSegment(u, v, [0.34, 0.5], [0.46, 0.63], width) || nearSegment(u, v, [0.46, 0.63], [0.68, 0.36], width);
}

/** Fraction of a pixel's 4x4 sample points inside `shape` (cheap anti-aliasing). */
function coverage(shape: Shape, x: number, y: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) if (shape((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size)) hits += 1;
  }
  return hits / 16;
}

/** The 192x192 colour icon: white shield, accent-coloured tick, accent background. */
export function drawColorIcon(size = 192): Buffer {
  const tickShape = tick(0.075);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      // White where the shield is, except under the tick, which shows the accent through.
      const white = coverage((u, v) => shield(u, v) && !tickShape(u, v), x, y, size);
      const i = (y * size + x) * 4;
      rgba[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * white);
      rgba[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * white);
      rgba[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * white);
      rgba[i + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

/** The 32x32 outline icon: white shield outline and tick on a transparent background. */
export function drawOutlineIcon(size = 32): Buffer {
  const tickShape = tick(0.1);
  const outline: Shape = (u, v) => (shield(u, v) && !innerShield(u, v)) || tickShape(u, v);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      rgba.set([255, 255, 255, Math.round(255 * coverage(outline, x, y, size))], i);
    }
  }
  return encodePng(size, size, rgba);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../color.png', import.meta.url), drawColorIcon());
  writeFileSync(new URL('../outline.png', import.meta.url), drawOutlineIcon());
  console.log('Wrote appPackage/color.png (192x192) and appPackage/outline.png (32x32).');
}
