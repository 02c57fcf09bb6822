import type { LineString, MultiLineString, Position } from 'geojson';
import Flatbush from 'flatbush';
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

/**
 * A route prepared for measuring: its segments in travel order with cumulative geodesic distance, and an
 * R-tree over them. Parts of a MultiLineString are walked in order; the gap between parts is not counted.
 */
export class RouteLine {
  readonly segments: Segment[] = [];
  readonly lengthKm: number;
  readonly start: Position;
  readonly end: Position;
  readonly bbox: [number, number, number, number];
  private readonly index: Flatbush;

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
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    this.index = new Flatbush(Math.max(1, this.segments.length));
    for (const s of this.segments) {
      const x0 = Math.min(s.a[0]!, s.b[0]!);
      const y0 = Math.min(s.a[1]!, s.b[1]!);
      const x1 = Math.max(s.a[0]!, s.b[0]!);
      const y1 = Math.max(s.a[1]!, s.b[1]!);
      this.index.add(x0, y0, x1, y1);
      minX = Math.min(minX, x0);
      minY = Math.min(minY, y0);
      maxX = Math.max(maxX, x1);
      maxY = Math.max(maxY, y1);
    }
    if (this.segments.length === 0) this.index.add(this.start[0]!, this.start[1]!, this.start[0]!, this.start[1]!);
    this.index.finish();
    this.bbox = [minX, minY, maxX, maxY];
  }

  /** Indices (ascending, so in travel order) of the segments whose bounding box meets the box. */
  segmentIndicesIn(minX: number, minY: number, maxX: number, maxY: number): number[] {
    if (this.segments.length === 0) return [];
    return this.index.search(minX, minY, maxX, maxY).sort((a, b) => a - b);
  }

  /** Segments whose bounding box meets the box. */
  segmentsIn(minX: number, minY: number, maxX: number, maxY: number): Segment[] {
    if (this.segments.length === 0) return [];
    return this.index.search(minX, minY, maxX, maxY).map((i) => this.segments[i]!);
  }
}

/** Distance along the route at parameter t of a segment (measured geodesically from the segment start). */
export function kmAt(route: RouteLine, seg: Segment, t: number): number {
  if (t <= 0) return seg.startKm;
  if (t >= 1) return seg.startKm + seg.lengthKm;
  return seg.startKm + route.distanceKm(seg.a, lerp(seg.a, seg.b, t));
}
