// Static map benchmark: render time of the full pipeline (options -> SVG -> PNG) at 1280x800 and 1024x640@2x, p50/p99
// over 50 renders, side by side in the same run with two baselines: the same SVG built without simplification
// (every vertex handed to resvg) and resvg alone on the finished SVG (the floor the pipeline adds to). Then the
// heaviest request the limits allow, the bound documented in src/render/README.md. Not asserted anywhere.
// Run: npm run bench render.
import { performance } from 'node:perf_hooks';
import { LAYER_IDS } from '../src/layers/catalog.js';
import { loadLayerSet } from '../src/layers/load.js';
import { MAX_OVERLAY_POSITIONS } from '../src/render/overlay-input.js';
import { RenderRequest, type RenderOptions } from '../src/render/options.js';
import { rasterize } from '../src/render/rasterize.js';
import { buildMapSvg, renderMap } from '../src/render/render.js';
import { prng } from './prng.js';

const RUNS = 50;
const layers = await loadLayerSet();

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

async function time(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await work(); // warm: font tables, exposure edge indexes, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

const cases: [string, Record<string, unknown>][] = [
  ['region 1280x800', { width: 1280, height: 800, asOf: '2023-05-01', title: 'Organized crime, checkpoints and ports of entry, May 2023' }],
  // 1280x800@2x would be 2560 px wide, past the 2048-px limit: the largest @2x of that shape instead.
  ['region 1024x640@2x', { width: 1024, height: 640, scale: 2, asOf: '2023-05-01', title: 'Organized crime, checkpoints and ports of entry, May 2023' }],
  ['route 1280x800', { width: 1280, height: 800, route: 'central-piedras-negras', asOf: '2022-10-15' }],
  ['route 1024x640@2x', { width: 1024, height: 640, scale: 2, route: 'central-piedras-negras', asOf: '2022-10-15' }],
  ['all layers 1280x800', { width: 1280, height: 800, asOf: '2023-05-01', layers: LAYER_IDS.join(',') }],
];

const f = (x: number) => x.toFixed(1);
console.log(`static map benchmark: ${RUNS} renders per row, node ${process.version}; ms`);
console.log('');
console.log('| map | pipeline p50 | pipeline p99 | no simplification p50 | no simplification p99 | resvg alone p50 | resvg alone p99 | vertices (simplified / all) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, input] of cases) {
  const o = RenderRequest.parse(input);
  const full = await time(RUNS, () => renderMap(layers, o));
  const unsimplified = await time(RUNS, async () => rasterize(buildMapSvg(layers, o, { simplify: false }).svg, { scale: o.scale }));
  const built = buildMapSvg(layers, o);
  const alone = await time(RUNS, () => rasterize(built.svg, { scale: o.scale }));
  const all = buildMapSvg(layers, o, { simplify: false }).vertices;
  console.log(`| ${name} | ${f(full.p50)} | ${f(full.p99)} | ${f(unsimplified.p50)} | ${f(unsimplified.p99)} | ${f(alone.p50)} | ${f(alone.p99)} | ${built.vertices} / ${all} |`);
}

// The heaviest request the limits allow: 2048x2048 device px, every layer, a 200,000-vertex route and
// 100,000 overlay positions, each a zigzag just inside the ink budget (src/render/ink.ts).
const rand = prng(7);
const zigzag = (n: number, lon0: number, lat0: number, amplitude: number) =>
  Array.from({ length: n }, (_, i) => [lon0 + (i / n) * 20 + rand() * 0.001, lat0 + (i % 2 ? amplitude : 0)]);
let heavy: RenderOptions | undefined;
for (let amplitude = 3; !heavy && amplitude > 1e-6; amplitude *= 0.8) {
  const candidate = RenderRequest.parse({
    width: 2048,
    height: 2048,
    asOf: 'all',
    layers: LAYER_IDS.join(','),
    camera: '-113,17,-88,33',
    route: { type: 'LineString', coordinates: zigzag(200_000, -110, 20, amplitude) },
    overlays: { type: 'Feature', properties: { stroke: '#ff0000', 'stroke-width': 20 }, geometry: { type: 'LineString', coordinates: zigzag(MAX_OVERLAY_POSITIONS, -112, 24, amplitude) } },
  });
  try {
    buildMapSvg(layers, candidate);
    heavy = candidate;
  } catch {
    // over the ink budget: a smaller zigzag
  }
}
const t0 = performance.now();
const svgOnly = buildMapSvg(layers, heavy!);
const svgMs = performance.now() - t0;
const worst = await time(5, () => renderMap(layers, heavy!));
console.log('');
console.log(
  `heaviest allowed request (2048x2048, every layer, 200,000-vertex route and ${MAX_OVERLAY_POSITIONS} overlay positions at the ink limit): ` +
    `p50 ${f(worst.p50)} ms, max of 5 ${f(worst.p99)} ms; SVG build ${f(svgMs)} ms; ${svgOnly.vertices} vertices`,
);
