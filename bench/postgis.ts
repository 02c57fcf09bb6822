// Exposure side by side with PostGIS: the same 1,000 road-like routes, the same layers, the same figures. Gauntlet
// answers them as one POST /exposure/batch to its compiled server (end to end over HTTP, every worker thread);
// PostgreSQL 15 + PostGIS 3 (Debian) answers them with one SQL query over GiST-indexed tables. Prints both times,
// the ratio, and how well the figures agree (they must: this is also a check of the engine).
//
//   npx tsx bench/postgis.ts [--runs N] [--routes N]      (npm run build first: the server runs from dist/)
//
// Figures compared, with asOf=all and bufferKm=5: checkpoints within 5 km of the route, km of the route inside
// criminal territory (the union over every territory: a stretch inside two counts once), and the port nearest the
// route's end with its distance. Lengths and distances on the sphere in both (PostGIS `use_spheroid => false`;
// Gauntlet's haversine, radius 6371.0088 km), intersections planar in lon/lat in both (PostGIS geometry).
// PostGIS is given every advantage: data loaded, indexed and analysed beforehand, territories unioned once and
// subdivided for its index (not timed), and only these four figures to compute; Gauntlet parses the JSON, validates
// it and computes its whole answer (bands, groups, time block) for each route.
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
import { startPostgres } from './pgrouting.js';
import { randomRoutes } from './routes.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, routes: { type: 'string', default: '1000' } } });
const RUNS = Number(values.runs);
const BUFFER_KM = 5;
const HERE = resolve(fileURLToPath(new URL('..', import.meta.url)));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const layers = await loadLayerSet();
const routes = randomRoutes(Number(values.routes));
const vertices = routes.reduce((n, r) => n + r.coordinates.length, 0);
const body = JSON.stringify({ type: 'FeatureCollection', features: routes.map((geometry, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry })) });
console.log(`exposure side by side with PostGIS: ${routes.length} routes, ${vertices} vertices, ${(body.length / 1e6).toFixed(1)} MB of GeoJSON; asOf=all, bufferKm=${BUFFER_KM}; load ${loadavg()}`);

// --- Gauntlet: its compiled server in a child process, one batch per run
type Figures = { checkpoints: number; km: number; perTerritory: Record<string, number>; port: string; portKm: number };
async function gauntlet(): Promise<{ times: number[]; figures: Figures[] }> {
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
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = await post();
      times.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`batch: ${r.status} ${r.text.slice(0, 200)}`);
      last = r.text;
    }
    type Answer = { summary: { checkpointsPassed: number; kmInTerritory: number }; territories: { id: string; lengthKm: number }[]; ports: { id: string; distanceKm: number } };
    const answer = JSON.parse(last) as { keys: string[]; results: Record<string, Answer> };
    const figures = answer.keys.map((k) => {
      const r = answer.results[k]!;
      const perTerritory: Record<string, number> = {};
      for (const t of r.territories) perTerritory[t.id] = (perTerritory[t.id] ?? 0) + t.lengthKm;
      return { checkpoints: r.summary.checkpointsPassed, km: r.summary.kmInTerritory, perTerritory, port: r.ports.id, portKm: r.ports.distanceKm };
    });
    return { times, figures };
  } finally {
    child.kill('SIGTERM');
  }
}

// --- PostGIS: the layers and routes in indexed tables, then one query per run
type Run = { times: number[]; figures: Figures[] };
async function postgis(): Promise<{ same: Run; lean: Run; version: string } | string> {
  const pg = await startPostgres().catch((err: Error) => err.message.split('\n')[0]!);
  if (pg === undefined) return 'PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin)';
  if (typeof pg === 'string') return `PostgreSQL failed to start: ${pg}`;
  try {
    const text = (v: string) => `'${v.replace(/'/g, "''")}'`;
    const geo = (g: unknown) => `ST_GeomFromGeoJSON(${text(JSON.stringify(g))})`;
    const list = (rows: string[]) => rows.join(',\n');
    const criminal = layers.layer('territories').features.filter((f) => f.properties.actor !== 'state');
    pg.sql(`
      CREATE EXTENSION postgis;
      CREATE TABLE checkpoints (id text, geog geography(Point, 4326));
      CREATE TABLE territories (id text, geom geometry);
      CREATE TABLE ports (id text, geog geography(Point, 4326));
      CREATE TABLE routes (id int PRIMARY KEY, geom geometry(LineString, 4326), geog geography(LineString, 4326));
      INSERT INTO checkpoints VALUES ${list(layers.layer('checkpoints').features.map((f) => `(${text(f.id)}, ${geo(f.geometry)}::geography)`))};
      INSERT INTO territories VALUES ${list(criminal.map((f) => `(${text(f.id)}, ST_SetSRID(ST_MakeValid(${geo(f.geometry)}), 4326))`))};
      INSERT INTO ports VALUES ${list(layers.layer('ports').features.map((f) => `(${text(f.id)}, ${geo(f.geometry as Point)}::geography)`))};
      INSERT INTO routes (id, geom) VALUES ${list(routes.map((g, i) => `(${i}, ST_SetSRID(${geo(g)}, 4326))`))};
      UPDATE routes SET geog = geom::geography;
      -- for the lean query: the union of every criminal territory, cut small for the index
      CREATE TABLE pieces AS SELECT ST_Subdivide(ST_Union(geom), 64) AS geom FROM territories;
      CREATE INDEX ON checkpoints USING gist (geog);
      CREATE INDEX ON territories USING gist (geom);
      CREATE INDEX ON pieces USING gist (geom);
      CREATE INDEX ON ports USING gist (geog);
      ANALYZE;
    `);
    const end = 'ST_EndPoint(r.geom)::geography';
    const nearestPort = `CROSS JOIN LATERAL (SELECT id, ST_Distance(geog, ${end}, false) / 1000 AS km FROM ports ORDER BY geog <-> ${end} LIMIT 1) n`;
    const checkpointCount = `(SELECT count(*) FROM checkpoints c WHERE ST_DWithin(c.geog, r.geog, ${BUFFER_KM * 1000}, false))`;
    // the same figures: each territory's km (its passages), the km of their union, checkpoints, nearest port
    const same = `
      SELECT r.id, ${checkpointCount},
        coalesce(ST_Length(ST_Union(x.g, 1e-9)::geography, false), 0) / 1000,
        coalesce(string_agg(x.id || '=' || (ST_Length(x.g::geography, false) / 1000)::text, ' ' ORDER BY x.id), ''),
        n.id, n.km
      FROM routes r
      LEFT JOIN LATERAL (
        SELECT t.id, ST_CollectionExtract(ST_Intersection(t.geom, r.geom), 2) AS g FROM territories t WHERE ST_Intersects(t.geom, r.geom)
      ) x ON NOT ST_IsEmpty(x.g)
      ${nearestPort}
      GROUP BY r.id, n.id, n.km
      ORDER BY r.id`;
    // the lean one: only the totals, over the territories unioned beforehand
    const lean = `
      SELECT r.id, ${checkpointCount},
        (SELECT coalesce(sum(ST_Length(ST_Intersection(p.geom, r.geom)::geography, false)), 0) / 1000 FROM pieces p WHERE ST_Intersects(p.geom, r.geom)),
        '', n.id, n.km
      FROM routes r
      ${nearestPort}
      ORDER BY r.id`;
    const timed = (query: string) => {
      // \\timing prints each statement's round trip; one warm-up, then the timed runs
      const out = pg.sql(`\\timing on\n${Array.from({ length: RUNS + 1 }, () => `${query};`).join('\n')}`);
      const times = [...out.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1])).slice(1);
      const figures = out
        .split('\n')
        .filter((l) => /^\d+\|/.test(l))
        .slice(-routes.length)
        .map((l) => {
          const [, c, km, per, port, portKm] = l.split('|');
          const perTerritory = Object.fromEntries((per ?? '').split(' ').filter(Boolean).map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]));
          return { checkpoints: Number(c), km: Number(km), perTerritory, port: port!, portKm: Number(portKm) };
        });
      return { times, figures };
    };
    const sameRun = timed(same);
    const leanRun = timed(lean);
    const version = pg.sql('SELECT PostGIS_Lib_Version();').trim();
    return { same: sameRun, lean: leanRun, version };
  } finally {
    pg.stop();
  }
}

const pgResult = await postgis();
const g = await gauntlet();
const gMs = median(g.times);
const rate = (ms: number) => Math.round((routes.length / ms) * 1000);
console.log('');
console.log('| engine | median ms | runs (ms) | routes/s |');
console.log('|---|---|---|---|');
console.log(`| Gauntlet: POST /exposure/batch over HTTP, full answer | ${gMs.toFixed(0)} | ${g.times.map((t) => t.toFixed(0)).join(', ')} | ${rate(gMs)} |`);
if (typeof pgResult === 'string') {
  console.log(`| PostGIS | not run: ${pgResult} | | |`);
} else {
  const runs = [
    ['same figures (per territory, union, checkpoints, port)', pgResult.same],
    ['lean (totals only, territories unioned and subdivided beforehand)', pgResult.lean],
  ] as const;
  for (const [label, r] of runs) {
    const ms = median(r.times);
    console.log(`| PostGIS ${pgResult.version}, one SQL query: ${label} | ${ms.toFixed(0)} | ${r.times.map((t) => t.toFixed(0)).join(', ')} | ${rate(ms)} |`);
  }
  console.log('');
  for (const [label, r] of runs) console.log(`speed, Gauntlet over PostGIS (${label.split(' (')[0]} query): ${(median(r.times) / gMs).toFixed(2)}x (PostGIS ms / Gauntlet ms; above 1: Gauntlet faster)`);
  console.log(`(same command, load ${loadavg()})`);
  // agreement: lengths within 0.1% or 10 m, the same nearest port, equal checkpoint counts
  const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.01, 0.001 * Math.abs(b));
  for (const [label, r] of runs) {
    let km = 0, cps = 0, ports = 0, per = 0, worst = 0;
    r.figures.forEach((p, i) => {
      const q = g.figures[i]!;
      worst = Math.max(worst, Math.abs(p.km - q.km));
      if (!close(q.km, p.km)) km++;
      if (p.checkpoints !== q.checkpoints) cps++;
      if (p.port !== q.port || !close(q.portKm, p.portKm)) ports++;
      if (label.startsWith('same')) {
        const ids = new Set([...Object.keys(p.perTerritory), ...Object.keys(q.perTerritory)]);
        for (const id of ids) if (!close(q.perTerritory[id] ?? 0, p.perTerritory[id] ?? 0)) per++;
      }
    });
    const total = (xs: Figures[], f: (x: Figures) => number) => xs.reduce((s, x) => s + f(x), 0);
    console.log(
      `agreement, ${label.split(' (')[0]} query, ${routes.length} routes: km in territory beyond 0.1% on ${km} (largest difference ${(worst * 1000).toFixed(1)} m; totals ${total(g.figures, (x) => x.km).toFixed(1)} vs ${total(r.figures, (x) => x.km).toFixed(1)} km)` +
        `${label.startsWith('same') ? `; per-territory km beyond 0.1% on ${per} route-territory pairs` : ''}; checkpoint counts on ${cps} (totals ${total(g.figures, (x) => x.checkpoints)} vs ${total(r.figures, (x) => x.checkpoints)}); nearest port on ${ports}`,
    );
  }
}
