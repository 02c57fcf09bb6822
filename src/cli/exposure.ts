import { commandLayers } from './layers.js';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { computeExposure, ExposureInputError, type ComputeOptions, type ExposureResult } from '../exposure/exposure.js';
import { csvHeader, csvRow, exposureFeatureCollection, type RouteFeature } from '../exposure/formats.js';
import { batchKeys, ExposureOptions, RouteCollection, RouteInput, routeGeometry } from '../exposure/route-input.js';
import { jsonPath } from '../layers/problems.js';
import { AsOf } from '../layers/schema/index.js';
import { parseFlags, UsageError, type CliInput } from './args.js';

export const exposureUsage =
  'gauntlet exposure <file.geojson | -> [--buffer-km N] [--as-of latest|all|YYYY[-MM[-DD]]|FROM..TO|POLICY] [--stale-after-months N] [--by year|policy] [--expulsion-port ID] [--format json|csv|geojson]';

const Flags = z.object({
  'buffer-km': z.string().optional(),
  'as-of': AsOf.optional(),
  'stale-after-months': z.string().optional(),
  by: z.string().optional(),
  'expulsion-port': z.string().optional(),
  format: z.enum(['json', 'csv', 'geojson']).default('json'),
  geodata: z.string().optional(),
});

async function readInput(path: string, io: CliInput): Promise<unknown> {
  let text: string;
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new UsageError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code})`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: invalid JSON: ${(err as Error).message}`);
  }
}

function problems(path: string, error: z.ZodError): UsageError {
  return UsageError.of(error.issues.map((i) => ({ path: `${path}: ${jsonPath(['input', ...i.path])}`, message: i.message })));
}

/** Draws `[#####.....] 512/1000` on stderr; a line per 10% when stderr is not a terminal. */
function progress(total: number): (done: number) => void {
  if (total <= 100) return () => {};
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return (done) => {
    if (tty) {
      if (done % 50 !== 0 && done !== total) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    } else {
      const decile = Math.floor((done / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`exposure: ${done}/${total} routes\n`);
      }
    }
  };
}

/** `gauntlet exposure`: one route or a FeatureCollection of routes; exit 2 on bad input with the problem text. */
export async function exposureCommand(argv: string[], io: CliInput = { stdin: process.stdin }): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      'buffer-km': { type: 'string' },
      'as-of': { type: 'string' },
      'stale-after-months': { type: 'string' },
      by: { type: 'string' },
      'expulsion-port': { type: 'string' },
      format: { type: 'string' },
      geodata: { type: 'string' },
    },
    Flags,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one input file (or - for stdin)\nusage: ${exposureUsage}`);
  const path = positionals[0]!;
  const opts = ExposureOptions.safeParse(
    Object.fromEntries(
      Object.entries({ bufferKm: values['buffer-km'], asOf: values['as-of'], staleAfterMonths: values['stale-after-months'], by: values.by, expulsionPort: values['expulsion-port'] }).filter(([, v]) => v !== undefined),
    ),
  );
  if (!opts.success) {
    const flag: Record<string, string> = { bufferKm: '--buffer-km', asOf: '--as-of', staleAfterMonths: '--stale-after-months', by: '--by', expulsionPort: '--expulsion-port' };
    throw UsageError.of(opts.error.issues.map((i) => ({ path: flag[String(i.path[0])] ?? i.path.join('.'), message: i.message })));
  }
  const input = await readInput(path, io);
  const layers = await commandLayers(values.geodata);
  const options: ComputeOptions = { ...opts.data, withGeometry: values.format === 'geojson' };
  const run = (geometry: Parameters<typeof computeExposure>[1]) => {
    try {
      return computeExposure(layers, geometry, options);
    } catch (err) {
      if (err instanceof ExposureInputError) throw UsageError.of([{ path: `--${err.path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, message: err.message }]);
      throw err;
    }
  };

  const isCollection = (input as { type?: unknown } | null)?.type === 'FeatureCollection';
  let entries: { key: string; route: RouteFeature | null; result: ExposureResult }[];
  if (isCollection) {
    const parsed = RouteCollection.safeParse(input);
    if (!parsed.success) throw problems(path, parsed.error);
    const keys = batchKeys(parsed.data);
    const tick = progress(keys.length);
    entries = parsed.data.features.map((f, i) => {
      const result = run(f.geometry);
      tick(i + 1);
      return { key: keys[i]!, route: f, result };
    });
  } else {
    const parsed = RouteInput.safeParse(input);
    if (!parsed.success) throw problems(path, parsed.error);
    const route = parsed.data.type === 'Feature' ? parsed.data : null;
    const key = String(route?.id ?? route?.properties?.id ?? 0);
    entries = [{ key, route, result: run(routeGeometry(parsed.data)) }];
  }

  const out = process.stdout;
  if (values.format === 'csv') {
    out.write(csvHeader());
    for (const e of entries) out.write(csvRow(e.key, e.result));
  } else if (values.format === 'geojson') {
    const collections = entries.map((e) => exposureFeatureCollection(e.route, e.result));
    const fc = isCollection
      ? { type: 'FeatureCollection', features: collections.flatMap((c, i) => c.features.map((f) => ({ ...f, properties: { ...f.properties, routeKey: entries[i]!.key } }))) }
      : collections[0];
    out.write(`${JSON.stringify(fc)}\n`);
  } else {
    const body = isCollection ? { count: entries.length, keys: entries.map((e) => e.key), results: Object.fromEntries(entries.map((e) => [e.key, e.result])) } : entries[0]!.result;
    out.write(`${JSON.stringify(body, null, 2)}\n`);
  }
  return 0;
}
