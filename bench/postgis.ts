// Exposure side by side with PostGIS: the same road-like routes, the same layers, the same figures, in two fair
// pairings (PostgreSQL 15 + PostGIS 3 from Debian; every PostGIS query is one statement over GiST-indexed tables):
//   end to end: Gauntlet's compiled server answers one POST /exposure/batch over HTTP (parse, validate, compute,
//     serialise, every worker thread); PostGIS gets the same GeoJSON text from its client (psql) in one query that
//     parses it (json_array_elements, ST_GeomFromGeoJSON) and returns the figures;
//   preloaded: Gauntlet computes in this process, one thread, over routes already parsed; PostGIS runs the same
//     figures over a routes table loaded and indexed beforehand (one backend, one core).
// Prints the times, the ratios and how well every figure agrees (this is also a check of the engine).
//
//   npx tsx bench/postgis.ts [--runs N] [--routes N]      (npm run build first: the server runs from dist/)
//
// Figures, with asOf=all and bufferKm=5, both sides: checkpoints within 5 km of the route and the likely ones
// (high confidence, not an inferred position); km of the route inside criminal territory as bands (the union of
// the possible, likely = high confidence and narrowly drawn, high, high+medium, narrow, coarse areas), km per
// territory, km inside state-actor areas; the port nearest the route's end, its distance and roles. PostGIS unions
// each band's areas once beforehand (its fastest way to a union's km; not timed). Lengths and
// distances on the sphere in both (PostGIS `use_spheroid => false`; Gauntlet's haversine, radius 6371.0088 km),
// intersections planar in lon/lat in both (PostGIS geometry). PostGIS keeps its advantages: data indexed and
// analysed beforehand (not timed) and a few rows per route to return; Gauntlet returns its whole answer (passages
// with entry and exit, groups, checkpoint details, time block) in the HTTP pairing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Point } from 'geojson';
import { loadLayerSet } from '../src/layers/load.js';
import { computeExposure } from '../src/exposure/exposure.js';
import { startPostgres } from './pgrouting.js';
import { randomRoutes } from './routes.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, routes: { type: 'string', default: '1000' } } });
const RUNS = Number(values.runs);
const BUFFER_KM = 5;
const HERE = resolve(fileURLToPath(new URL('..', import.meta.url)));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** CPU time (user + system, all threads) a process has used, ms, from /proc (clock ticks of 10 ms). */
const procCpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const layers = await loadLayerSet();
const routes = randomRoutes(Number(values.routes));
const vertices = routes.reduce((n, r) => n + r.coordinates.length, 0);
const body = JSON.stringify({ type: 'FeatureCollection', features: routes.map((geometry, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry })) });
console.log(`exposure side by side with PostGIS: ${routes.length} routes, ${vertices} vertices, ${(body.length / 1e6).toFixed(1)} MB of GeoJSON; asOf=all, bufferKm=${BUFFER_KM}; load ${loadavg()}`);

// --- the figures both sides give, per route
type Run = { times: number[]; cpu: number[]; figures: Figures[]; load: string }; // cpu: the serving side's CPU ms per run (all its threads)
type Figures = {
  checkpoints: number;
  likelyCheckpoints: number;
  bands: Record<BandName, number>; // km
  perTerritory: Record<string, number>;
  stateKm: number;
  port: string;
  portKm: number;
  roles: string;
};
const BANDS = ['possible', 'likely', 'high', 'highMedium', 'narrow', 'coarse'] as const;
type BandName = (typeof BANDS)[number];
/** The areas each band (and the state-actor figure) unions, as SQL over the territories table (bands.ts's definitions). */
const BAND_SQL: Record<BandName | 'state', string> = {
  possible: 'NOT state',
  likely: 'NOT state AND high AND narrow',
  high: 'NOT state AND high',
  highMedium: 'NOT state AND NOT low',
  narrow: 'NOT state AND narrow',
  coarse: 'NOT state AND NOT narrow',
  state: 'state',
};
type Answer = ReturnType<typeof computeExposure>;
function figuresOf(r: Answer): Figures {
  const perTerritory: Record<string, number> = {};
  for (const t of r.territories) perTerritory[t.id] = (perTerritory[t.id] ?? 0) + t.lengthKm;
  const b = r.summary.bands;
  return {
    checkpoints: r.summary.checkpointsPassed,
    likelyCheckpoints: r.summary.likely.checkpointsPassed,
    bands: { possible: b.possible.km, likely: b.likely.km, high: b.byConfidence.high.km, highMedium: b.byConfidence.highMedium.km, narrow: b.byExtent.narrow.km, coarse: b.byExtent.coarse.km },
    perTerritory,
    stateKm: r.summary.stateActors.kmInArea,
    port: r.ports?.id ?? '',
    portKm: r.ports?.distanceKm ?? 0,
    roles: [...(r.ports?.roles ?? [])].sort().join(','),
  };
}

// --- Gauntlet end to end: its compiled server in a child process, one batch per run
async function gauntletHttp(): Promise<Run> {
  const port = await new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
  const child = spawn(process.execPath, [join(HERE, 'bin/gauntlet.js'), 'serve', '--port', String(port), '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const post = () =>
    new Promise<{ status: number; text: string }>((ok, fail) => {
      const req = request(`${base}/exposure/batch?asOf=all&bufferKm=${BUFFER_KM}`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', fail);
      req.end(body);
    });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ready = await fetch(`${base}/ready`).then((r) => r.status === 200, () => false);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await post(); // warm-up: the threads' JIT
    await post();
    const times: number[] = [];
    let last = '';
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const c = procCpuMs(child.pid!);
      const r = await post();
      times.push(performance.now() - t);
      cpu.push(procCpuMs(child.pid!) - c);
      if (r.status !== 200) throw new Error(`batch: ${r.status} ${r.text.slice(0, 200)}`);
      last = r.text;
    }
    const answer = JSON.parse(last) as { keys: string[]; results: Record<string, Answer> };
    return { times, cpu, figures: answer.keys.map((k) => figuresOf(answer.results[k]!)), load: loadavg() };
  } finally {
    child.kill('SIGTERM');
  }
}

// --- Gauntlet in this process, one thread, routes already parsed
function gauntletInProcess(): Run {
  const run = () => routes.map((g) => computeExposure(layers, g, { asOf: 'all', bufferKm: BUFFER_KM }));
  run(); // warm-up
  run();
  const times: number[] = [];
  const cpu: number[] = [];
  let last: Answer[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    last = run();
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { times, cpu, figures: last.map(figuresOf), load: loadavg() };
}

// --- PostGIS: the layers in indexed tables; the routes either sent as GeoJSON text or preloaded
async function postgis(): Promise<{ e2e: Run; preloaded: Run; version: string } | string> {
  const pg = await startPostgres().catch((err: Error) => err.message.split('\n')[0]!);
  if (pg === undefined) return 'PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin)';
  if (typeof pg === 'string') return `PostgreSQL failed to start: ${pg}`;
  try {
    const text = (v: string) => `'${v.replace(/'/g, "''")}'`;
    const geo = (g: unknown) => `ST_GeomFromGeoJSON(${text(JSON.stringify(g))})`;
    const list = (rows: string[]) => rows.join(',\n');
    const narrow = (basis: string | undefined) => basis === 'locality' || basis === 'corridor';
    pg.sql(`
      CREATE EXTENSION postgis;
      CREATE TABLE checkpoints (id text, likely boolean, geog geography(Point, 4326));
      CREATE TABLE territories (id text, state boolean, high boolean, low boolean, narrow boolean, geom geometry);
      CREATE TABLE ports (id text, roles text, geog geography(Point, 4326));
      CREATE TABLE routes (id int PRIMARY KEY, geom geometry(LineString, 4326), geog geography(LineString, 4326));
      INSERT INTO checkpoints VALUES ${list(layers.layer('checkpoints').features.map((f) => `(${text(f.id)}, ${f.properties.confidence === 'high' && f.properties.locationPrecision !== 'segment'}, ${geo(f.geometry)}::geography)`))};
      INSERT INTO territories VALUES ${list(layers.layer('territories').features.map((f) => { const p = f.properties; return `(${text(f.id)}, ${p.actor === 'state'}, ${p.confidence === 'high'}, ${p.confidence === 'low'}, ${narrow(p.extentBasis ?? 'municipality')}, ST_SetSRID(ST_MakeValid(${geo(f.geometry)}), 4326))`; }))};
      INSERT INTO ports VALUES ${list(layers.layer('ports').features.map((f) => `(${text(f.id)}, ${text([...new Set(f.properties.roles.map((r) => r.role))].sort().join(','))}, ${geo(f.geometry as Point)}::geography)`))};
      INSERT INTO routes (id, geom) VALUES ${list(routes.map((g, i) => `(${i}, ST_SetSRID(${geo(g)}, 4326))`))};
      UPDATE routes SET geog = geom::geography;
      -- each band's areas unioned once and cut small for the index (not timed): a band's km is then a sum of
      -- intersections with no union per route, PostGIS's fastest way to the same figure
      CREATE TABLE bands (band text, geom geometry);
      ${Object.entries(BAND_SQL).map(([band, filter]) => `INSERT INTO bands SELECT '${band}', ST_Subdivide(ST_Union(geom), 64) FROM territories WHERE ${filter};`).join('\n')}
      CREATE INDEX ON bands USING gist (geom);
      CREATE INDEX ON checkpoints USING gist (geog);
      CREATE INDEX ON territories USING gist (geom);
      CREATE INDEX ON ports USING gist (geog);
      ANALYZE;
    `);
    // per route: checkpoints, each band's km (a sum over its pieces), km per criminal territory, the nearest port
    const figures = (routesFrom: string) => `
      WITH r AS MATERIALIZED (${routesFrom})
      SELECT r.id,
        (SELECT count(*) FROM checkpoints c WHERE ST_DWithin(c.geog, r.geog, ${BUFFER_KM * 1000}, false)),
        (SELECT count(*) FROM checkpoints c WHERE c.likely AND ST_DWithin(c.geog, r.geog, ${BUFFER_KM * 1000}, false)),
        (SELECT coalesce(string_agg(band || '=' || km::text, ' '), '') FROM (
          SELECT b.band, sum(ST_Length(ST_Intersection(b.geom, r.geom)::geography, false)) / 1000 AS km FROM bands b WHERE ST_Intersects(b.geom, r.geom) GROUP BY b.band) k),
        (SELECT coalesce(string_agg(t.id || '=' || (ST_Length(ST_Intersection(t.geom, r.geom)::geography, false) / 1000)::text, ' '), '')
          FROM territories t WHERE NOT t.state AND ST_Intersects(t.geom, r.geom)),
        n.id, n.km, n.roles
      FROM r
      CROSS JOIN LATERAL (SELECT id, roles, ST_Distance(geog, ST_EndPoint(r.geom)::geography, false) / 1000 AS km FROM ports ORDER BY geog <-> ST_EndPoint(r.geom)::geography LIMIT 1) n
      ORDER BY r.id`;
    const preloaded = figures('SELECT id, geom, geog FROM routes');
    // end to end: the client sends the batch's own GeoJSON text; the query parses it once (jsonb, and the routes
    // materialised: with plain json and an inlined CTE, PostgreSQL parsed the whole text again for every route)
    const e2e = figures(`
      SELECT (f.i - 1)::int AS id, g AS geom, g::geography AS geog
      FROM jsonb_array_elements((${text(body)}::jsonb) -> 'features') WITH ORDINALITY AS f(v, i),
        LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(f.v -> 'geometry'), 4326) AS g) gg`);
    const timed = (query: string): Run => {
      // \\timing prints each statement's round trip; one warm-up, then the timed runs
      // and the backend's CPU around each (its /proc stat, read by psql's shell escape)
      const stat = '\\! cat /proc/$BACKEND/stat';
      const out = pg.sql(`SELECT pg_backend_pid() AS pid \\gset\n\\setenv BACKEND :pid\n\\timing on\n${Array.from({ length: RUNS + 1 }, () => `${stat}\n${query};\n${stat}`).join('\n')}`);
      const times = [...out.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1])).slice(1);
      const ticks = out.split('\n').filter((l) => /^\d+ \(postgres\) /.test(l)).map((l) => { const f = l.split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; });
      const cpu = Array.from({ length: RUNS }, (_, i) => ticks[2 * (i + 1) + 1]! - ticks[2 * (i + 1)]!);
      const figures = out
        .split('\n')
        .filter((l) => /^\d+\|/.test(l))
        .slice(-routes.length)
        .map((l) => {
          const [, c, lc, bandKm, per, port, portKm, roles] = l.split('|');
          const pairs = (t: string | undefined) => Object.fromEntries((t ?? '').split(' ').filter(Boolean).map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]));
          const perTerritory: Record<string, number> = {};
          for (const [id, k] of (per ?? '').split(' ').filter(Boolean).map((kv) => kv.split('='))) perTerritory[id!] = (perTerritory[id!] ?? 0) + Number(k);
          const b = pairs(bandKm);
          const bands = Object.fromEntries(BANDS.map((name) => [name, b[name] ?? 0])) as Record<BandName, number>;
          return { checkpoints: Number(c), likelyCheckpoints: Number(lc), bands, perTerritory, stateKm: b.state ?? 0, port: port!, portKm: Number(portKm), roles: roles ?? '' };
        });
      return { times, cpu, figures, load: loadavg() };
    };
    const e2eRun = timed(e2e);
    const preRun = timed(preloaded);
    const version = pg.sql('SELECT PostGIS_Lib_Version();').trim();
    return { e2e: e2eRun, preloaded: preRun, version };
  } finally {
    pg.stop();
  }
}

const pgResult = await postgis();
const gHttp = await gauntletHttp();
const gIn = gauntletInProcess();
const rate = (ms: number) => Math.round((routes.length / ms) * 1000);
const row = (label: string, r: Run) => `| ${label} | ${median(r.times).toFixed(0)} | ${r.times.map((t) => t.toFixed(0)).join(', ')} | ${rate(median(r.times))} | ${median(r.cpu).toFixed(0)} | ${r.load} |`;
console.log('');
console.log('| pairing: engine | median ms | runs (ms) | routes/s | median CPU ms (serving side, all threads) | load after |');
console.log('|---|---|---|---|---|---|');
console.log(row('end to end: Gauntlet, POST /exposure/batch over HTTP (every worker thread), full answer', gHttp));
if (typeof pgResult === 'string') console.log(`| end to end: PostGIS | not run: ${pgResult} | | | |`);
else console.log(row(`end to end: PostGIS ${pgResult.version}, psql sends the GeoJSON text, one query parses it and returns the figures`, pgResult.e2e));
console.log(row('preloaded: Gauntlet in process, one thread, routes parsed beforehand', gIn));
if (typeof pgResult !== 'string') {
  console.log(row(`preloaded: PostGIS ${pgResult.version}, one query over the indexed routes table (one backend)`, pgResult.preloaded));
  console.log('');
  const ratio = (pgMs: number, gMs: number) => `${(pgMs / gMs).toFixed(2)}x (goal 3x: ${pgMs / gMs >= 3 ? 'met' : 'not met'})`;
  console.log(`speed, Gauntlet over PostGIS, end to end: ${ratio(median(pgResult.e2e.times), median(gHttp.times))}; in CPU time ${(median(pgResult.e2e.cpu) / median(gHttp.cpu)).toFixed(2)}x (Gauntlet uses every core, PostGIS one backend)`);
  console.log(`speed, Gauntlet over PostGIS, preloaded: ${ratio(median(pgResult.preloaded.times), median(gIn.times))}; in CPU time ${(median(pgResult.preloaded.cpu) / median(gIn.cpu)).toFixed(2)}x (one thread each)`);
  console.log(`(PostGIS ms / Gauntlet ms; above 1: Gauntlet faster; ${routes.length} routes, ${vertices} vertices)`);
  // agreement: lengths within 0.1% or 10 m, the same port and roles, equal checkpoint counts
  const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.01, 0.001 * Math.abs(b));
  const compare = (label: string, mine: Figures[], theirs: Figures[]) => {
    const off: Record<string, number> = { checkpoints: 0, likelyCheckpoints: 0, perTerritory: 0, stateKm: 0, port: 0, ...Object.fromEntries(BANDS.map((b) => [b, 0])) };
    let worst = 0;
    theirs.forEach((p, i) => {
      const q = mine[i]!;
      for (const b of BANDS) {
        if (!close(q.bands[b], p.bands[b])) off[b]!++;
        worst = Math.max(worst, Math.abs(q.bands[b] - p.bands[b]));
      }
      if (!close(q.stateKm, p.stateKm)) off.stateKm!++;
      if (p.checkpoints !== q.checkpoints) off.checkpoints!++;
      if (p.likelyCheckpoints !== q.likelyCheckpoints) off.likelyCheckpoints!++;
      if (p.port !== q.port || !close(q.portKm, p.portKm) || p.roles !== q.roles) off.port!++;
      for (const id of new Set([...Object.keys(p.perTerritory), ...Object.keys(q.perTerritory)])) if (!close(q.perTerritory[id] ?? 0, p.perTerritory[id] ?? 0)) off.perTerritory!++;
    });
    const total = (xs: Figures[], f: (x: Figures) => number) => xs.reduce((s, x) => s + f(x), 0);
    console.log(
      `agreement, ${label}, ${routes.length} routes: figures beyond 0.1% (or 10 m) or unequal, by figure: ${JSON.stringify(off)} (per territory: route-territory pairs; largest band difference ${(worst * 1000).toFixed(1)} m; ` +
        `possible km ${total(mine, (x) => x.bands.possible).toFixed(1)} vs ${total(theirs, (x) => x.bands.possible).toFixed(1)}, likely km ${total(mine, (x) => x.bands.likely).toFixed(1)} vs ${total(theirs, (x) => x.bands.likely).toFixed(1)}, checkpoints ${total(mine, (x) => x.checkpoints)} vs ${total(theirs, (x) => x.checkpoints)})`,
    );
  };
  compare('end to end', gHttp.figures, pgResult.e2e.figures);
  compare('preloaded', gIn.figures, pgResult.preloaded.figures);
}
