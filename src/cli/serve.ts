import { z } from 'zod';
import { DEFAULT_GEODATA_DIR, loadLayerSet } from '../layers/load.js';
import { formatProblem, GeodataError } from '../layers/problems.js';
import { listen } from '../server/serve.js';
import { archiveProvider } from '../tiles/archive-provider.js';
import type { TileProvider } from '../tiles/provider.js';
import { parseFlags, UsageError } from './args.js';

export const serveUsage =
  'gauntlet serve [--port N] [--host H] [--geodata DIR] [--cors ORIGIN] [--from ARCHIVE.pmtiles] [--cache-control VALUE]   (env: PORT, HOST, CORS_ORIGIN, CACHE_CONTROL)';

const ServeFlags = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  geodata: z.string().default(DEFAULT_GEODATA_DIR),
  cors: z.string().min(1).default('*'),
  from: z.string().min(1).optional(), // serve XYZ tiles from this PMTiles archive instead of live indexes
  'cache-control': z.string().min(1).default('public, max-age=300'),
});

/** `gauntlet serve`: loads and validates the layers, then listens; refuses to start on invalid data. */
export async function serveCommand(argv: string[]): Promise<number> {
  const env = { port: process.env.PORT, host: process.env.HOST, cors: process.env.CORS_ORIGIN, 'cache-control': process.env.CACHE_CONTROL };
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const { values } = parseFlags(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      geodata: { type: 'string' },
      cors: { type: 'string' },
      from: { type: 'string' },
      'cache-control': { type: 'string' },
    },
    ServeFlags,
    defined,
  );
  let layers;
  try {
    layers = await loadLayerSet(values.geodata);
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
  const { url } = await listen(layers, { port: values.port, host: values.host, corsOrigin: values.cors, cacheControl: values['cache-control'], tiles });
  console.log(`gauntlet ${layers.version} listening on ${url} (tiles: ${values.from ? `archive ${values.from}` : 'live'})`);
  return new Promise(() => {}); // serve until killed
}
