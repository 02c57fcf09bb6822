// Service benchmark: starts real servers as child processes and measures what an operator sees: cold start to
// healthy, RSS at rest (server and its child processes), /health latency while a 10,000-route batch runs, batch
// throughput end to end, RSS after serving every tile z0-12 of the data's bounds.
//
//   npx tsx bench/service.ts [--baseline DIR] [--skip-tiles] [--skip-batches] [--skip-renders] [--idle-s N] [--settle-s N] [--rounds N] [--also-env K=V,...]
//
// DIR is another checkout of Gauntlet (e.g. `git worktree add /tmp/base main`, with node_modules and `npm run
// build` done): its server runs beside this one's in the same command, alternating, so both see the same (shared,
// noisy) machine. --also-env runs this tree once more with those environment settings (e.g. HEAP_GROWTH_PERCENT=0).
// Memory is read per process of each server's tree (the server, its raster processes; worker threads live inside
// the server's RSS) and, for the server's main thread, its JS heap from /metrics; a table at the end puts the
// trees side by side.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { randomRoutes } from './routes.js';
import { commandOf, processTree, rssKb } from './process-tree.js';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    'skip-tiles': { type: 'boolean', default: false },
    'skip-batches': { type: 'boolean', default: false },
    'skip-renders': { type: 'boolean', default: false },
    'idle-s': { type: 'string', default: '0' }, // N: also RSS after N s idle (worker threads exit after WORKER_IDLE_MS)
    'settle-s': { type: 'string', default: '2' }, // N: each stage's RSS again N s after it ended (0: not)
    rounds: { type: 'string', default: '1' },
    batch: { type: 'string', default: '10000' },
    cold: { type: 'string', default: '0' }, // N: first N cold starts per tree, alternating, then the medians
    'also-env': { type: 'string' },

  },
});
const HERE = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BOUNDS = [-118.4, 13, -86, 34] as const;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number }> {
  return new Promise((ok, fail) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => ok({ status: res.statusCode ?? 0, bytes }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** RSS in MB of a process and each of its descendants. */
function rssTree(pid: number): { pid: number; cmd: string; mb: number }[] {
  return processTree(pid).map((p) => ({ pid: p, cmd: commandOf(p).slice(0, 60), mb: Math.round(rssKb(p) / 1024) }));
}

interface Memory {
  tree: number; // MB, the server and every descendant
  server: number; // MB, the server process (its worker threads included)
  raster: number[]; // MB of each raster process
  other: number; // MB of any other descendant
  threads?: number; // worker threads running (from /metrics)
  heapUsed?: number; // MB, the server's main-thread JS heap (from /metrics)
  heapTotal?: number;
  external?: number;
}

/** What the server's tree holds now: per process from /proc, the main thread's heap from /metrics. */
async function memory(s: Started): Promise<Memory> {
  const procs = rssTree(s.pid);
  const [server, ...children] = procs;
  const raster = children.filter((p) => p.cmd.includes('raster-worker')).map((p) => p.mb);
  const m = await getText(`${s.base}/metrics`);
  const metric = (name: string) => {
    const v = new RegExp(`^gauntlet_${name} (\\S+)`, 'm').exec(m)?.[1];
    return v === undefined ? undefined : Math.round(Number(v) / 1048576);
  };
  return {
    tree: procs.reduce((t, p) => t + p.mb, 0),
    server: server?.mb ?? 0,
    raster,
    other: children.reduce((t, p) => t + p.mb, 0) - raster.reduce((t, x) => t + x, 0),
    threads: Number(/^gauntlet_worker_pool_threads (\d+)/m.exec(m)?.[1] ?? NaN),
    heapUsed: metric('nodejs_heap_size_used_bytes'),
    heapTotal: metric('nodejs_heap_size_total_bytes'),
    external: metric('nodejs_external_memory_bytes'),
  };
}

const memText = (m: Memory) =>
  `tree ${m.tree} MB = server ${m.server} MB (${m.threads} worker threads; main-thread heap ${m.heapUsed ?? '?'} used / ${m.heapTotal ?? '?'} MB total, external ${m.external ?? '?'} MB)` +
  ` + ${m.raster.length} raster process(es)${m.raster.length ? ` ${m.raster.join(' + ')} MB` : ''}${m.other ? ` + other ${m.other} MB` : ''}`;

function getText(url: string): Promise<string> {
  return new Promise((ok) =>
    request(url, { agent }, (res) => {
      let t = '';
      res.on('data', (c) => (t += c));
      res.on('end', () => ok(res.statusCode === 200 ? t : ''));
    })
      .on('error', () => ok(''))
      .end(),
  );
}

interface Started {
  child: ChildProcess;
  base: string;
  coldMs: number;
  readyMs: number; // to /ready: data loaded, worker threads up, tile indexes built
  pid: number;
}

async function start(dir: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(dir, 'bin/gauntlet.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server in ${dir} exited with ${child.exitCode}`);
    try {
      if ((await get(`${base}/health`)).status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldMs = performance.now() - t0;
  for (;;) {
    if ((await get(`${base}/ready`)).status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, base, coldMs, readyMs: performance.now() - t0, pid: child.pid! };
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  const t = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** The server's own event-loop delay since the last scrape (prom-client resets its monitor on each scrape), ms. */
async function loopDelay(base: string): Promise<{ p99: number; max: number } | undefined> {
  const text = await new Promise<string>((ok) => request(`${base}/metrics`, (res) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => ok(res.statusCode === 200 ? t : '')); }).on('error', () => ok('')).end());
  const v = (name: string) => Number(new RegExp(`^gauntlet_nodejs_eventloop_lag_${name}_seconds (\\S+)`, 'm').exec(text)?.[1]) * 1000;
  return text ? { p99: v('p99'), max: v('max') } : undefined;
}

/** POSTs the batch while polling /health every 20 ms; returns routes/s, /health latencies and the server's loop delay. */
// A /health prober on its own thread: the bench's main thread also sends the 32 MB body and reads the answer, and
// its own pauses would otherwise be counted as the server's.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
let stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  while (!stop) {
    const t = performance.now();
    await new Promise((ok, fail) => http.get(workerData + '/health', { agent }, (r) => { r.resume(); r.on('end', ok); }).on('error', fail));
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  agent.destroy();
  parentPort.postMessage(times);
})();
`;

function healthProbe(base: string): { stop: () => Promise<number[]> } {
  const w = new Worker(PROBE, { eval: true, workerData: base });
  return {
    stop: () =>
      new Promise((ok) => {
        w.once('message', (t: number[]) => void w.terminate().then(() => ok(t)));
        w.postMessage('stop');
      }),
  };
}

async function batchUnderWatch(base: string, body: string, routes: number) {
  await loopDelay(base); // resets the server's monitor
  const health: number[] = [];
  let done = false;
  const watcher = (async () => {
    while (!done) {
      const t = performance.now();
      await get(`${base}/health`);
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const probe = healthProbe(base);
  const t0 = performance.now();
  const r = await post(`${base}/exposure/batch`, body);
  const ms = performance.now() - t0;
  done = true;
  await watcher;
  const apart = await probe.stop();
  if (r.status !== 200) throw new Error(`batch: ${r.status} ${r.text.slice(0, 200)}`);
  const loop = await loopDelay(base);
  return { loop, routesPerS: Math.round((routes / ms) * 1000), ms: Math.round(ms), healthP50: pct(health, 50), healthP99: pct(health, 99), healthMax: Math.max(...health), healthN: health.length, apartP50: pct(apart, 50), apartP99: pct(apart, 99), apartMax: Math.max(...apart), apartN: apart.length };
}

function tileList(): [number, number, number][] {
  const out: [number, number, number][] = [];
  const x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const y = (lat: number, z: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  for (let z = 0; z <= 12; z++) {
    for (let tx = x(BOUNDS[0], z); tx <= x(BOUNDS[2], z); tx++) for (let ty = y(BOUNDS[3], z); ty <= y(BOUNDS[1], z); ty++) out.push([z, tx, ty]);
  }
  return out;
}

async function everyTile(base: string, tiles: [number, number, number][]) {
  let next = 0;
  let bytes = 0;
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < tiles.length) {
        const [z, x, y] = tiles[next++]!;
        const r = await get(`${base}/tiles/gauntlet/${z}/${x}/${y}.mvt`, { 'Accept-Encoding': 'gzip' });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        bytes += r.bytes;
      }
    }),
  );
  return { tilesPerS: Math.round((tiles.length / (performance.now() - t0)) * 1000), mb: Math.round(bytes / 1e6), statuses: Object.fromEntries(statuses) };
}

const targets: [string, string, Record<string, string>][] = [];
if (values.baseline) targets.push(['baseline', resolve(values.baseline), {}]);
targets.push(['this tree', HERE, {}]);
if (values['also-env']) {
  const env = Object.fromEntries(values['also-env'].split(',').map((kv) => kv.split('=') as [string, string]));
  targets.push([`this tree, ${values['also-env']}`, HERE, env]);
}
/** Memory per tree and stage, for the table at the end. */
const memo = new Map<string, Map<string, Memory>>();
const note = (label: string, stage: string, m: Memory) => {
  if (!memo.has(label)) memo.set(label, new Map());
  memo.get(label)!.set(stage, m);
};

/** A stage's memory again --settle-s seconds after it ended (worker threads collect their garbage once idle). */
async function settled(s: Started, label: string, stage: string): Promise<void> {
  const n = Number(values['settle-s']);
  if (!(n > 0)) return;
  await new Promise((r) => setTimeout(r, n * 1000));
  const m = await memory(s);
  note(label, `${stage}, +${n} s`, m);
  console.log(`  ${n} s later: ${memText(m)}`);
}

const batchRoutes = Number(values.batch);
const batchBody = JSON.stringify({ type: 'FeatureCollection', features: randomRoutes(batchRoutes).map((g, i) => ({ type: 'Feature', id: `r${i}`, properties: {}, geometry: g })) });
const small = JSON.stringify({ type: 'FeatureCollection', features: randomRoutes(1000, 7).map((g, i) => ({ type: 'Feature', id: `s${i}`, properties: {}, geometry: g })) });
console.log(`batch: ${batchRoutes} routes, ${(batchBody.length / 1e6).toFixed(1)} MB; 1,000-route batch ${(small.length / 1e6).toFixed(1)} MB`);

if (Number(values.cold) > 0) {
  const times = new Map(targets.map(([label]) => [label, { healthy: [] as number[], ready: [] as number[] }]));
  for (let i = 0; i < Number(values.cold); i++) {
    for (const [label, dir, env] of targets) {
      const s = await start(dir, env);
      times.get(label)!.healthy.push(s.coldMs);
      times.get(label)!.ready.push(s.readyMs);
      await stop(s);
    }
  }
  const med = (xs: number[]) => Math.round(pct(xs, 50));
  for (const [label, t] of times) console.log(`cold start (${label}, median of ${t.ready.length}): healthy ${med(t.healthy)} ms, ready ${med(t.ready)} ms`);
  console.log(`  load average after: ${loadavg()}`);
}

for (let round = 1; round <= Number(values.rounds); round++) {
  for (const [label, dir, env] of targets) {
    const s = await start(dir, env);
    await new Promise((r) => setTimeout(r, 1500)); // let child processes come up
    console.log(`\n[${label}, round ${round}] cold start to healthy: ${Math.round(s.coldMs)} ms, to ready: ${Math.round(s.readyMs)} ms (load ${loadavg()})`);
    const rest = await memory(s);
    note(label, 'at rest', rest);
    console.log(`  RSS at rest: ${memText(rest)}`);
    if (Number(values['idle-s']) > 0) {
      await new Promise((r) => setTimeout(r, Number(values['idle-s']) * 1000));
      const idle = await memory(s);
      note(label, `at rest, idle ${values['idle-s']} s`, idle);
      console.log(`  RSS after ${values['idle-s']} s idle: ${memText(idle)}`);
    }
    if (!values['skip-batches']) {
    await post(`${s.base}/exposure/batch`, small); // warm-up
    const k = await batchUnderWatch(s.base, small, 1000);
    console.log(`  1,000-route batch: ${k.routesPerS} routes/s (${k.ms} ms); /health p99 ${k.healthP99.toFixed(1)} ms, max ${k.healthMax.toFixed(1)} ms`);
    const b = await batchUnderWatch(s.base, batchBody, batchRoutes);
    console.log(`  ${batchRoutes}-route batch: ${b.routesPerS} routes/s (${b.ms} ms); /health during it: p50 ${b.healthP50.toFixed(1)} ms, p99 ${b.healthP99.toFixed(1)} ms, max ${b.healthMax.toFixed(1)} ms (${b.healthN} probes from the bench's main thread; from a thread of its own: p50 ${b.apartP50.toFixed(1)} ms, p99 ${b.apartP99.toFixed(1)} ms, max ${b.apartMax.toFixed(1)} ms, ${b.apartN} probes); server's event-loop delay p99 ${b.loop?.p99.toFixed(1) ?? '?'} ms, max ${b.loop?.max.toFixed(1) ?? '?'} ms (load ${loadavg()})`);
    const afterBatches = await memory(s);
    note(label, 'after batches', afterBatches);
    console.log(`  RSS after batches: ${memText(afterBatches)}`);
    await settled(s, label, 'after batches');
    }
    if (!values['skip-renders']) {
      // a few PNGs, so the raster processes start (on demand) and show what they hold
      const urls = ['/static/auto/800x600@2x.png?route=central-nuevo-laredo&as_of=2022-10-15', '/static/-118,14,-86,33/1024x768.png', '/static/-99.1,19.4,9/800x600.png?legend=true'];
      const t0 = performance.now();
      const statuses = await Promise.all(urls.map((u) => get(`${s.base}${u}`).then((r) => r.status)));
      const renders = await memory(s);
      note(label, 'after 3 PNG renders', renders);
      console.log(`  3 PNGs (${statuses.join(', ')}) in ${Math.round(performance.now() - t0)} ms; RSS then: ${memText(renders)}`);
      await settled(s, label, 'after 3 PNG renders');
    }
    if (!values['skip-tiles']) {
      const tiles = tileList();
      const t = await everyTile(s.base, tiles);
      console.log(`  every tile z0-12 in bounds (${tiles.length}): ${t.tilesPerS} tiles/s, ${t.mb} MB sent, statuses ${JSON.stringify(t.statuses)}`);
      const afterTiles = await memory(s);
      note(label, values['skip-batches'] ? 'after every tile' : 'after batches, then every tile', afterTiles);
      console.log(`  RSS after every tile: ${memText(afterTiles)} (load ${loadavg()})`);
      await settled(s, label, values['skip-batches'] ? 'after every tile' : 'after batches, then every tile');
    }
    await stop(s);
  }
}
agent.destroy();

// side by side (the last round of each tree)
const stages = [...new Set([...memo.values()].flatMap((m) => [...m.keys()]))];
console.log(`\nRSS in MB, tree (server + raster processes; worker threads running; main-thread heap used/total), last round; load ${loadavg()}`);
console.log(['stage'.padEnd(32), ...[...memo.keys()].map((l) => l.padEnd(40))].join(' | '));
for (const stage of stages) {
  const cells = [...memo.values()].map((m) => {
    const x = m.get(stage);
    return (x ? `${x.tree} (${x.server}${x.raster.length ? ` + ${x.raster.join(' + ')}` : ''}; ${x.threads}w; ${x.heapUsed}/${x.heapTotal})` : '–').padEnd(40);
  });
  console.log([stage.padEnd(32), ...cells].join(' | '));
}
