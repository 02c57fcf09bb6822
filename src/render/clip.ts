// Clipping to the image (plus a margin so strokes and casings run off the edge cleanly): at high zooms a
// country outline would otherwise hand the rasterizer thousands of kilometres of invisible path.

export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The bounding box of a flat [x0, y0, …] array. */
export function boundsOf(flat: readonly number[]): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < flat.length; i += 2) {
    const x = flat[i]!;
    const y = flat[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

export const disjoint = (a: Rect, b: Rect) => a.maxX < b.minX || a.minX > b.maxX || a.maxY < b.minY || a.minY > b.maxY;
export const contains = (outer: Rect, inner: Rect) =>
  inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;

/**
 * Sutherland-Hodgman: a closed ring (flat, first vertex not repeated) clipped to the rectangle. The result may run
 * along the rectangle's edges, which lie outside the image when the rectangle has a margin.
 */
export function clipRing(flat: readonly number[], r: Rect): number[] {
  let pts = flat as number[];
  // One pass per edge: keep what is inside `inside`, cut each crossing at `cut`.
  const pass = (inside: (x: number, y: number) => boolean, cut: (ax: number, ay: number, bx: number, by: number) => [number, number]) => {
    const out: number[] = [];
    const n = pts.length;
    if (n === 0) return out;
    let ax = pts[n - 2]!;
    let ay = pts[n - 1]!;
    let aIn = inside(ax, ay);
    for (let i = 0; i < n; i += 2) {
      const bx = pts[i]!;
      const by = pts[i + 1]!;
      const bIn = inside(bx, by);
      if (bIn !== aIn) out.push(...cut(ax, ay, bx, by));
      if (bIn) out.push(bx, by);
      ax = bx;
      ay = by;
      aIn = bIn;
    }
    return out;
  };
  const atX = (x: number) => (ax: number, ay: number, bx: number, by: number): [number, number] => [x, ay + ((by - ay) * (x - ax)) / (bx - ax)];
  const atY = (y: number) => (ax: number, ay: number, bx: number, by: number): [number, number] => [ax + ((bx - ax) * (y - ay)) / (by - ay), y];
  pts = pass((x) => x >= r.minX, atX(r.minX));
  pts = pass((x) => x <= r.maxX, atX(r.maxX));
  pts = pass((_x, y) => y >= r.minY, atY(r.minY));
  pts = pass((_x, y) => y <= r.maxY, atY(r.maxY));
  return pts;
}

/** Liang-Barsky per segment: the parts of a flat polyline inside the rectangle, as separate polylines. */
export function clipLine(flat: readonly number[], r: Rect): number[][] {
  const parts: number[][] = [];
  let current: number[] | null = null;
  for (let i = 0; i + 3 < flat.length; i += 2) {
    const x0 = flat[i]!;
    const y0 = flat[i + 1]!;
    const dx = flat[i + 2]! - x0;
    const dy = flat[i + 3]! - y0;
    let t0 = 0;
    let t1 = 1;
    const edge = (p: number, q: number) => {
      if (p === 0) return q >= 0;
      const t = q / p;
      if (p < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
      return true;
    };
    const visible = edge(-dx, x0 - r.minX) && edge(dx, r.maxX - x0) && edge(-dy, y0 - r.minY) && edge(dy, r.maxY - y0);
    if (!visible) {
      current = null;
      continue;
    }
    if (!current || t0 > 0) {
      current = [x0 + t0 * dx, y0 + t0 * dy];
      parts.push(current);
    }
    current.push(x0 + t1 * dx, y0 + t1 * dy);
    if (t1 < 1) current = null;
  }
  return parts.filter((p) => p.length >= 4);
}
