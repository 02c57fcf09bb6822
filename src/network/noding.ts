import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { degreesFor, nearestOnSegment } from '../layers/geodesy.js';

// Noding: the Natural Earth lines cross without shared vertices and stop short of each other, so before they can
// be routed they are cut where they cross, and line ends that fall within a tolerance of another line are joined
// to it. Crossings are found in lon/lat (as GeoJSON draws the segments); distances are geodesic.

/** Where a line is cut: `at` = segment index + fraction along it; `point` the exact shared position. */
interface Cut {
  at: number;
  point: Position;
}

export interface NodedPiece {
  line: number; // index of the input line it comes from
  coordinates: Position[]; // first and last are nodes
}

export interface Attachment {
  point: Position; // the nearest position on the network
  distanceKm: number;
}

export interface PassAttachment extends Attachment {
  attach: number; // index of the attach point
}

export interface NodingResult {
  /** For each attach point, the nearest position of every other line within `passMaxKm`. */
  passes: PassAttachment[];
  pieces: NodedPiece[];
  /** Where each line stops (after joining), as node positions: where NE lines stop at a city edge. */
  lineEnds: Position[];
  /** For each requested attach point, its nearest network position within reach, or undefined. */
  attachments: (Attachment | undefined)[];
  joins: number; // line ends joined to another line
  crossings: number; // crossing or touching segment pairs
}

const EPS = 1e-12;

/** A stable key for a node position (1e-7 degrees, about 1 cm). */
export function nodeKey(p: Position): string {
  return `${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`;
}

/** Planar intersection of segments ab and cd: the fractions along each, or undefined when they miss or are parallel. */
function intersect(a: Position, b: Position, c: Position, d: Position): { t: number; u: number } | undefined {
  const rx = b[0]! - a[0]!;
  const ry = b[1]! - a[1]!;
  const sx = d[0]! - c[0]!;
  const sy = d[1]! - c[1]!;
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < EPS) return undefined; // parallel or collinear: NE lines do not overlap along their length
  const qx = c[0]! - a[0]!;
  const qy = c[1]! - a[1]!;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  if (t < -1e-9 || t > 1 + 1e-9 || u < -1e-9 || u > 1 + 1e-9) return undefined;
  return { t: Math.min(1, Math.max(0, t)), u: Math.min(1, Math.max(0, u)) };
}

/** A segment vertex when the fraction is at an end, so cuts at one vertex share one exact position. */
function pointAt(a: Position, b: Position, t: number): Position {
  if (t <= 1e-9) return a;
  if (t >= 1 - 1e-9) return b;
  return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
}

/**
 * Cuts `lines` at every crossing, joins line ends within `toleranceKm` of another line, and finds for each
 * `attach` point its nearest network position within `attachMaxKm` (cutting the line there too).
 */
export function nodeLines(
  lines: readonly Position[][],
  options: { toleranceKm: number; attach?: readonly Position[]; attachMaxKm?: number; passMaxKm?: number },
): NodingResult {
  const segLine: number[] = [];
  const segK: number[] = [];
  for (let l = 0; l < lines.length; l++) for (let k = 0; k + 1 < lines[l]!.length; k++) (segLine.push(l), segK.push(k));
  const index = new Flatbush(Math.max(1, segLine.length));
  for (let i = 0; i < segLine.length; i++) {
    const a = lines[segLine[i]!]![segK[i]!]!;
    const b = lines[segLine[i]!]![segK[i]! + 1]!;
    index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
  }
  if (segLine.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  const cuts: Cut[][] = lines.map(() => []);
  const seg = (i: number): [Position, Position] => [lines[segLine[i]!]![segK[i]!]!, lines[segLine[i]!]![segK[i]! + 1]!];

  // 1. Crossings (and lines touching at a vertex).
  let crossings = 0;
  for (let i = 0; i < segLine.length; i++) {
    const [a, b] = seg(i);
    for (const j of index.search(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!))) {
      if (j <= i) continue;
      if (segLine[j] === segLine[i] && Math.abs(segK[j]! - segK[i]!) <= 1) continue; // neighbours share a vertex
      const [c, d] = seg(j);
      const hit = intersect(a, b, c, d);
      if (!hit) continue;
      // One exact position for both cuts: a vertex when either side touches at one.
      const point = hit.t <= 1e-9 || hit.t >= 1 - 1e-9 ? pointAt(a, b, hit.t) : pointAt(c, d, hit.u);
      cuts[segLine[i]!]!.push({ at: segK[i]! + hit.t, point });
      cuts[segLine[j]!]!.push({ at: segK[j]! + hit.u, point });
      crossings++;
    }
  }

  /** The nearest position on another line than `skip`, within maxKm. */
  const nearest = (p: Position, maxKm: number, skip: number) => {
    const pad = degreesFor(maxKm, p[1]!);
    let best: { seg: number; t: number; point: Position; distanceKm: number } | undefined;
    for (const i of index.search(p[0]! - pad.dLon, p[1]! - pad.dLat, p[0]! + pad.dLon, p[1]! + pad.dLat)) {
      if (segLine[i] === skip) continue;
      const [a, b] = seg(i);
      const hit = nearestOnSegment(p, a, b);
      if (hit.distanceKm <= maxKm && (!best || hit.distanceKm < best.distanceKm)) {
        best = { seg: i, t: hit.t, point: pointAt(a, b, hit.t), distanceKm: hit.distanceKm };
      }
    }
    return best;
  };

  // 2. Line ends near another line join it: cut that line there and extend this one to the cut.
  const extendStart: (Position | undefined)[] = lines.map(() => undefined);
  const extendEnd: (Position | undefined)[] = lines.map(() => undefined);
  let joins = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.length < 2) continue;
    for (const atEnd of [false, true]) {
      const end = atEnd ? line[line.length - 1]! : line[0]!;
      const hit = nearest(end, options.toleranceKm, l);
      if (!hit) continue;
      joins++;
      cuts[segLine[hit.seg]!]!.push({ at: segK[hit.seg]! + hit.t, point: hit.point });
      if (hit.distanceKm > 1e-6) (atEnd ? extendEnd : extendStart)[l] = hit.point;
    }
  }

  // 3. Attach points (places): the nearest position on any line, cut there.
  const attachments = (options.attach ?? []).map((p) => {
    const hit = nearest(p, options.attachMaxKm ?? 0, -1);
    if (!hit) return undefined;
    cuts[segLine[hit.seg]!]!.push({ at: segK[hit.seg]! + hit.t, point: hit.point });
    return { point: hit.point, distanceKm: hit.distanceKm };
  });

  // 3b. … and the nearest position of every other line passing close by.
  const passes: PassAttachment[] = [];
  (options.attach ?? []).forEach((p, a) => {
    const maxKm = options.passMaxKm ?? 0;
    if (maxKm <= 0) return;
    const pad = degreesFor(maxKm, p[1]!);
    const byLine = new Map<number, { seg: number; t: number; point: Position; distanceKm: number }>();
    for (const i of index.search(p[0]! - pad.dLon, p[1]! - pad.dLat, p[0]! + pad.dLon, p[1]! + pad.dLat)) {
      const [s0, s1] = seg(i);
      const hit = nearestOnSegment(p, s0, s1);
      const prev = byLine.get(segLine[i]!);
      if (hit.distanceKm <= maxKm && (!prev || hit.distanceKm < prev.distanceKm)) byLine.set(segLine[i]!, { seg: i, t: hit.t, point: pointAt(s0, s1, hit.t), distanceKm: hit.distanceKm });
    }
    for (const hit of byLine.values()) {
      cuts[segLine[hit.seg]!]!.push({ at: segK[hit.seg]! + hit.t, point: hit.point });
      passes.push({ attach: a, point: hit.point, distanceKm: hit.distanceKm });
    }
  });

  // 4. Split every line at its cuts.
  const pieces: NodedPiece[] = [];
  const lineEnds: Position[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.length < 2) continue;
    const sorted = [{ at: 0, point: line[0]! }, ...cuts[l]!, { at: line.length - 1, point: line[line.length - 1]! }].sort((x, y) => x.at - y.at);
    const own: NodedPiece[] = [];
    for (let c = 0; c + 1 < sorted.length; c++) {
      const from = sorted[c]!;
      const to = sorted[c + 1]!;
      const coords: Position[] = [from.point];
      for (let v = Math.floor(from.at) + 1; v < to.at; v++) if (v > from.at) coords.push(line[v]!);
      coords.push(to.point);
      const clean = coords.filter((p, i) => i === 0 || nodeKey(p) !== nodeKey(coords[i - 1]!));
      if (clean.length >= 2) own.push({ line: l, coordinates: clean });
    }
    if (own.length && extendStart[l]) own[0]!.coordinates.unshift(extendStart[l]!);
    if (own.length && extendEnd[l]) own[own.length - 1]!.coordinates.push(extendEnd[l]!);
    pieces.push(...own);
    if (own.length) lineEnds.push(own[0]!.coordinates[0]!, own[own.length - 1]!.coordinates.at(-1)!);
  }
  return { pieces, lineEnds, passes, attachments, joins, crossings };
}
