// Exposure benchmark: Gauntlet's indexed engine against a naive all-features Turf loop, on 1,000 road-like
// routes, with the layers as shipped and scaled 10x and 100x by synthetic copies. Run: npm run bench.
import { performance } from 'node:perf_hooks';
import type { Geometry } from 'geojson';
import { computeExposure } from '../src/exposure/exposure.js';
import type { LayerId } from '../src/layers/catalog.js';
import { LayerSet } from '../src/layers/layer-set.js';
import { loadLayerSet } from '../src/layers/load.js';
import type { BuiltLayers, GFeature } from '../src/layers/features.js';
import { benchPrimitives } from './exposure-primitives.js';
import { naiveExposure } from './naive.js';
import { prng } from './prng.js';
import { randomRoutes } from './routes.js';

const ROUTES = 1000;
const BUFFER_KM = 5;

function shift(g: Geometry, dx: number, dy: number): Geometry {
  const move = (c: any): any => (typeof c[0] === 'number' ? [c[0] + dx, c[1] + dy] : c.map(move));
  return { ...g, coordinates: move((g as any).coordinates) } as Geometry;
}

/**
 * The shipped layers plus (factor - 1) copies of every checkpoint and territory. `dense`: each copy shifted at
 * random within Mexico, so routes meet factor times more features. `spread`: copies moved to other parts of the
 * globe (never over Mexico), so the layers grow but what a route touches does not.
 */
function scaled(base: LayerSet, factor: number, mode: 'dense' | 'spread'): LayerSet {
  const rand = prng(7);
  const slots: [number, number][] = [];
  for (let col = 0; col <= 8; col++) for (const dy of [-72, -48, -24, 0, 24, 48]) if (col !== 0 || dy !== 0) slots.push([col * 33, dy]);
  const layers = new Map<LayerId, GFeature[]>();
  for (const [id, layer] of base.layers) layers.set(id, [...layer.features]);
  for (const id of ['checkpoints', 'territories'] as const) {
    const out = layers.get(id)!;
    for (let k = 1; k < factor; k++) {
      for (const f of base.layer(id).features) {
        const [dx, dy] = mode === 'dense' ? [(rand() - 0.5) * 16, (rand() - 0.5) * 10] : slots[(k - 1) % slots.length]!;
        const copyId = `${f.id}-x${k}`;
        out.push({ ...f, id: copyId, properties: { ...f.properties, id: copyId }, geometry: shift(f.geometry, dx, dy) } as GFeature);
      }
    }
  }
  return new LayerSet(Object.fromEntries(layers) as BuiltLayers, [...base.sources.values()], `${base.version}-x${factor}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(label: string, routes: readonly unknown[], fn: (i: number) => unknown, warmup = routes.length) {
  for (let i = 0; i < Math.min(warmup, routes.length); i++) fn(i); // warm up the JIT and the edge caches
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < routes.length; i++) {
    const s = performance.now();
    fn(i);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  return { label, n: routes.length, p50: percentile(times, 50), p99: percentile(times, 99), perSecond: (routes.length / total) * 1000 };
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const base = await loadLayerSet();
const routes = randomRoutes(ROUTES);
benchPrimitives(base, routes, BUFFER_KM);
const vertices = routes.reduce((s, r) => s + r.coordinates.length, 0);
console.log(`exposure benchmark: ${ROUTES} routes, ${vertices} vertices (avg ${(vertices / ROUTES).toFixed(0)}), bufferKm ${BUFFER_KM}, asOf all, node ${process.version}`);
console.log('');
console.log('| layers | checkpoints | territories | engine p50 ms | engine p99 ms | engine routes/s | naive routes | naive p50 ms | naive p99 ms | naive routes/s | speed-up | routes touching | passages/route | checkpoints/route |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [factor, mode] of [[1, 'shipped'], [10, 'spread'], [100, 'spread'], [10, 'dense'], [100, 'dense']] as const) {
  const layers = mode === 'shipped' ? base : scaled(base, factor, mode);
  const engine = measure('engine', routes, (i) => computeExposure(layers, routes[i]!, { asOf: 'all', bufferKm: BUFFER_KM }));
  let passages = 0;
  let passed = 0;
  let touching = 0;
  for (const r of routes) {
    const e = computeExposure(layers, r, { asOf: 'all', bufferKm: BUFFER_KM });
    passages += e.territories.length;
    passed += e.checkpoints.length;
    if (e.territories.length || e.checkpoints.length) touching++;
  }
  const naiveRoutes = routes.slice(0, factor === 1 ? 200 : factor === 10 ? 40 : 8);
  const naive = measure('naive', naiveRoutes, (i) => naiveExposure(layers, naiveRoutes[i]!, BUFFER_KM), 2);
  console.log(
    `| ${factor}x ${mode} | ${layers.layer('checkpoints').features.length} | ${layers.layer('territories').features.length} | ${fmt(engine.p50)} | ${fmt(engine.p99)} | ${fmt(engine.perSecond)} | ${naive.n} | ${fmt(naive.p50)} | ${fmt(naive.p99)} | ${fmt(naive.perSecond)} | ${fmt(naive.p50 / engine.p50)}x | ${((touching / ROUTES) * 100).toFixed(0)}% | ${fmt(passages / ROUTES)} | ${fmt(passed / ROUTES)} |`,
  );
}

// End to end: the same 1,000 routes as one POST /exposure/batch (JSON in and out) to a server on loopback.
{
  const { listen } = await import('../src/server/serve.js');
  const { server, url } = await listen(base, { port: 0, host: '127.0.0.1' });
  const body = JSON.stringify({ type: 'FeatureCollection', features: routes.map((geometry, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry })) });
  const post = (accept: string) => fetch(`${url}/exposure/batch?asOf=all`, { method: 'POST', body, headers: { 'content-type': 'application/json', accept } });
  await post('application/json'); // warm up
  console.log('');
  console.log(`POST /exposure/batch, ${ROUTES} routes, ${(body.length / 1e6).toFixed(1)} MB body, on loopback:`);
  console.log('| answer | seconds | routes/s |');
  console.log('|---|---|---|');
  for (const accept of ['application/json', 'text/csv']) {
    const t0 = performance.now();
    const res = await post(accept);
    await res.text();
    const s = (performance.now() - t0) / 1000;
    console.log(`| ${accept} | ${s.toFixed(2)} | ${fmt(ROUTES / s)} |`);
  }
  server.close();
}
