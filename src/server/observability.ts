import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { WorkerPool } from '../pool/worker-pool.js';

// Request ids, JSON request logs (pino) and Prometheus metrics (prom-client) for the whole server. The server
// calls `observe(req, res)` first on every request, tiles and express routes alike.

/** A caller's own X-Request-Id is kept when it is a plain token; otherwise the server makes one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  return ((req as { id?: unknown }).id as string | undefined) ?? '';
}

/** What the metrics read from the rest of the server, when there. */
export interface MetricSources {
  pool?: WorkerPool;
  tileCache?: () => { hits: number; misses: number; bytes: number; entries: number };
}

export interface Observability {
  registry: Registry;
  logger: Logger;
  /** Gives the request its id (header X-Request-Id), logs it when it ends, counts it by route and status. */
  observe(req: IncomingMessage, res: ServerResponse): void;
  /** Labels the request's route for the metrics (a template such as /tiles/{source}/{z}/{x}/{y}). */
  setRoute(req: IncomingMessage, route: string): void;
  renderSeconds: Histogram;
  sources: MetricSources;
}

export function createObservability(options: { logger?: Logger; sources?: MetricSources } = {}): Observability {
  const logger = options.logger ?? pino({ level: 'silent' });
  const sources: MetricSources = options.sources ?? {};
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gauntlet_' }); // RSS, heap, event-loop lag, GC
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'gauntlet_http_requests_total', help: 'HTTP requests by route template and status', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'gauntlet_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const renderSeconds = new Histogram({ name: 'gauntlet_render_duration_seconds', help: 'time to render one static image', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10], registers: [registry] });
  new Gauge({
    name: 'gauntlet_worker_pool_queue_depth',
    help: 'heavy tasks waiting for a worker thread',
    registers: [registry],
    collect() {
      this.set(sources.pool?.queueDepth ?? 0);
    },
  });
  new Gauge({
    name: 'gauntlet_worker_pool_busy',
    help: 'worker threads running a task',
    registers: [registry],
    collect() {
      this.set(sources.pool?.busy ?? 0);
    },
  });
  new Gauge({
    name: 'gauntlet_worker_pool_size',
    help: 'worker threads at most',
    registers: [registry],
    collect() {
      this.set(sources.pool?.size ?? 0);
    },
  });
  new Gauge({
    name: 'gauntlet_worker_pool_threads',
    help: 'worker threads running now (idle ones exit after WORKER_IDLE_MS)',
    registers: [registry],
    collect() {
      this.set(sources.pool?.threads ?? 0);
    },
  });
  new Counter({
    name: 'gauntlet_worker_pool_rejections_total',
    help: 'heavy requests refused with 503 because the pool was full',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.pool?.rejected ?? 0);
    },
  });
  const tileCache = (pick: 'hits' | 'misses' | 'bytes' | 'entries') => () => sources.tileCache?.()[pick] ?? 0;
  new Counter({
    name: 'gauntlet_tile_cache_lookups_total',
    help: 'tile cache lookups by result (hit: served from memory)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, tileCache('hits')());
      this.inc({ result: 'miss' }, tileCache('misses')());
    },
  });
  new Gauge({
    name: 'gauntlet_tile_cache_hit_ratio',
    help: 'share of tile lookups served from the cache since start',
    registers: [registry],
    collect() {
      const h = tileCache('hits')();
      const m = tileCache('misses')();
      this.set(h + m === 0 ? 0 : h / (h + m));
    },
  });
  new Gauge({
    name: 'gauntlet_tile_cache_bytes',
    help: 'gzip tile bytes held in memory',
    registers: [registry],
    collect() {
      this.set(tileCache('bytes')());
    },
  });
  new Gauge({
    name: 'gauntlet_tile_cache_entries',
    help: 'tiles held in memory',
    registers: [registry],
    collect() {
      this.set(tileCache('entries')());
    },
  });

  const http = pinoHttp({
    logger,
    genReqId(req, res) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (r: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: r.id, method: r.method, url: r.url, remoteAddress: r.remoteAddress }),
      res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
    },
  });
  const routes = new WeakMap<IncomingMessage, string>();

  return {
    registry,
    logger,
    renderSeconds,
    sources,
    setRoute: (req, route) => routes.set(req, route),
    observe(req, res) {
      http(req, res);
      const start = process.hrtime.bigint();
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        const expressRoute = (req as { route?: { path?: unknown } }).route?.path;
        const route = routes.get(req) ?? (typeof expressRoute === 'string' ? expressRoute : 'unmatched');
        const labels = { method: req.method ?? '', route, status: String(res.statusCode) };
        requests.inc(labels);
        latency.observe(labels, seconds);
      });
    },
  };
}
