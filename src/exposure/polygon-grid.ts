import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { PolygonEdges } from './polygon-edges.js';
import type { Primitives } from './primitives.js';

/** What a grid cell knows about the points in it. */
export const OUTSIDE = 0;
export const INSIDE = 1;
/** Within a margin of the boundary: the caller asks the point-in-polygon primitive. */
export const NEAR = 2;
export type Side = typeof OUTSIDE | typeof INSIDE | typeof NEAR;

/** Cells per edge, and the bounds of a grid's size (one byte a cell: at most 64 KB for the largest territory). */
const CELLS_PER_EDGE = 16;
const MIN_CELLS = 256;
const MAX_CELLS = 1 << 16;
/**
 * Degrees kept clear around every edge. Far above the rounding of lon/lat arithmetic (1e-14 at 180 degrees), so a
 * point outside every marked cell is far from the boundary for any point-in-polygon test, Turf's included.
 */
const MARGIN = 1e-9;

/**
 * A grid over a polygon's bounding box that answers point-in-polygon away from the boundary without looking at an
 * edge: each cell is marked NEAR when an edge (plus a margin) passes through it, and every other cell takes the
 * answer of its connected region of unmarked cells, asked once of Turf's booleanPointInPolygon at a seed point.
 * A route's pieces mostly lie far from any boundary, so few points reach the primitive (whose cost is the
 * polygon's vertex count).
 *
 * Why the answer is the primitive's: a cell's points are an axis-aligned box (the cell of a coordinate is a
 * monotone function of it), an unmarked cell holds no point within MARGIN of an edge, and a connected set of such
 * boxes meets no boundary, so every point in it is inside, or every point outside, as its seed is.
 */
export class PolygonGrid {
  private readonly cells: Uint8Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly maxX: number;
  private readonly maxY: number;
  private readonly kx: number; // cells per degree
  private readonly ky: number;
  private readonly degenerate: boolean; // no area to grid: every point goes to the primitive

  /** `edges`: x0, y0, x1, y1 per edge of every ring (polygon-edges.ts). */
  constructor(geometry: Polygon | MultiPolygon, edges: Float64Array) {
    const count = edges.length / 4;
    // every vertex, those of zero-length edges (which edges leave out) included: Turf counts them as boundary
    const vertices = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const v of vertices) {
      minX = Math.min(minX, v[0]!);
      maxX = Math.max(maxX, v[0]!);
      minY = Math.min(minY, v[1]!);
      maxY = Math.max(maxY, v[1]!);
    }
    [this.minX, this.minY, this.maxX, this.maxY] = [minX, minY, maxX, maxY];
    const w = maxX - minX;
    const h = maxY - minY;
    this.degenerate = count === 0 || !(w > 0) || !(h > 0);
    if (this.degenerate) {
      [this.nx, this.ny, this.kx, this.ky] = [1, 1, 0, 0];
      this.cells = new Uint8Array([NEAR]);
      return;
    }
    const target = Math.min(MAX_CELLS, Math.max(MIN_CELLS, CELLS_PER_EDGE * count));
    this.nx = Math.max(1, Math.min(4096, Math.round(Math.sqrt((target * w) / h))));
    this.ny = Math.max(1, Math.min(4096, Math.round(target / this.nx)));
    this.kx = this.nx / w;
    this.ky = this.ny / h;
    const cells = (this.cells = new Uint8Array(this.nx * this.ny).fill(OUTSIDE));
    const seen = new Uint8Array(cells.length);

    // every edge, in pieces no longer than a cell, marks the cells its pieces' boxes (grown by MARGIN) touch
    for (let o = 0; o < edges.length; o += 4) {
      const [x0, y0, x1, y1] = [edges[o]!, edges[o + 1]!, edges[o + 2]!, edges[o + 3]!];
      const pieces = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0) * this.kx, Math.abs(y1 - y0) * this.ky)));
      let [px, py] = [x0, y0];
      for (let k = 1; k <= pieces; k++) {
        const [qx, qy] = k === pieces ? [x1, y1] : [x0 + ((x1 - x0) * k) / pieces, y0 + ((y1 - y0) * k) / pieces];
        const [i0, i1] = [this.cellX(Math.min(px, qx) - MARGIN), this.cellX(Math.max(px, qx) + MARGIN)];
        const [j0, j1] = [this.cellY(Math.min(py, qy) - MARGIN), this.cellY(Math.max(py, qy) + MARGIN)];
        for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) cells[j * this.nx + i] = NEAR;
        [px, py] = [qx, qy];
      }
    }

    for (const v of vertices) {
      for (let j = this.cellY(v[1]! - MARGIN); j <= this.cellY(v[1]! + MARGIN); j++) {
        for (let i = this.cellX(v[0]! - MARGIN); i <= this.cellX(v[0]! + MARGIN); i++) cells[j * this.nx + i] = NEAR;
      }
    }

    // each connected region of unmarked cells takes the answer at its first cell's centre
    const stack = new Int32Array(cells.length);
    for (let c = 0; c < cells.length; c++) {
      if (cells[c] === NEAR || seen[c]) continue;
      const i = c % this.nx;
      const j = (c - i) / this.nx;
      const sx = minX + (i + 0.5) / this.kx;
      const sy = minY + (j + 0.5) / this.ky;
      if (this.cellX(sx) !== i || this.cellY(sy) !== j) {
        cells[c] = NEAR; // (never seen: cells are far wider than rounding) a seed must lie in its own cell
        continue;
      }
      const side = booleanPointInPolygon([sx, sy], geometry) ? INSIDE : OUTSIDE;
      let top = 0;
      stack[top++] = c;
      seen[c] = 1;
      while (top > 0) {
        const d = stack[--top]!;
        cells[d] = side;
        const di = d % this.nx;
        for (const e of [di > 0 ? d - 1 : -1, di < this.nx - 1 ? d + 1 : -1, d - this.nx, d + this.nx]) {
          if (e >= 0 && e < cells.length && cells[e] !== NEAR && !seen[e]) {
            seen[e] = 1;
            stack[top++] = e;
          }
        }
      }
    }
  }

  private cellX(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.minX) * this.kx)));
  }

  private cellY(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.minY) * this.ky)));
  }

  /** INSIDE or OUTSIDE where the grid knows (outside the bounds, or in an unmarked cell); NEAR otherwise. */
  side(x: number, y: number): Side {
    if (this.degenerate) return NEAR;
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return OUTSIDE;
    return this.cells[this.cellY(y) * this.nx + this.cellX(x)] as Side;
  }
}

/**
 * Whether the polygon holds (x, y): its grid's answer away from the boundary, else the point-in-polygon
 * primitive's (the only case that makes a Position).
 */
export function holdsPoint(polygon: PolygonEdges, x: number, y: number, primitives: Primitives): boolean {
  const side = polygon.grid.side(x, y);
  return side === NEAR ? primitives.contains(polygon.geometry, polygon, [x, y]) : side === INSIDE;
}
