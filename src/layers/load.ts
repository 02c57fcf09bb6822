import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LayerSet } from './layer-set.js';
import { GeodataError, type Problem } from './problems.js';
import { GEODATA_FILES, readGeodata } from './read.js';
import { layerSetFromSnapshot } from './snapshot.js';

/** The geodata shipped with Gauntlet. */
export const DEFAULT_GEODATA_DIR = fileURLToPath(new URL('../../geodata/', import.meta.url));

function byFileOrder(a: Problem, b: Problem): number {
  return GEODATA_FILES.indexOf(a.file) - GEODATA_FILES.indexOf(b.file);
}

/**
 * The validated geodata as the build left it (`npm run build` writes it beside the compiled modules): the server and
 * the commands start from it when the files hash to its version, instead of validating and building territories
 * again. GAUNTLET_SNAPSHOT names another file (the tests point commands run in-process from src/ at the build's).
 */
export const SNAPSHOT_FILE = process.env.GAUNTLET_SNAPSHOT || fileURLToPath(new URL('../geodata-snapshot.json', import.meta.url));

/** The content hash of a geodata directory (the LayerSet's version); undefined when a file cannot be read. */
export async function geodataVersion(dir = DEFAULT_GEODATA_DIR): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for (const file of GEODATA_FILES) hash.update(file).update(await readFile(join(dir, file)));
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 12);
}

/** Reads, validates and indexes the geodata; throws GeodataError listing every problem. */
export async function loadLayerSet(dir = DEFAULT_GEODATA_DIR, options: { snapshot?: string } = {}): Promise<LayerSet> {
  if (options.snapshot) {
    const [version, bytes] = await Promise.all([geodataVersion(dir), readFile(options.snapshot).catch(() => undefined)]);
    const head = bytes?.subarray(0, 40).toString('latin1'); // {"version":"abcdef012345",...
    if (version && bytes && head?.startsWith(`{"version":"${version}"`)) return layerSetFromSnapshot(bytes);
  }
  const { raw, problems, bytes } = await readGeodata(dir);
  // imported here: a start from the snapshot never loads the schemas and the territory builder (a third of a
  // cold start)
  const { validateGeodata } = await import('./validate.js');
  const result = validateGeodata(raw);
  const all = [...problems.sort(byFileOrder), ...result.problems];
  if (all.length || !result.data) throw new GeodataError(all);
  const hash = createHash('sha256');
  for (const file of GEODATA_FILES) hash.update(file).update(bytes.get(file)!);
  return new LayerSet(result.data.layers, result.data.sources, hash.digest('hex').slice(0, 12), { policies: result.data.policies });
}
