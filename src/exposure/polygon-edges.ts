import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { PolygonGrid } from './polygon-grid.js';

const EPS = 1e-12;

/**
 * Every ring edge of a (multi)polygon in an R-tree, so that point-in-polygon and segment crossings cost what the
 * query touches rather than the polygon's vertex count. Planar in lon/lat, like GeoJSON and PostGIS geometry.
 */
export class PolygonEdges {
  private readonly xs: Float64Array; // x0, y0, x1, y1 per edge
  private readonly index: Flatbush;
  readonly count: number;
  /** Point-in-polygon away from the boundary, without an edge (polygon-grid.ts). */
  readonly grid: PolygonGrid;

  constructor(readonly geometry: Polygon | MultiPolygon) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const edges: number[] = [];
    for (const rings of polygons) {
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i]!;
          const b = ring[i + 1]!;
          if (a[0] === b[0] && a[1] === b[1]) continue;
          edges.push(a[0]!, a[1]!, b[0]!, b[1]!);
        }
      }
    }
    this.count = edges.length / 4;
    this.xs = Float64Array.from(edges);
    this.index = new Flatbush(Math.max(1, this.count));
    for (let e = 0; e < this.count; e++) {
      const [x0, y0, x1, y1] = this.edge(e);
      this.index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    if (this.count === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
    this.grid = new PolygonGrid(geometry, this.xs);
  }

  private edge(e: number): [number, number, number, number] {
    const o = e * 4;
    return [this.xs[o]!, this.xs[o + 1]!, this.xs[o + 2]!, this.xs[o + 3]!];
  }

  /** Inside or on the boundary (the boundary counts, as in PostGIS ST_Intersects). Even-odd over all rings. */
  contains(p: Position): boolean {
    if (this.count === 0) return false;
    const x = p[0]!;
    const y = p[1]!;
    let inside = false;
    for (const e of this.index.search(x, y, Infinity, y)) {
      const [x0, y0, x1, y1] = this.edge(e);
      if (onSegment(x, y, x0, y0, x1, y1)) return true;
      if (y0 > y !== y1 > y) {
        const xCross = x0 + ((y - y0) * (x1 - x0)) / (y1 - y0);
        if (xCross > x) inside = !inside;
      }
    }
    return inside;
  }

  /** Parameters t in [0, 1] where segment a-b meets an edge (both ends of a collinear overlap). */
  crossings(a: Position, b: Position): number[] {
    if (this.count === 0) return [];
    const ax = a[0]!;
    const ay = a[1]!;
    const bx = b[0]!;
    const by = b[1]!;
    const ts: number[] = [];
    const dx = bx - ax;
    const dy = by - ay;
    for (const e of this.index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      const [x0, y0, x1, y1] = this.edge(e);
      const ex = x1 - x0;
      const ey = y1 - y0;
      const denom = dx * ey - dy * ex;
      const scale = Math.hypot(dx, dy) * Math.hypot(ex, ey);
      if (Math.abs(denom) <= EPS * scale) {
        // parallel: only a collinear overlap matters
        if (Math.abs((x0 - ax) * dy - (y0 - ay) * dx) > EPS * scale + EPS) continue;
        const len2 = dx * dx + dy * dy;
        if (len2 === 0) continue;
        for (const [px, py] of [[x0, y0], [x1, y1]] as const) {
          const t = ((px - ax) * dx + (py - ay) * dy) / len2;
          if (t >= 0 && t <= 1) ts.push(t);
        }
        continue;
      }
      const t = ((x0 - ax) * ey - (y0 - ay) * ex) / denom;
      const u = ((x0 - ax) * dy - (y0 - ay) * dx) / denom;
      if (t >= -EPS && t <= 1 + EPS && u >= -EPS && u <= 1 + EPS) ts.push(Math.min(1, Math.max(0, t)));
    }
    return ts;
  }
}

function onSegment(x: number, y: number, x0: number, y0: number, x1: number, y1: number): boolean {
  const cross = (x - x0) * (y1 - y0) - (y - y0) * (x1 - x0);
  const scale = Math.hypot(x1 - x0, y1 - y0);
  if (Math.abs(cross) > 1e-12 * Math.max(scale, 1)) return false;
  return x >= Math.min(x0, x1) - 1e-15 && x <= Math.max(x0, x1) + 1e-15 && y >= Math.min(y0, y1) - 1e-15 && y <= Math.max(y0, y1) + 1e-15;
}
