import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { degreesFor, haversineKm, nearestOnSegment } from '../layers/geodesy.js';

/** One undirected edge of the network: a noded piece of a road, or a connector from a place. */
export interface NetworkEdge {
  id: number;
  source: number; // node index
  target: number;
  lengthKm: number; // geodesic (haversine) along the coordinates
  kind: 'road' | 'connector';
  road: string | null; // the Natural Earth road id (roads layer) it comes from; null for connectors
  ref: string | null; // route number as signed, e.g. "MEX 57"
  type: string; // Natural Earth type (Major Highway, Secondary Highway) or "connector"
  toll: boolean | null;
  place: string | null; // for connectors: the place it connects
  coordinates: Position[]; // from source to target
}

export function lineLengthKm(coords: readonly Position[]): number {
  let km = 0;
  for (let i = 1; i < coords.length; i++) km += haversineKm(coords[i - 1]!, coords[i]!);
  return km;
}

/**
 * A routable graph in compressed sparse rows: for node n, its incident edges are
 * `adjEdge[adjStart[n] .. adjStart[n+1]]` and the node at their other end `adjNode[…]`.
 */
export class Graph {
  readonly adjStart: Uint32Array;
  readonly adjEdge: Uint32Array;
  readonly adjNode: Uint32Array;
  private segIndex: Flatbush | undefined;
  private segEdge: number[] = [];
  private segK: number[] = [];

  constructor(
    readonly nodes: readonly Position[],
    readonly edges: readonly NetworkEdge[],
  ) {
    const degree = new Uint32Array(nodes.length + 1);
    for (const e of edges) (degree[e.source]!++, degree[e.target]!++);
    this.adjStart = new Uint32Array(nodes.length + 1);
    for (let n = 0; n < nodes.length; n++) this.adjStart[n + 1] = this.adjStart[n]! + degree[n]!;
    this.adjEdge = new Uint32Array(this.adjStart[nodes.length]!);
    this.adjNode = new Uint32Array(this.adjStart[nodes.length]!);
    const fill = this.adjStart.slice(0, nodes.length);
    for (const e of edges) {
      this.adjEdge[fill[e.source]!] = e.id;
      this.adjNode[fill[e.source]!++] = e.target;
      this.adjEdge[fill[e.target]!] = e.id;
      this.adjNode[fill[e.target]!++] = e.source;
    }
  }

  degree(n: number): number {
    return this.adjStart[n + 1]! - this.adjStart[n]!;
  }

  /** Total km of the edges of one kind. */
  lengthKm(kind: NetworkEdge['kind']): number {
    return this.edges.reduce((s, e) => s + (e.kind === kind ? e.lengthKm : 0), 0);
  }

  /** Connected components: a label per node, and the components by size (largest first). */
  components(): { label: Int32Array; sizes: number[] } {
    const label = new Int32Array(this.nodes.length).fill(-1);
    const sizes: number[] = [];
    const stack: number[] = [];
    for (let s = 0; s < this.nodes.length; s++) {
      if (label[s] !== -1) continue;
      const c = sizes.length;
      let size = 0;
      label[s] = c;
      stack.push(s);
      while (stack.length) {
        const n = stack.pop()!;
        size++;
        for (let i = this.adjStart[n]!; i < this.adjStart[n + 1]!; i++) {
          const m = this.adjNode[i]!;
          if (label[m] === -1) (label[m] = c, stack.push(m));
        }
      }
      sizes.push(size);
    }
    // relabel so component 0 is the largest
    const order = sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
    const rank = new Int32Array(order.length);
    order.forEach((c, r) => (rank[c] = r));
    for (let n = 0; n < label.length; n++) label[n] = rank[label[n]!]!;
    return { label, sizes: order.map((c) => sizes[c]!) };
  }

  /** The nearest position on any road edge (connectors excluded) within maxKm of p. */
  nearestOnRoad(p: Position, maxKm: number): { edge: NetworkEdge; k: number; t: number; point: Position; distanceKm: number; alongKm: number } | undefined {
    const index = this.segmentIndex();
    const pad = degreesFor(maxKm, p[1]!);
    let best: { edge: NetworkEdge; k: number; t: number; point: Position; distanceKm: number } | undefined;
    for (const i of index.search(p[0]! - pad.dLon, p[1]! - pad.dLat, p[0]! + pad.dLon, p[1]! + pad.dLat)) {
      const edge = this.edges[this.segEdge[i]!]!;
      const k = this.segK[i]!;
      const hit = nearestOnSegment(p, edge.coordinates[k]!, edge.coordinates[k + 1]!);
      if (hit.distanceKm <= maxKm && (!best || hit.distanceKm < best.distanceKm)) best = { edge, k, t: hit.t, point: hit.point, distanceKm: hit.distanceKm };
    }
    if (!best) return undefined;
    const before = lineLengthKm(best.edge.coordinates.slice(0, best.k + 1)) + haversineKm(best.edge.coordinates[best.k]!, best.point);
    return { ...best, alongKm: before };
  }

  private segmentIndex(): Flatbush {
    if (this.segIndex) return this.segIndex;
    for (const e of this.edges) {
      if (e.kind !== 'road') continue;
      for (let k = 0; k + 1 < e.coordinates.length; k++) (this.segEdge.push(e.id), this.segK.push(k));
    }
    const index = new Flatbush(Math.max(1, this.segEdge.length));
    for (let i = 0; i < this.segEdge.length; i++) {
      const c = this.edges[this.segEdge[i]!]!.coordinates;
      const a = c[this.segK[i]!]!;
      const b = c[this.segK[i]! + 1]!;
      index.add(Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[0]!, b[0]!), Math.max(a[1]!, b[1]!));
    }
    if (this.segEdge.length === 0) index.add(0, 0, 0, 0);
    index.finish();
    return (this.segIndex = index);
  }
}
