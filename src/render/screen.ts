import type { Geometry, Position } from 'geojson';
import type { Viewport } from './camera.js';
import { boundsOf, clipLine, clipRing, contains, disjoint, type Rect } from './clip.js';
import { simplify } from './simplify.js';

/** Parts of a geometry in image pixels: each a flat [x0, y0, x1, y1, …] array. */
export type Parts = number[][];

/**
 * Turns WGS84 geometry into image pixels ready for SVG: projected (Web Mercator), simplified to the output
 * resolution and clipped to the image plus a margin. Counts the vertices it hands on, the rasterizer's work.
 */
export class Screen {
  readonly clipRect: Rect;
  vertices = 0;

  constructor(
    readonly viewport: Viewport,
    readonly tolerancePx: number, // vertices closer than this to the previous one are dropped (half a device pixel)
    marginPx = 16, // room beyond the edges so line caps, casings and halos are not cut at the border
  ) {
    this.clipRect = { minX: -marginPx, minY: -marginPx, maxX: viewport.width + marginPx, maxY: viewport.height + marginPx };
  }

  /** A position in pixels, or null when it falls outside the image and its margin. */
  point(p: Position): [number, number] | null {
    const x = this.viewport.x(p[0]!);
    const y = this.viewport.y(p[1]!);
    const r = this.clipRect;
    return x < r.minX || x > r.maxX || y < r.minY || y > r.maxY ? null : [x, y];
  }

  private project(coords: readonly Position[], dropLast: boolean): number[] {
    const n = dropLast ? coords.length - 1 : coords.length;
    const flat = new Array<number>(2 * n);
    for (let i = 0; i < n; i++) {
      const p = coords[i]!;
      flat[2 * i] = this.viewport.x(p[0]!);
      flat[2 * i + 1] = this.viewport.y(p[1]!);
    }
    return flat;
  }

  /** The rings of a polygon (closed GeoJSON rings) that show; rings smaller than the tolerance vanish. */
  rings(rings: readonly Position[][]): Parts {
    const out: Parts = [];
    for (const ring of rings) {
      if (ring.length < 4) continue;
      const flat = this.project(ring, true);
      const box = boundsOf(flat);
      if (disjoint(box, this.clipRect)) continue;
      if (box.maxX - box.minX < this.tolerancePx && box.maxY - box.minY < this.tolerancePx) continue;
      let pts = simplify(flat, this.tolerancePx);
      if (!contains(this.clipRect, box)) pts = clipRing(pts, this.clipRect);
      if (pts.length >= 6) {
        out.push(pts);
        this.vertices += pts.length / 2;
      }
    }
    return out;
  }

  /** The visible pieces of a line. */
  line(coords: readonly Position[]): Parts {
    if (coords.length < 2) return [];
    const flat = this.project(coords, false);
    const box = boundsOf(flat);
    if (disjoint(box, this.clipRect)) return [];
    const simplified = simplify(flat, this.tolerancePx);
    const parts = contains(this.clipRect, box) ? [simplified] : clipLine(simplified, this.clipRect);
    for (const p of parts) this.vertices += p.length / 2;
    return parts;
  }

  /** Areal geometry as rings (Polygon, MultiPolygon); anything else gives nothing. */
  areal(g: Geometry | null): Parts {
    if (!g) return [];
    if (g.type === 'Polygon') return this.rings(g.coordinates);
    if (g.type === 'MultiPolygon') return g.coordinates.flatMap((poly) => this.rings(poly));
    return [];
  }

  /** Linear geometry as pieces (LineString, MultiLineString); anything else gives nothing. */
  linear(g: Geometry | null): Parts {
    if (!g) return [];
    if (g.type === 'LineString') return this.line(g.coordinates);
    if (g.type === 'MultiLineString') return g.coordinates.flatMap((l) => this.line(l));
    return [];
  }
}

/** A pixel coordinate for SVG: a tenth of a CSS pixel is finer than any device pixel at @3x. */
export function fmt(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** SVG path data of pixel parts; `closed` ends every part with Z (rings). */
export function pathData(parts: Parts, closed: boolean): string {
  let d = '';
  for (const p of parts) {
    d += `M${fmt(p[0]!)} ${fmt(p[1]!)}`;
    for (let i = 2; i < p.length; i += 2) d += ` ${fmt(p[i]!)} ${fmt(p[i + 1]!)}`;
    if (closed) d += 'Z';
  }
  return d;
}
