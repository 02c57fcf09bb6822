import type { LineString, MultiLineString, Position } from 'geojson';
import { lerp } from './geodesy.js';
import { ENGINE_PRIMITIVES } from './primitives.js';

/** One straight segment of a route, with where it starts along the route. */
export interface Segment {
  a: Position;
  b: Position;
  startKm: number; // distance along the route at a
  lengthKm: number;
  part: number; // index of the LineString it belongs to
}

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
 */
export class RouteLine {
  readonly segments: Segment[] = [];
  readonly lengthKm: number;
  readonly start: Position;
  readonly end: Position;
  readonly bbox: [number, number, number, number];
  private readonly blocks: Float64Array; // minX, minY, maxX, maxY per block of BLOCK segments
  private readonly groups: Float64Array; // the same per group of GROUP blocks

  constructor(
    geometry: LineString | MultiLineString,
    /** Great-circle km between two positions (primitives.ts). */
    readonly distanceKm: (a: Position, b: Position) => number = ENGINE_PRIMITIVES.distanceKm,
  ) {
    const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    let along = 0;
    parts.forEach((part, p) => {
      for (let i = 0; i + 1 < part.length; i++) {
        const a = part[i]!;
        const b = part[i + 1]!;
        const lengthKm = distanceKm(a, b);
        this.segments.push({ a, b, startKm: along, lengthKm, part: p });
        along += lengthKm;
      }
    });
    this.lengthKm = along;
    this.start = parts[0]![0]!;
    const lastPart = parts[parts.length - 1]!;
    this.end = lastPart[lastPart.length - 1]!;
    const n = this.segments.length;
    this.blocks = boxes(Math.ceil(n / BLOCK), (k, out) => {
      for (let i = k * BLOCK; i < Math.min(n, (k + 1) * BLOCK); i++) {
        const { a, b } = this.segments[i]!;
        grow(out, Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
      }
    });
    const nb = this.blocks.length / 4;
    this.groups = boxes(Math.ceil(nb / GROUP), (g, out) => {
      for (let k = g * GROUP; k < Math.min(nb, (g + 1) * GROUP); k++) grow(out, this.blocks[4 * k]!, this.blocks[4 * k + 1]!, this.blocks[4 * k + 2]!, this.blocks[4 * k + 3]!);
    });
    const all = boxes(1, (_, out) => {
      for (let g = 0; g < this.groups.length / 4; g++) grow(out, this.groups[4 * g]!, this.groups[4 * g + 1]!, this.groups[4 * g + 2]!, this.groups[4 * g + 3]!);
    });
    this.bbox = [all[0]!, all[1]!, all[2]!, all[3]!];
  }

  /** Indices (ascending, so in travel order) of the segments whose bounding box meets the box. */
  segmentIndicesIn(minX: number, minY: number, maxX: number, maxY: number): number[] {
    const out: number[] = [];
    const n = this.segments.length;
    const { blocks, groups } = this;
    const meets = (b: Float64Array, k: number) => b[4 * k]! <= maxX && b[4 * k + 1]! <= maxY && b[4 * k + 2]! >= minX && b[4 * k + 3]! >= minY;
    for (let g = 0; g < groups.length / 4; g++) {
      if (!meets(groups, g)) continue;
      for (let k = g * GROUP; k < Math.min(blocks.length / 4, (g + 1) * GROUP); k++) {
        if (!meets(blocks, k)) continue;
        for (let i = k * BLOCK; i < Math.min(n, (k + 1) * BLOCK); i++) {
          const { a, b } = this.segments[i]!;
          if (Math.min(a[0]!, b[0]!) <= maxX && Math.min(a[1]!, b[1]!) <= maxY && Math.max(a[0]!, b[0]!) >= minX && Math.max(a[1]!, b[1]!) >= minY) out.push(i);
        }
      }
    }
    return out;
  }

  /** Segments whose bounding box meets the box. */
  segmentsIn(minX: number, minY: number, maxX: number, maxY: number): Segment[] {
    return this.segmentIndicesIn(minX, minY, maxX, maxY).map((i) => this.segments[i]!);
  }
}

/** `count` boxes, each grown from empty by `fill`; an empty route's single box is its start point's. */
function boxes(count: number, fill: (k: number, out: Float64Array) => void): Float64Array {
  const all = new Float64Array(4 * count);
  const one = new Float64Array(4);
  for (let k = 0; k < count; k++) {
    one.set([Infinity, Infinity, -Infinity, -Infinity]);
    fill(k, one);
    all.set(one, 4 * k);
  }
  return all;
}

function grow(box: Float64Array, x0: number, y0: number, x1: number, y1: number): void {
  if (x0 < box[0]!) box[0] = x0;
  if (y0 < box[1]!) box[1] = y0;
  if (x1 > box[2]!) box[2] = x1;
  if (y1 > box[3]!) box[3] = y1;
}

/** Distance along the route at parameter t of a segment (measured geodesically from the segment start). */
export function kmAt(route: RouteLine, seg: Segment, t: number): number {
  if (t <= 0) return seg.startKm;
  if (t >= 1) return seg.startKm + seg.lengthKm;
  return seg.startKm + route.distanceKm(seg.a, lerp(seg.a, seg.b, t));
}
