import type { Parts } from './screen.js';

// resvg cannot be interrupted once it starts, so the work a caller can add is measured before rasterizing, in
// "ink": device px² of strokes and fills, plus a term for tangled paths. The shipped layers are fixed and measured
// (bench/render.ts); a posted route and overlays are what vary, and together they may add MAX_CALLER_INK_PX.

/** Ink a posted route or overlays may add: about a second of rasterizing on the 2-core development machine. */
export const MAX_CALLER_INK_PX = 200_000_000;

/** Total length of pixel parts. */
export function lengthOf(parts: Parts): number {
  let total = 0;
  for (const p of parts) for (let i = 0; i + 3 < p.length; i += 2) total += Math.hypot(p[i + 2]! - p[i]!, p[i + 3]! - p[i + 1]!);
  return total;
}

/**
 * The ink of one path element: what its fill scans (each ring's box), what its stroke covers, and what a tangle
 * costs. resvg sorts a path's edges row by row, so a path whose length is many times its box's perimeter (a
 * zigzag, a self-crossing star) costs about vertices x length / perimeter. Measured: a 20,000-vertex star 8 px
 * across with a 2-px stroke takes 1 s (ink 1.8e8), a 100,000-vertex one 38 s (ink 4.5e9, refused).
 */
export function pathInk(parts: Parts, strokeWidthPx: number, filled: boolean): number {
  let length = 0;
  let vertices = 0;
  let area = 0;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of parts) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < p.length; i += 2) {
      const x = p[i]!;
      const y = p[i + 1]!;
      if (i >= 2) length += Math.hypot(x - p[i - 2]!, y - p[i - 1]!);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    vertices += p.length / 2;
    area += (x1 - x0) * (y1 - y0);
    [minX, minY, maxX, maxY] = [Math.min(minX, x0), Math.min(minY, y0), Math.max(maxX, x1), Math.max(maxY, y1)];
  }
  if (!vertices) return 0;
  const perimeter = Math.max(4, 2 * (maxX - minX + maxY - minY));
  return (filled ? area : 0) + length * (strokeWidthPx + 1) + (3 * vertices * length) / perimeter;
}
