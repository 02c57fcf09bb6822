// Tile serving benchmark: autocannon on loopback against Gauntlet (a child process, tiles cached) and, side by
// side, a bare node:http server returning the same bytes; cold generation time per zoom; RSS after serving
// every tile z0-12. Run: npm run bench tiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { loadLayerSet } from '../src/layers/load.js';
import { nonEmptyTiles } from '../src/tiles/archive.js';
import { LiveTiles } from '../src/tiles/live-source.js';
import { ALL_SOURCE, layersOfSource, MAX_ZOOM } from '../src/tiles/source.js';
import { prng } from './prng.js';

const URLS = 500;
const DURATION_S = 10;
const CONNECTIONS = 32;

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

function load(url: string, paths: string[]): Promise<any> {
  let i = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { 'accept-encoding': 'gzip' },
        requests: [{ setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (err: unknown, result: any) => (err ? reject(err) : resolve(result)),
    ),
  );
}

const layers = await loadLayerSet();
const all = layersOfSource(ALL_SOURCE)!;

// Cold generation, in this process: a fresh index set, every non-empty tile once, encode + gzip.
const live = new LiveTiles(layers);
const tiles = nonEmptyTiles(live);
console.log(`tile benchmark: ${tiles.length} non-empty tiles z0-${MAX_ZOOM}, node ${process.version}, ${CONNECTIONS} connections, ${DURATION_S} s per run`);
console.log('');
console.log('cold generation (geojson-vt tile + vt-pbf encode + gzip), first request of each tile:');
console.log('| zoom | tiles | mean ms | p99 ms | max ms |');
console.log('|---|---|---|---|---|');
const fresh = new LiveTiles(layers);
for (let z = 0; z <= MAX_ZOOM; z++) {
  const times: number[] = [];
  for (const [tz, x, y] of tiles) {
    if (tz !== z) continue;
    const t0 = performance.now();
    gzipSync(fresh.encode(all, z, x, y)!);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(`| ${z} | ${times.length} | ${mean.toFixed(2)} | ${times[Math.floor(times.length * 0.99)]!.toFixed(2)} | ${times.at(-1)!.toFixed(2)} |`);
}

// A fixed list of real tile URLs, drawn across zooms, warmed into Gauntlet's cache.
const rand = prng(11);
const chosen = [...tiles].sort(() => rand() - 0.5).slice(0, URLS).map(([z, x, y]) => `/tiles/gauntlet/${z}/${x}/${y}.mvt`);
const gauntlet = await start(['bin/gauntlet.js', 'serve', '--port', '0', '--host', '127.0.0.1']);
const captured = [];
for (const path of chosen) {
  const res = await fetch(gauntlet.url + path, { headers: { 'accept-encoding': 'gzip' } });
  // fetch gunzips; the bare server gets the gzip bytes Gauntlet keeps
  const raw = Buffer.from(await res.arrayBuffer());
  captured.push({
    path,
    body: gzipSync(raw, { level: 6 }).toString('base64'),
    headers: { 'content-type': res.headers.get('content-type')!, 'content-encoding': 'gzip', etag: res.headers.get('etag')!, 'cache-control': res.headers.get('cache-control')!, vary: 'Accept-Encoding' },
  });
}
const file = join(tmpdir(), `gauntlet-bench-tiles-${process.pid}.json`);
writeFileSync(file, JSON.stringify(captured));
const bare = await start(['--import', 'tsx', 'bench/bare-server.ts', file]);

const g = await load(gauntlet.url, chosen);
const b = await load(bare.url, chosen);
console.log('');
console.log(`cached tiles over loopback (${URLS} URLs, gzip):`);
console.log('| server | requests/s | p50 ms | p99 ms | throughput MB/s | non-2xx |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of [['gauntlet', g], ['bare node:http (ceiling)', b]] as const) {
  console.log(`| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${(r.throughput.average / 1e6).toFixed(1)} | ${r.non2xx} |`);
}
console.log(`gauntlet / ceiling: ${(g.requests.average / b.requests.average).toFixed(2)}x`);
bare.child.kill();

// RSS after serving every tile z0-12 once (cache bounded at 128 MB of gzip).
const before = rssMb(gauntlet.child.pid!);
const queue = tiles.map(([z, x, y]) => `/tiles/gauntlet/${z}/${x}/${y}.mvt`);
const t0 = performance.now();
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let p = queue.pop(); p; p = queue.pop()) await (await fetch(gauntlet.url + p, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
  }),
);
console.log('');
console.log(`served all ${tiles.length} tiles in ${((performance.now() - t0) / 1000).toFixed(1)} s; Gauntlet RSS ${before.toFixed(0)} MB before, ${rssMb(gauntlet.child.pid!).toFixed(0)} MB after`);
gauntlet.child.kill();
