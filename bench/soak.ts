// Soak: a bounded mixed workload against a real server on loopback, printing throughput, p99 and errors per kind
// and the server's RSS (with its threads and child processes) every minute.
//
//   npx tsx bench/soak.ts [--minutes 5] [--baseline DIR] [--concurrency 16] [--heavy-per-client N]
//
// It starts `node DIR/bin/gauntlet.js serve` on a free loopback port (this checkout, then DIR when given, one after
// the other on the same machine) and never talks to anything else.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './prng.js';
import { randomRoutes } from './routes.js';
import { treeRssMb } from './process-tree.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, baseline: { type: 'string' }, concurrency: { type: 'string', default: '16' }, 'heavy-per-client': { type: 'string' } } });
const MINUTES = Math.min(30, Math.max(0.1, Number(values.minutes)));
const CONCURRENCY = Math.min(64, Math.max(1, Number(values.concurrency)));
const HERE = resolve(fileURLToPath(new URL('..', import.meta.url)));

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

type Kind = 'tile' | 'health' | 'tilejson' | 'layers' | 'exposure' | 'batch' | 'static' | 'bad';
const rand = prng(99);
const routes = randomRoutes(400, 5);
const smallBatch = JSON.stringify({ type: 'FeatureCollection', features: routes.slice(0, 100).map((g, i) => ({ type: 'Feature', id: i, properties: {}, geometry: g })) });

function tileUrl(): string {
  const z = Math.floor(rand() * 13);
  const lon = -118 + rand() * 32;
  const lat = 14 + rand() * 19;
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `/tiles/gauntlet/${z}/${x}/${y}.mvt`;
}

/** One request of a kind picked by weight: mostly tiles, as a map client would send. */
function pick(): { kind: Kind; method: string; path: string; body?: string } {
  const r = rand();
  if (r < 0.6) return { kind: 'tile', method: 'GET', path: tileUrl() };
  if (r < 0.68) return { kind: 'health', method: 'GET', path: '/health' };
  if (r < 0.72) return { kind: 'tilejson', method: 'GET', path: '/tiles/gauntlet.json' };
  if (r < 0.76) return { kind: 'layers', method: 'GET', path: `/layers/checkpoints?as_of=2023-05-01` };
  if (r < 0.9) return { kind: 'exposure', method: 'POST', path: '/exposure', body: JSON.stringify(routes[Math.floor(rand() * routes.length)]) };
  if (r < 0.93) return { kind: 'batch', method: 'POST', path: '/exposure/batch', body: smallBatch };
  if (r < 0.95) return { kind: 'static', method: 'GET', path: `/static/auto/${200 + Math.floor(rand() * 5) * 40}x200.png?as_of=2023-05-01` };
  return { kind: 'bad', method: 'POST', path: '/exposure?bufferKm=0x10', body: '{"type":"LineString","coordinates":[[0,0]]}' };
}

async function soak(label: string, dir: string) {
  const port = await freePort();
  // --heavy-per-client goes in the environment: a server older than the setting ignores it (one client here sends
  // every request, so the default of 4 turns a soak's concurrent heavy requests into 429s)
  const env = { ...process.env, ...(values['heavy-per-client'] ? { HEAVY_PER_CLIENT: values['heavy-per-client'] } : {}) };
  const child = spawn(process.execPath, [join(dir, 'bin/gauntlet.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const base = `http://127.0.0.1:${port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const send = (m: { method: string; path: string; body?: string }) =>
    new Promise<number>((ok) => {
      const req = request(`${base}${m.path}`, { method: m.method, agent, headers: { 'accept-encoding': 'gzip', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', () => ok(-1));
      req.end(m.body);
    });
  for (;;) {
    if ((await send({ method: 'GET', path: '/health' }).catch(() => -1)) === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`\n[${label}] soak ${MINUTES} min, ${CONCURRENCY} concurrent, loopback; RSS at start ${treeRssMb(child.pid!)} MB`);
  const stats = new Map<Kind, { ms: number[]; errors: number; statuses: Map<number, number> }>();
  const end = performance.now() + MINUTES * 60_000;
  let nextMinute = performance.now() + 60_000;
  let minute = 0;
  const ticker = setInterval(() => {
    if (performance.now() >= nextMinute) {
      minute++;
      nextMinute += 60_000;
      console.log(`  minute ${minute}: RSS ${treeRssMb(child.pid!)} MB`);
    }
  }, 1000);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const m = pick();
        const t = performance.now();
        const status = await send(m);
        const s = stats.get(m.kind) ?? { ms: [] as number[], errors: 0, statuses: new Map<number, number>() };
        s.ms.push(performance.now() - t);
        s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
        const expected = m.kind === 'bad' ? status === 400 : status >= 200 && status < 400;
        if (!expected) s.errors++;
        stats.set(m.kind, s);
      }
    }),
  );
  clearInterval(ticker);
  const seconds = MINUTES * 60;
  console.log(`  RSS at end: ${treeRssMb(child.pid!)} MB`);
  console.log(`  ${'kind'.padEnd(9)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)}  statuses`);
  for (const [kind, s] of [...stats].sort()) {
    const sorted = s.ms.sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    console.log(`  ${kind.padEnd(9)} ${(s.ms.length / seconds).toFixed(1).padStart(8)} ${p(0.5).padStart(8)} ${p(0.99).padStart(8)} ${String(s.errors).padStart(7)}  ${JSON.stringify(Object.fromEntries(s.statuses))}`);
  }
  agent.destroy();
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

await soak('this tree', HERE);
if (values.baseline) await soak('baseline', resolve(values.baseline));
