import FlatQueue from 'flatqueue';
import type { Graph } from './graph.js';

/** A start or finish: a node reached at an initial cost (e.g. the part of an edge from a snapped point). */
export interface Terminal {
  node: number;
  cost: number;
}

export interface PathResult {
  cost: number;
  edges: number[]; // edge ids in travel order
  nodes: number[]; // nodes in travel order (edges.length + 1)
  start: Terminal;
  finish: Terminal;
}

/**
 * Dijkstra from `starts` to the cheapest of `finishes` over `cost[edge]` (Infinity forbids an edge), with
 * flatqueue as the binary heap (lazy deletion: stale entries are skipped when popped).
 */
export function shortestPath(graph: Graph, cost: ArrayLike<number>, starts: readonly Terminal[], finishes: readonly Terminal[]): PathResult | undefined {
  const n = graph.nodes.length;
  const dist = new Float64Array(n).fill(Infinity);
  const viaEdge = new Int32Array(n).fill(-1);
  const origin = new Int32Array(n).fill(-1);
  const queue = new FlatQueue<number>();
  const finishCost = new Map<number, Terminal>();
  for (const f of finishes) if (!finishCost.has(f.node) || finishCost.get(f.node)!.cost > f.cost) finishCost.set(f.node, f);
  starts.forEach((s, i) => {
    if (s.cost < dist[s.node]!) {
      dist[s.node] = s.cost;
      origin[s.node] = i;
      queue.push(s.node, s.cost);
    }
  });
  let best = Infinity;
  let bestNode = -1;
  while (queue.length) {
    const d = queue.peekValue()!;
    const u = queue.pop()!;
    if (d > dist[u]!) continue; // stale
    if (d >= best) break; // every finish left costs more
    const f = finishCost.get(u);
    if (f && d + f.cost < best) (best = d + f.cost, bestNode = u);
    for (let i = graph.adjStart[u]!; i < graph.adjStart[u + 1]!; i++) {
      const e = graph.adjEdge[i]!;
      const nd = d + cost[e]!;
      const v = graph.adjNode[i]!;
      if (nd < dist[v]!) {
        dist[v] = nd;
        viaEdge[v] = e;
        origin[v] = origin[u]!;
        queue.push(v, nd);
      }
    }
  }
  if (bestNode < 0) return undefined;
  const edges: number[] = [];
  const nodes: number[] = [bestNode];
  for (let v = bestNode; viaEdge[v]! >= 0; ) {
    const e = graph.edges[viaEdge[v]!]!; // the shortest-path tree is acyclic: this walk ends at a start
    edges.push(e.id);
    v = e.source === v ? e.target : e.source;
    nodes.push(v);
  }
  return { cost: best, edges: edges.reverse(), nodes: nodes.reverse(), start: starts[origin[bestNode]!]!, finish: finishCost.get(bestNode)! };
}
