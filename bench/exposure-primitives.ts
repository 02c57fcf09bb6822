// The exposure engine's geometric primitives, Turf's against the hand-written forms, inside the same indexed
// algorithm (R-trees over routes, checkpoints, territories and polygon edges) on the same 1,000 road-like routes:
// which primitive keeps a hand-written form (more than 2x on the batch) is decided by these figures
// (src/exposure/primitives.ts). Run: npm run bench exposure (or npx tsx bench/exposure-primitives.ts).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { computeExposure } from '../src/exposure/exposure.js';
import { ENGINE_PRIMITIVES, HAND_PRIMITIVES, TURF_PRIMITIVES, type Primitives } from '../src/exposure/primitives.js';
import type { LayerSet } from '../src/layers/layer-set.js';
import { loadLayerSet } from '../src/layers/load.js';
import { randomRoutes } from './routes.js';

const ROUNDS = 3;

export function benchPrimitives(layers: LayerSet, routes = randomRoutes(1000), bufferKm = 5): void {
  const batch = (primitives: Primitives) => {
    const run = () => {
      let km = 0;
      for (const r of routes) km += computeExposure(layers, r, { asOf: 'all', bufferKm, primitives }).route.lengthKm;
      return km;
    };
    run(); // warm up the JIT and the edge caches
    const t0 = performance.now();
    run();
    return performance.now() - t0;
  };
  const variants: [string, Primitives][] = [
    ['all hand-written', HAND_PRIMITIVES],
    ['all Turf', TURF_PRIMITIVES],
    ...(['distanceKm', 'nearestOnSegment', 'contains', 'crossings'] as const).map((k): [string, Primitives] => [`Turf ${k} only`, { ...HAND_PRIMITIVES, [k]: TURF_PRIMITIVES[k] }]),
    ['engine (as shipped)', ENGINE_PRIMITIVES],
  ];
  // Rounds interleave the variants (a shared machine's load shifts over a run); each keeps its fastest batch.
  const best = variants.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) variants.forEach(([, p], i) => (best[i] = Math.min(best[i]!, batch(p))));
  const hand = best[0]!;
  const rows = variants.map(([label], i): [string, number] => [label, best[i]!]);
  console.log(`exposure primitives: ${routes.length} routes, bufferKm ${bufferKm}, asOf all, fastest batch of ${ROUNDS}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('| primitives | batch ms | x hand-written |');
  console.log('|---|---|---|');
  for (const [label, ms] of rows) console.log(`| ${label} | ${ms.toFixed(0)} | ${(ms / hand).toFixed(2)} |`);
  console.log('');
}

if (import.meta.url === `file://${process.argv[1]}`) benchPrimitives(await loadLayerSet());
