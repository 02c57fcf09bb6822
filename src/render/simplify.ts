// Geometry is drawn at one resolution, so detail finer than a pixel is wasted work for the rasterizer: municipal
// and country outlines carry thousands of vertices that collapse to a few hundred pixels at national zooms.
// Two passes, as simplify-js does: a cheap radial-distance pass, then Douglas-Peucker on what is left.

/**
 * Radial-distance pass over a flat [x0, y0, x1, y1, …] pixel polyline: drops each vertex closer than
 * `tolerancePx` to the last one kept. Keeps the first and last vertex.
 */
export function simplifyRadial(flat: readonly number[], tolerancePx: number): number[] {
  const n = flat.length;
  if (n <= 4) return flat.slice();
  const t2 = tolerancePx * tolerancePx;
  const out = [flat[0]!, flat[1]!];
  let px = flat[0]!;
  let py = flat[1]!;
  for (let i = 2; i < n - 2; i += 2) {
    const x = flat[i]!;
    const y = flat[i + 1]!;
    const dx = x - px;
    const dy = y - py;
    if (dx * dx + dy * dy >= t2) {
      out.push(x, y);
      px = x;
      py = y;
    }
  }
  out.push(flat[n - 2]!, flat[n - 1]!);
  return out;
}

/** Squared distance from (x, y) to the segment (ax, ay)-(bx, by). */
function segmentDistance2(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  let dx = bx - ax;
  let dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      ax = bx;
      ay = by;
    } else if (t > 0) {
      ax += dx * t;
      ay += dy * t;
    }
  }
  dx = x - ax;
  dy = y - ay;
  return dx * dx + dy * dy;
}

/**
 * Douglas-Peucker with an explicit stack (no recursion limit): keeps vertices farther than `tolerancePx` from
 * the chord. Runs over windows of WINDOW vertices (their ends kept): a zigzag makes plain Douglas-Peucker
 * quadratic (46 s for 200,000 vertices), windows bound it to n x WINDOW at a cost of a few extra vertices.
 */
export function simplifyDouglasPeucker(flat: readonly number[], tolerancePx: number): number[] {
  const n = flat.length / 2;
  if (n <= 2) return flat.slice();
  const t2 = tolerancePx * tolerancePx;
  const keep = new Uint8Array(n);
  const stack: number[] = [];
  for (let start = 0; start < n - 1; start += WINDOW) stack.push(start, Math.min(n - 1, start + WINDOW));
  for (let i = 0; i < stack.length; i += 2) {
    keep[stack[i]!] = 1;
    keep[stack[i + 1]!] = 1;
  }
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    let maxD = t2;
    let index = -1;
    const [ax, ay, bx, by] = [flat[2 * first]!, flat[2 * first + 1]!, flat[2 * last]!, flat[2 * last + 1]!];
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(flat[2 * i]!, flat[2 * i + 1]!, ax, ay, bx, by);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      if (index - first > 1) stack.push(first, index);
      if (last - index > 1) stack.push(index, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(flat[2 * i]!, flat[2 * i + 1]!);
  return out;
}

const WINDOW = 256;

/** Both passes: what the renderer draws of a line or ring at `tolerancePx` (0 keeps every vertex). */
export function simplify(flat: readonly number[], tolerancePx: number): number[] {
  if (tolerancePx <= 0) return flat.slice();
  return simplifyDouglasPeucker(simplifyRadial(flat, tolerancePx), tolerancePx);
}
