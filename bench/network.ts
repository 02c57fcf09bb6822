// Road-network benchmark: graph build time and memory; route queries over 1,000 random place pairs for both
// objectives (flatqueue Dijkstra against a heapless O(n^2) Dijkstra on the same graph, and pgRouting's
// pgr_dijkstra on the exported edge table when PostgreSQL 15 + pgRouting are installed); chokepoints over all
// default pairs. Run: npm run bench network.
import { writeFileSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeExposure } from '../src/exposure/exposure.js';
import { loadLayerSet } from '../src/layers/load.js';
import { buildNetwork, networkInput, networkOf } from '../src/network/build.js';
import { borderCrossingTowns, chokepoints, SOUTHERN_ENTRY_TOWNS } from '../src/network/chokepoints.js';
import { CostWeights, exposureCosts } from '../src/network/costs.js';
import { planRoute } from '../src/network/plan.js';
import { shortestPath } from '../src/network/shortest-path.js';
import { plainDijkstra } from './plain-dijkstra.js';
import { startPostgres } from './pgrouting.js';
import { prng } from './prng.js';

const PAIRS = 1000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(2));
const row = (cells: (string | number)[]) => console.log(`| ${cells.join(' | ')} |`);

const layers = await loadLayerSet();
const input = networkInput(layers);

// --- build
const builds: number[] = [];
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let kept;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  kept = buildNetwork(input.roads, input.places);
  builds.push(performance.now() - t);
}
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const net = networkOf(layers);
const r = net.report;
console.log(`\n## Network build (${r.nodes} nodes, ${r.edges} edges: ${r.roadEdges} road, ${r.connectors} connectors; ${r.roadKm} road km, ${r.connectorKm} connector km; ${r.components.count} components; ${r.orphans.length} orphaned places)\n`);
row(['what', 'median ms', 'min ms', 'heap']);
row(['---', '---', '---', '---']);
row(['buildNetwork (noding, connectors, CSR)', ms(pct(builds, 50)), ms(Math.min(...builds)), gc && kept ? `${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB held by one network (after GC)` : 'run with node --expose-gc for heap']);

// --- queries
const rand = prng(11);
const placed = [...net.placeNode.entries()].filter(([, n]) => net.componentOf[n] === 0);
const pairs: [number, number, string, string][] = [];
while (pairs.length < PAIRS) {
  const a = placed[Math.floor(rand() * placed.length)]!;
  const b = placed[Math.floor(rand() * placed.length)]!;
  if (a[0] !== b[0]) pairs.push([a[1], b[1], a[0], b[0]]);
}
const asOf = '2023-05-01';
const weights = CostWeights.parse({});
const km = exposureCosts(net, layers, { asOf, weights, avoid: [], exposure: false }).cost;
const exp = exposureCosts(net, layers, { asOf, weights, avoid: [], exposure: true }).cost;

function time(f: (p: [number, number, string, string]) => number): { times: number[]; costs: number[] } {
  for (const p of pairs.slice(0, 50)) f(p); // warm up the JIT
  const times: number[] = [];
  const costs: number[] = [];
  for (const p of pairs) {
    const t = performance.now();
    costs.push(f(p));
    times.push(performance.now() - t);
  }
  return { times, costs };
}
const lib = (cost: Float64Array) => (p: [number, number, string, string]) => shortestPath(net.graph, cost, [{ node: p[0], cost: 0 }], [{ node: p[1], cost: 0 }])!.cost;
const plain = (cost: Float64Array) => (p: [number, number, string, string]) => plainDijkstra(net.graph, cost, p[0], p[1]);
const results: [string, { times: number[]; costs: number[] }][] = [
  ['distance: flatqueue Dijkstra', time(lib(km))],
  ['distance: plain O(n^2) Dijkstra (baseline)', time(plain(km))],
  ['exposure: flatqueue Dijkstra', time(lib(exp))],
  ['exposure: plain O(n^2) Dijkstra (baseline)', time(plain(exp))],
];
const plan = time((p) => planRoute(net, layers, { stops: [{ place: p[2] }, { place: p[3] }], asOf, weights, avoid: [] }, (g) => computeExposure(layers, g, { asOf })).extraKm);
results.push(['full answer (both paths + both exposures, as GET /network/route)', plan]);
const agree = results[0]![1].costs.every((c, i) => Math.abs(c - results[1]![1].costs[i]!) < 1e-6) && results[2]![1].costs.every((c, i) => Math.abs(c - results[3]![1].costs[i]!) < 1e-6);

// --- pgRouting on the exported edges, same pairs
let pgRow: string[] | undefined;
let pgNote = 'PostgreSQL 15 with pgRouting not installed: skipped';
const pg = await startPostgres().catch((err: Error) => ((pgNote = `PostgreSQL failed to start: ${err.message.split('\n')[0]}`), undefined));
if (pg) {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-edges-'));
  chmodSync(dir, 0o755);
  try {
    const edges = join(dir, 'edges.csv');
    writeFileSync(edges, net.graph.edges.map((e) => `${e.id + 1},${e.source + 1},${e.target + 1},${e.lengthKm},${e.lengthKm}`).join('\n') + '\n');
    const pairFile = join(dir, 'pairs.csv');
    writeFileSync(pairFile, pairs.map((p, i) => `${i},${p[0] + 1},${p[1] + 1}`).join('\n') + '\n');
    chmodSync(edges, 0o644);
    chmodSync(pairFile, 0o644);
    const out = pg.sql(`
      SET client_min_messages = warning;
      CREATE EXTENSION pgrouting CASCADE;
      CREATE TABLE edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8);
      COPY edges FROM '${edges}' WITH (FORMAT csv);
      CREATE TABLE pairs (i int, s bigint, t bigint);
      COPY pairs FROM '${pairFile}' WITH (FORMAT csv);
      CREATE TABLE timings (i int, ms float8, agg float8);
      DO $$
      DECLARE p record; t0 timestamptz; total float8;
      BEGIN
        FOR p IN SELECT * FROM pairs ORDER BY i LOOP
          t0 := clock_timestamp();
          SELECT max(agg_cost) INTO total FROM pgr_dijkstra('SELECT id, source, target, cost, reverse_cost FROM edges', p.s, p.t, directed => false) WHERE node = p.t;
          INSERT INTO timings VALUES (p.i, extract(epoch FROM clock_timestamp() - t0) * 1000, total);
        END LOOP;
      END $$;
      SELECT ms, agg FROM timings ORDER BY i;`);
    const lines = out.trim().split('\n').filter((l) => l.includes('|'));
    const times = lines.map((l) => Number(l.split('|')[0]));
    const aggs = lines.map((l) => Number(l.split('|')[1]));
    const same = aggs.every((a, i) => Math.abs(a - results[0]![1].costs[i]!) < 1e-3);
    pgRow = ['distance: pgRouting pgr_dijkstra (PostgreSQL 15, exported edges; re-reads the edge SQL per call)', ms(pct(times, 50)), ms(pct(times, 99)), `${same ? 'same km as Gauntlet on all' : 'DIFFERENT km on some of the'} ${times.length} pairs`];
    pgNote = `pgRouting ${pg.sql('SELECT pgr_version();').trim()}`;
  } finally {
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`\n## Route queries, ${PAIRS} random place pairs in the main component (asOf ${asOf})\n`);
row(['what', 'p50 ms', 'p99 ms', 'note']);
row(['---', '---', '---', '---']);
for (const [name, { times }] of results) row([name, ms(pct(times, 50)), ms(pct(times, 99)), name.includes('baseline') ? (agree ? 'same costs as flatqueue on every pair' : 'COSTS DIFFER') : '']);
if (pgRow) row(pgRow);
console.log(`\n${pgNote}`);

// --- chokepoints
const t0 = performance.now();
const choke = await chokepoints(net, layers, { asOf, origins: [...SOUTHERN_ENTRY_TOWNS], destinations: borderCrossingTowns(layers) });
const chokeMs = performance.now() - t0;
const searches = choke.routablePairs + [...choke.checkpoints, ...choke.territories, ...choke.highways].reduce((s, c) => s + c.pairs, 0);
const tPlain = performance.now();
for (let i = 0; i < searches; i++) plainDijkstra(net.graph, km, pairs[i % PAIRS]![0], pairs[i % PAIRS]![1]);
const plainMs = performance.now() - tPlain;
console.log(`\n## Chokepoints over the default pairs (${choke.pairs} pairs, ${choke.routablePairs} routable)\n`);
row(['what', 'ms', 'searches']);
row(['---', '---', '---']);
row(['chokepoints() (flatqueue; ranking and re-routing each item with it forbidden)', chokeMs.toFixed(0), searches]);
row(['the same number of plain O(n^2) Dijkstra searches (baseline)', plainMs.toFixed(0), searches]);
