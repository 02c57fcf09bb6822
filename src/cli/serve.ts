import { setFlagsFromString } from 'node:v8';
import { pino } from 'pino';
import { z } from 'zod';
import { DEFAULT_GEODATA_DIR, loadLayerSet, SNAPSHOT_FILE } from '../layers/load.js';
import { formatProblem, GeodataError } from '../layers/problems.js';
import { DEFAULT_HEAVY_PER_CLIENT } from '../server/admission.js';
import { WORKER_IDLE_MS, WORKER_YOUNG_MB } from '../server/heavy-tasks.js';
import { DEFAULT_DRAIN_MS, DEFAULT_TIMEOUTS, listen, ListenError } from '../server/serve.js';
import { RENDER_TIME_LIMIT_MS } from '../server/static-routes.js';
import { archiveProvider } from '../tiles/archive-provider.js';
import type { TileProvider } from '../tiles/provider.js';
import { defaultPoolSize } from '../pool/worker-pool.js';
import { parseFlags, UsageError } from './args.js';

/**
 * Between full GCs V8 lets a heap grow to up to 4x its live size when the program allocates fast (a burst of tile
 * requests): every tile z0-12 once took the server's heap from 76 to 225 MB with 83 MB live, and V8 does not give
 * it back. A fixed factor bounds that slack for the main thread and every worker thread alike, at the price of
 * more frequent full GCs (bench/service.ts measures both).
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/** Sets V8's heap growing factor for every isolate of the process (read at each GC, so it applies at once). */
export function setHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${Math.floor(percent)}`);
}

/** Exit code of `gauntlet serve` when it cannot listen (port in use, address not ours): see the README. */
export const EXIT_CANNOT_LISTEN = 3;

const int = (min: number, max: number) => z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const flag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((s) => s === 'true' || s === '1' || s === 'yes');

/**
 * Every setting of the server, its flag, its environment variable and its default: the one place they are
 * defined (the README's table is written from it).
 */
export const SERVE_SETTINGS = {
  port: { env: 'PORT', schema: int(0, 65535).default(8080), help: 'TCP port' },
  host: { env: 'HOST', schema: z.string().min(1).default('127.0.0.1'), help: 'address to listen on (0.0.0.0 or :: for all interfaces)' },
  geodata: { env: 'GEODATA', schema: z.string().default(DEFAULT_GEODATA_DIR), help: 'geodata directory' },
  cors: { env: 'CORS_ORIGIN', schema: z.string().min(1).default('*'), help: 'Access-Control-Allow-Origin' },
  from: { env: 'TILES_FROM', schema: z.string().min(1).optional(), help: 'serve XYZ tiles from this PMTiles archive instead of live indexes' },
  'cache-control': { env: 'CACHE_CONTROL', schema: z.string().min(1).default('public, max-age=300'), help: 'Cache-Control of unversioned URLs' },
  'public-url': {
    env: 'PUBLIC_URL',
    schema: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://maps.example.org' }).transform((u) => u.replace(/\/+$/, '')).optional(),
    help: 'base URL written into TileJSON, style and catalog URLs (default: from the Host header)',
  },
  'trust-proxy': { env: 'TRUST_PROXY', schema: flag.default(false), help: 'take X-Forwarded-Proto/-Host from a reverse proxy (only behind one)' },
  'tile-cache-mb': { env: 'TILE_CACHE_MB', schema: int(0, 65536).default(128), help: 'MB of memory for cached tiles (gzip bytes and per-tile overhead)' },
  'image-cache-mb': { env: 'IMAGE_CACHE_MB', schema: int(0, 65536).default(64), help: 'MB of PNG images kept in memory' },
  workers: { env: 'WORKERS', schema: int(1, 256).default(defaultPoolSize()), help: 'worker threads for exposure (default: one per core)' },
  'worker-idle-ms': { env: 'WORKER_IDLE_MS', schema: int(0, 86_400_000).default(WORKER_IDLE_MS), help: 'a worker thread idle this long exits, the next heavy request starts one (0: never)' },
  'worker-young-mb': { env: 'WORKER_YOUNG_MB', schema: int(0, 1024).default(WORKER_YOUNG_MB), help: "MB of young generation per worker thread (0: V8's own, up to 32)" },
  'queue-per-worker': { env: 'QUEUE_PER_WORKER', schema: int(0, 1000).default(4), help: 'heavy tasks waiting per worker before 503' },
  'heavy-per-client': { env: 'HEAVY_PER_CLIENT', schema: int(1, 1000).default(DEFAULT_HEAVY_PER_CLIENT), help: 'heavy requests one client may have in flight (429 beyond)' },
  'raster-processes': { env: 'RASTER_PROCESSES', schema: int(1, 64).default(2), help: 'image rasterizing processes (started on demand)' },
  'render-time-limit-ms': { env: 'RENDER_TIME_LIMIT_MS', schema: int(100, 600_000).default(RENDER_TIME_LIMIT_MS), help: 'limit of one image render (503 beyond)' },
  'drain-ms': { env: 'DRAIN_MS', schema: int(0, 600_000).default(DEFAULT_DRAIN_MS), help: 'on SIGTERM/SIGINT, how long in-flight requests may finish' },
  'headers-timeout-ms': { env: 'HEADERS_TIMEOUT_MS', schema: int(1000, 600_000).default(DEFAULT_TIMEOUTS.headersMs), help: 'time a client has to send its headers' },
  'request-timeout-ms': { env: 'REQUEST_TIMEOUT_MS', schema: int(1000, 3_600_000).default(DEFAULT_TIMEOUTS.requestMs), help: 'time a client has to send its whole request' },
  'log-level': {
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    help: 'JSON request logs on stdout (pino): info logs every request',
  },
  'keep-alive-timeout-ms': { env: 'KEEP_ALIVE_TIMEOUT_MS', schema: int(100, 600_000).default(DEFAULT_TIMEOUTS.keepAliveMs), help: 'idle keep-alive connections close after this' },
  'heap-growth-percent': {
    env: 'HEAP_GROWTH_PERCENT',
    schema: int(0, 300).default(DEFAULT_HEAP_GROWTH_PERCENT),
    help: "a JS heap may grow to (100 + N)% of its live size before a full GC (0: V8's own, up to 400%)",
  },
} as const;

type Name = keyof typeof SERVE_SETTINGS;
const NAMES = Object.keys(SERVE_SETTINGS) as Name[];
const ServeFlags = z.object(Object.fromEntries(NAMES.map((n) => [n, SERVE_SETTINGS[n].schema])) as { [K in Name]: (typeof SERVE_SETTINGS)[K]['schema'] });

export const serveUsage = `gauntlet serve [flags]   (each flag also as an environment variable; exit 3 when it cannot listen)\n${NAMES.map(
  (n) => `      --${n.padEnd(22)} ${SERVE_SETTINGS[n].env.padEnd(22)} ${SERVE_SETTINGS[n].help}`,
).join('\n')}`;

/** `gauntlet serve`: loads and validates the layers, then listens; refuses to start on invalid data. */
export async function serveCommand(argv: string[]): Promise<number> {
  const env = Object.fromEntries(NAMES.map((n) => [n, process.env[SERVE_SETTINGS[n].env]]).filter(([, v]) => v !== undefined && v !== ''));
  const { values } = parseFlags(argv, Object.fromEntries(NAMES.map((n) => [n, { type: 'string' as const }])), ServeFlags, env);
  let layers;
  try {
    layers = await loadLayerSet(values.geodata, { snapshot: SNAPSHOT_FILE });
  } catch (err) {
    if (!(err instanceof GeodataError)) throw err;
    for (const p of err.problems) console.error(formatProblem(p));
    console.error(`gauntlet: refusing to start: ${err.problems.length} problem(s) in the geodata`);
    return 1;
  }
  let tiles: TileProvider | undefined;
  if (values.from) {
    try {
      tiles = await archiveProvider(values.from);
    } catch (err) {
      throw new UsageError(`--from: cannot read ${values.from} as a PMTiles archive (${(err as Error).message})`);
    }
  }
  const MB = 1024 * 1024;
  setHeapGrowth(values['heap-growth-percent']); // before the worker threads start (it applies to them as well)
  let started;
  try {
    started = await listen(layers, {
      port: values.port,
      host: values.host,
      corsOrigin: values.cors,
      cacheControl: values['cache-control'],
      tiles,
      publicUrl: values['public-url'],
      trustProxy: values['trust-proxy'],
      cacheBytes: values['tile-cache-mb'] * MB,
      imageCacheBytes: values['image-cache-mb'] * MB,
      workers: values.workers,
      workerIdleMs: values['worker-idle-ms'],
      workerYoungMb: values['worker-young-mb'],
      maxQueue: values.workers * values['queue-per-worker'],
      heavyPerClient: values['heavy-per-client'],
      rasterProcesses: values['raster-processes'],
      renderTimeLimitMs: values['render-time-limit-ms'],
      headersTimeoutMs: values['headers-timeout-ms'],
      requestTimeoutMs: values['request-timeout-ms'],
      keepAliveTimeoutMs: values['keep-alive-timeout-ms'],
      logger: pino({ level: values['log-level'] }),
    });
  } catch (err) {
    await tiles?.close?.();
    if (!(err instanceof ListenError)) throw err;
    console.error(`gauntlet serve: ${err.message}`);
    return EXIT_CANNOT_LISTEN;
  }
  const { url, shutdown } = started;
  console.log(`gauntlet ${layers.version} listening on ${url} (tiles: ${values.from ? `archive ${values.from}` : 'live'})`);
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.log(`gauntlet: ${signal}: draining (at most ${values['drain-ms']} ms)`);
      process.once(signal, () => {
        console.error(`gauntlet: second ${signal}: exiting now`);
        process.exit(1);
      });
      shutdown(values['drain-ms'])
        .then(async ({ drained }) => {
          await tiles?.close?.(); // the archive's file, once no request reads it
          console.log(`gauntlet: stopped${drained ? '' : ' (drain timed out: remaining connections closed)'}`);
        })
        .then(() => resolve(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
