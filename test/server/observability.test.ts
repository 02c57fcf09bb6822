import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pool/worker-pool.js';
import { useServer } from '../support/server.js';

const srv = useServer();

async function until(ok: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('never became true');
}

describe('request ids', () => {
  it('every response carries X-Request-Id, and every problem body the same id', async () => {
    const a = await fetch(`${srv.base}/no/such/route`);
    expect(a.status).toBe(404);
    const id = a.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await a.json()).requestId).toBe(id);
    const tile = await fetch(`${srv.base}/tiles/gauntlet/1/5/0.mvt`);
    expect(tile.status).toBe(400);
    expect((await tile.json()).requestId).toBe(tile.headers.get('x-request-id'));
    const bad = await fetch(`${srv.base}/exposure`, { method: 'POST', body: '{"type":"LineString","coordinates":[[0,0]]}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).requestId).toBe(bad.headers.get('x-request-id'));
  });

  it("keeps a caller's plain X-Request-Id and replaces one that is not a token", async () => {
    expect((await fetch(`${srv.base}/health`, { headers: { 'x-request-id': 'trace-42.a' } })).headers.get('x-request-id')).toBe('trace-42.a');
    expect((await fetch(`${srv.base}/health`, { headers: { 'x-request-id': 'a b<script>' } })).headers.get('x-request-id')).not.toBe('a b<script>');
  });
});

describe('/health, /ready and /metrics', () => {
  it('is ready once the worker threads are up', async () => {
    expect((await fetch(`${srv.base}/health`)).status).toBe(200);
    await until(async () => (await fetch(`${srv.base}/ready`)).status === 200);
    expect(await (await fetch(`${srv.base}/ready`)).json()).toMatchObject({ status: 'ready' });
  });

  it('scrapes as Prometheus text with requests by route template and status, tile cache, pool, RSS and event-loop lag', async () => {
    await fetch(`${srv.base}/tiles/gauntlet/3/1/3.mvt`);
    await fetch(`${srv.base}/tiles/gauntlet/3/1/3.mvt`);
    await fetch(`${srv.base}/routes/no-such-route/exposure`);
    // a heavy request, so a thread is up (an idle one exits after WORKER_IDLE_MS, and the server is shared)
    const heavy = await fetch(`${srv.base}/exposure`, { method: 'POST', body: JSON.stringify({ type: 'LineString', coordinates: [[-99, 19], [-100, 25]] }) });
    expect(heavy.status).toBe(200);
    const res = await fetch(`${srv.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (line: RegExp) => Number(text.split('\n').find((l) => line.test(l))?.split(' ').pop());
    expect(value(/^gauntlet_http_requests_total\{method="GET",route="\/tiles\/\{source\}\/\{z\}\/\{x\}\/\{y\}",status="200"\}/)).toBeGreaterThanOrEqual(2);
    expect(value(/^gauntlet_http_requests_total\{method="GET",route="\/routes\/:id\/exposure",status="404"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^gauntlet_tile_cache_lookups_total\{result="hit"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^gauntlet_tile_cache_bytes /)).toBeGreaterThan(0);
    expect(value(/^gauntlet_worker_pool_size /)).toBeGreaterThanOrEqual(1);
    expect(value(/^gauntlet_worker_pool_threads /)).toBeGreaterThanOrEqual(1);
    expect(value(/^gauntlet_worker_pool_threads /)).toBeLessThanOrEqual(value(/^gauntlet_worker_pool_size /));
    for (const name of ['gauntlet_worker_pool_queue_depth', 'gauntlet_worker_pool_rejections_total', 'gauntlet_render_duration_seconds_count', 'gauntlet_http_request_duration_seconds_bucket']) {
      expect(text).toContain(name);
    }
    expect(value(/^gauntlet_process_resident_memory_bytes /)).toBeGreaterThan(10e6);
    expect(text).toMatch(/^gauntlet_nodejs_eventloop_lag_seconds /m);
  });
});

// A pool whose only thread holds every task until the test opens the gate: "busy" without a race.
const gate = new SharedArrayBuffer(4);
const held = useServer({ pool: new WorkerPool({ entry: new URL('../support/gate-worker.mjs', import.meta.url), size: 1, maxQueue: 0, workerData: { gate } }), heavyPerClient: 2 });
const open = () => {
  Atomics.store(new Int32Array(gate), 0, 1);
  Atomics.notify(new Int32Array(gate), 0);
};
const line = JSON.stringify({ type: 'LineString', coordinates: [[-99, 19], [-100, 25]] });

describe('back-pressure on heavy requests', () => {
  it('503 with Retry-After when every worker is busy and the queue is full; 429 past the per-client limit', async () => {
    const first = fetch(`${held.base}/exposure`, { method: 'POST', body: line });
    await until(async () => (await (await fetch(`${held.base}/metrics`)).text()).includes('gauntlet_worker_pool_busy 1'));
    const busy = await fetch(`${held.base}/exposure`, { method: 'POST', body: line });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await busy.json()).type).toMatch(/busy$/);
    expect(await (await fetch(`${held.base}/metrics`)).text()).toMatch(/^gauntlet_worker_pool_rejections_total 1$/m);
    // map images build their SVG and route plans run in the same pool: refused alike while it is full
    const image = await fetch(`${held.base}/static/auto/200x150.png?layers=checkpoints`);
    const plan = await fetch(`${held.base}/network/route?from=monterrey&to=nuevo-laredo`);
    const planned = await fetch(`${held.base}/network/route`, { method: 'POST', body: JSON.stringify({ from: 'monterrey', to: 'nuevo-laredo' }), headers: { 'content-type': 'application/json' } });
    for (const r of [image, plan, planned]) {
      expect(r.status).toBe(503);
      expect((await r.json()).type).toMatch(/busy$/);
    }
    expect(await (await fetch(`${held.base}/metrics`)).text()).toMatch(/^gauntlet_worker_pool_rejections_total 4$/m);
    open();
    expect((await first).status).toBe(200);
  });
});

describe('a bad request is refused for what it is, whatever the load', () => {
  it('malformed, oversized and over-limit bodies get their 4xx problem while every worker is busy', async () => {
    Atomics.store(new Int32Array(gate), 0, 0); // closed again
    const first = fetch(`${held.base}/exposure`, { method: 'POST', body: line });
    await until(async () => (await (await fetch(`${held.base}/metrics`)).text()).includes('gauntlet_worker_pool_busy 1'));
    const post = (path: string, body: string | Uint8Array) => fetch(`${held.base}${path}`, { method: "POST", body: body as never, headers: { 'content-type': 'application/json' } });
    const route = { type: 'Feature', properties: {}, geometry: JSON.parse(line) };
    const cases: [string, string | Uint8Array, number, RegExp][] = [
      ['/exposure', '{"type":"LineString","coordinates":[[-99,19],', 400, /invalid-json$/],
      ['/exposure', '{"type":"LineString","coordinates":[[-99,19],[-100,25]]} x', 400, /invalid-json$/],
      ['/exposure', '{"a":'.repeat(40) + '1' + '}'.repeat(40), 400, /too-deep$/],
      ['/exposure', new Uint8Array(11 * 1024 * 1024).fill(0x20), 413, /body-too-large$/],
      ['/exposure/batch', '{"type":"FeatureCollection","features":[' + JSON.stringify(route) + ',]}', 400, /invalid-json$/],
      ['/exposure/batch', '{"type":"FeatureCollection","features":[]}', 400, /invalid-input$/],
      ['/exposure/batch', JSON.stringify({ type: 'Topology', features: [route] }), 400, /invalid-input$/],
      ['/exposure/batch', JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 10_001 }, () => ({})) }), 400, /invalid-input$/],
      ['/exposure/batch', JSON.stringify({ type: 'FeatureCollection', features: [{ ...route, geometry: { type: 'LineString', coordinates: Array.from({ length: 2_000_001 }, () => [0, 0]) } }] }), 400, /too-many-vertices$/],
      ['/static', '{"camera":"auto","width":200,', 400, /invalid-json$/],
    ];
    for (const [path, body, status, type] of cases) {
      const res = await post(path, body);
      expect(res.status, `${path} ${String(body).slice(0, 60)}`).toBe(status);
      const p = await res.json();
      expect(p.type).toMatch(type);
      expect(p.status).toBe(status);
    }
    // a well-formed request is still told the truth: busy
    expect((await post('/exposure/batch', JSON.stringify({ type: 'FeatureCollection', features: [route] }))).status).toBe(503);
    open();
    expect((await first).status).toBe(200);
  });
});

describe('ClientLimiter', () => {
  it('lets a client hold perClient heavy requests, refuses the next with 429, and frees a slot on release', async () => {
    const { ClientLimiter } = await import('../../src/server/admission.js');
    const l = new ClientLimiter(2);
    const a = l.acquire('10.0.0.1');
    l.acquire('10.0.0.1');
    expect(() => l.acquire('10.0.0.1')).toThrow(expect.objectContaining({ status: 429 }));
    expect(() => l.acquire('10.0.0.2')).not.toThrow();
    a();
    a(); // twice is once
    expect(() => l.acquire('10.0.0.1')).not.toThrow();
    expect(() => l.acquire('10.0.0.1')).toThrow();
  });
});
