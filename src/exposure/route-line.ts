import type { LineString, MultiLineString, Position } from 'geojson';
import { lerp } from './geodesy.js';
import { ENGINE_PRIMITIVES } from './primitives.js';

/** Segments per block of the route's index, and blocks per group: a route is walked in travel order anyway. */
const BLOCK = 16;
const GROUP = 16;

/**
 * A route prepared for measuring: its segments in travel order with cumulative geodesic distance, and an index
 * over them. Parts of a MultiLineString are walked in order; the gap between parts is not counted.
 *
 * The index is the bounding boxes of runs of 16 consecutive segments and of runs of 16 such blocks: consecutive
 * segments of a route lie close together, so these boxes are tight; building them is one pass (an R-tree per
 * route, sorted along a Hilbert curve, cost more than the exposure queries it served), and a query returns
 * indices already in travel order.
 *
 * Segments are held column-wise (their ends as references to the route's own positions, numbers in typed arrays):
 * a batch measures every vertex of every route, and an object per segment was most of what the engine allocated.
 */
export class RouteLine {
  /** Number of segments. */
  readonly count: number;
  /** Segment i runs from a[i] to b[i] (the route's own positions, not copies). */
  readonly a: Position[] = [];
  readonly b: Position[] = [];
  /** Distance along the route at a[i], and the segment's length, in km. */
  readonly startKm: Float64Array;
  readonly lengthKmOf: Float64Array;
  /** Index of the LineString segment i belongs to. */
  readonly part: Int32Array;
  readonly lengthKm: number;
  readonly start: Position;
  readonly end: Position;
  readonly bbox: [number, number, number, number];
  private readonly boxes: Float64Array; // minX, minY, maxX, maxY per segment
  private readonly blocks: Float64Array; // the same per block of BLOCK segments
  private readonly groups: Float64Array; // the same per group of GROUP blocks

  constructor(
    geometry: LineString | MultiLineString,
    /** Great-circle km between two positions (primitives.ts). */
    readonly distanceKm: (a: Position, b: Position) => number = ENGINE_PRIMITIVES.distanceKm,
  ) {
    const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    let n = 0;
    for (const part of parts) n += Math.max(0, part.length - 1);
    this.count = n;
    this.startKm = new Float64Array(n);
    this.lengthKmOf = new Float64Array(n);
    this.part = new Int32Array(n);
    const boxes = (this.boxes = new Float64Array(4 * n));
    const nb = Math.ceil(n / BLOCK);
    const blocks = (this.blocks = empty(nb));
    let along = 0;
    let i = 0;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      for (let k = 0; k + 1 < part.length; k++, i++) {
        const a = part[k]!;
        const b = part[k + 1]!;
        const lengthKm = distanceKm(a, b);
        this.a.push(a);
        this.b.push(b);
        this.startKm[i] = along;
        this.lengthKmOf[i] = lengthKm;
        this.part[i] = p;
        along += lengthKm;
        const ax = a[0]!;
        const ay = a[1]!;
        const bx = b[0]!;
        const by = b[1]!;
        const minX = Math.min(ax, bx);
        const minY = Math.min(ay, by);
        const maxX = Math.max(ax, bx);
        const maxY = Math.max(ay, by);
        boxes[4 * i] = minX;
        boxes[4 * i + 1] = minY;
        boxes[4 * i + 2] = maxX;
        boxes[4 * i + 3] = maxY;
        grow(blocks, (i / BLOCK) | 0, minX, minY, maxX, maxY);
      }
    }
    this.lengthKm = along;
    this.start = parts[0]![0]!;
    const lastPart = parts[parts.length - 1]!;
    this.end = lastPart[lastPart.length - 1]!;
    const groups = (this.groups = empty(Math.ceil(nb / GROUP)));
    for (let k = 0; k < nb; k++) grow(groups, (k / GROUP) | 0, blocks[4 * k]!, blocks[4 * k + 1]!, blocks[4 * k + 2]!, blocks[4 * k + 3]!);
    const all = empty(1);
    for (let g = 0; g < groups.length / 4; g++) grow(all, 0, groups[4 * g]!, groups[4 * g + 1]!, groups[4 * g + 2]!, groups[4 * g + 3]!);
    this.bbox = [all[0]!, all[1]!, all[2]!, all[3]!];
  }

  /** Indices (ascending, so in travel order) of the segments whose bounding box meets the box. */
  segmentIndicesIn(minX: number, minY: number, maxX: number, maxY: number): number[] {
    const out: number[] = [];
    const { count: n, boxes, blocks, groups } = this;
    const nb = blocks.length / 4;
    const meets = (b: Float64Array, k: number) => b[4 * k]! <= maxX && b[4 * k + 1]! <= maxY && b[4 * k + 2]! >= minX && b[4 * k + 3]! >= minY;
    for (let g = 0; g < groups.length / 4; g++) {
      if (!meets(groups, g)) continue;
      for (let k = g * GROUP; k < Math.min(nb, (g + 1) * GROUP); k++) {
        if (!meets(blocks, k)) continue;
        for (let i = k * BLOCK; i < Math.min(n, (k + 1) * BLOCK); i++) if (meets(boxes, i)) out.push(i);
      }
    }
    return out;
  }

  /** Distance along the route at parameter t of segment i (measured geodesically from the segment start). */
  kmAt(i: number, t: number): number {
    if (t <= 0) return this.startKm[i]!;
    if (t >= 1) return this.startKm[i]! + this.lengthKmOf[i]!;
    return this.startKm[i]! + this.distanceKm(this.a[i]!, lerp(this.a[i]!, this.b[i]!, t));
  }
}

/** `count` empty boxes (minX, minY, maxX, maxY each), to be grown. */
function empty(count: number): Float64Array {
  const all = new Float64Array(4 * count);
  for (let o = 0; o < all.length; o += 4) {
    all[o] = all[o + 1] = Infinity;
    all[o + 2] = all[o + 3] = -Infinity;
  }
  return all;
}

function grow(box: Float64Array, k: number, x0: number, y0: number, x1: number, y1: number): void {
  const o = 4 * k;
  if (x0 < box[o]!) box[o] = x0;
  if (y0 < box[o + 1]!) box[o + 1] = y0;
  if (x1 > box[o + 2]!) box[o + 2] = x1;
  if (y1 > box[o + 3]!) box[o + 3] = y1;
}
