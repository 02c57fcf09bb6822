import simplifyJs from 'simplify-js';

// Geometry is drawn at one resolution, so detail finer than a pixel is wasted work for the rasterizer: municipal
// and country outlines carry thousands of vertices that collapse to a few hundred pixels at national zooms.
// simplify-js does the work (a radial-distance pass, then Douglas-Peucker); we only run it over windows.

/**
 * Vertices per window, whose ends are always kept. Douglas-Peucker on a zigzag is quadratic (46 s for 200,000
 * vertices) and simplify-js recurses once per kept vertex; windows bound both, at a cost of a few extra vertices.
 */
const WINDOW = 256;

/** simplify-js over each window of a flat [x0, y0, x1, y1, …] pixel polyline, the windows joined at their ends. */
function windowed(flat: readonly number[], tolerancePx: number, highestQuality: boolean): number[] {
  const n = flat.length / 2;
  if (n <= 2) return flat.slice();
  const out: number[] = [];
  for (let start = 0; start < n - 1; start += WINDOW) {
    const end = Math.min(n - 1, start + WINDOW);
    const points: { x: number; y: number }[] = [];
    for (let i = start; i <= end; i++) points.push({ x: flat[2 * i]!, y: flat[2 * i + 1]! });
    const kept = simplifyJs(points, tolerancePx, highestQuality);
    for (let k = out.length ? 1 : 0; k < kept.length; k++) out.push(kept[k]!.x, kept[k]!.y); // windows share their ends
  }
  return out;
}

/** Douglas-Peucker alone: keeps vertices farther than `tolerancePx` from the chord (and every window's ends). */
export function simplifyDouglasPeucker(flat: readonly number[], tolerancePx: number): number[] {
  return windowed(flat, tolerancePx, true);
}

/** Both passes: what the renderer draws of a line or ring at `tolerancePx` (0 keeps every vertex). */
export function simplify(flat: readonly number[], tolerancePx: number): number[] {
  if (tolerancePx <= 0) return flat.slice();
  return windowed(flat, tolerancePx, false);
}
