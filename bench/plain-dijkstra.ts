import type { Graph } from '../src/network/graph.js';

/**
 * The baseline: textbook Dijkstra without a heap (scan every node for the nearest unsettled one, O(n^2)) over
 * the same CSR graph and costs, so the figures show what flatqueue buys.
 */
export function plainDijkstra(graph: Graph, cost: ArrayLike<number>, from: number, to: number): number {
  const n = graph.nodes.length;
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  dist[from] = 0;
  for (;;) {
    let u = -1;
    let best = Infinity;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i]! < best) (best = dist[i]!, u = i);
    if (u < 0 || u === to) return best;
    done[u] = 1;
    for (let i = graph.adjStart[u]!; i < graph.adjStart[u + 1]!; i++) {
      const v = graph.adjNode[i]!;
      const nd = best + cost[graph.adjEdge[i]!]!;
      if (nd < dist[v]!) dist[v] = nd;
    }
  }
}
