import { commandLayers } from './layers.js';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { buildPmtiles, DEFAULT_ARCHIVE } from '../tiles/archive.js';
import { buildMbtiles } from '../tiles/mbtiles.js';
import { MAX_ZOOM } from '../tiles/source.js';
import { parseFlags, UsageError } from './args.js';

export const buildUsage = 'gauntlet build [--format pmtiles|mbtiles] [--out FILE] [--max-zoom N] [--check] [--geodata DIR]';

const Flags = z.object({
  format: z.enum(['pmtiles', 'mbtiles']).default('pmtiles'),
  out: z.string().optional(),
  'max-zoom': z.coerce.number().int().min(0).max(MAX_ZOOM).default(MAX_ZOOM),
  check: z.boolean().default(false),
  geodata: z.string().optional(),
});

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * `gauntlet build`: validates the geodata and writes tiles/gauntlet.pmtiles (or an MBTiles file). With --check it
 * writes to a temporary file and exits 1 if the committed archive differs (CI's staleness test).
 */
export async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    { format: { type: 'string' }, out: { type: 'string' }, 'max-zoom': { type: 'string' }, check: { type: 'boolean' }, geodata: { type: 'string' } },
    Flags,
  );
  if (values.check && values.format !== 'pmtiles') throw new UsageError('--check compares PMTiles archives only');
  const layers = await commandLayers(values.geodata);
  const started = Date.now();
  if (values.format === 'mbtiles') {
    const out = values.out ?? DEFAULT_ARCHIVE.replace(/\.pmtiles$/, '.mbtiles');
    await mkdir(dirname(out), { recursive: true });
    const r = await buildMbtiles(layers, out, values['max-zoom']);
    console.log(`wrote ${out}: ${r.tiles} tiles, z0-${values['max-zoom']}, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }
  const target = values.out ?? DEFAULT_ARCHIVE;
  const out = values.check ? join(tmpdir(), `gauntlet-check-${process.pid}.pmtiles`) : target;
  await mkdir(dirname(out), { recursive: true });
  const r = await buildPmtiles(layers, out, values['max-zoom']);
  console.log(
    `wrote ${out}: ${mb(r.bytes)}, ${r.addressedTiles} tiles (${r.tileEntries} entries, ${r.tileContents} distinct), root directory ${r.rootDirectoryBytes} B, ${r.leafDirectories} leaf directories, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`largest tiles (uncompressed MVT): ${r.largest.map((t) => `${t.z}/${t.x}/${t.y} ${(t.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
  if (!values.check) return 0;
  const [fresh, committed] = await Promise.all([readFile(out), readFile(target).catch(() => Buffer.alloc(0))]);
  await rm(out, { force: true });
  if (fresh.equals(committed)) {
    console.log(`${target} is up to date`);
    return 0;
  }
  console.error(`${target} is stale: the geodata or the tile code changed since it was built; run \`npm run build\` and commit it`);
  return 1;
}
