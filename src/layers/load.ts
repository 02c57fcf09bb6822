import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { LayerSet } from './layer-set.js';
import { GeodataError, type Problem } from './problems.js';
import { GEODATA_FILES, readGeodata } from './read.js';
import { validateGeodata } from './validate.js';

/** The geodata shipped with Gauntlet. */
export const DEFAULT_GEODATA_DIR = fileURLToPath(new URL('../../geodata/', import.meta.url));

function byFileOrder(a: Problem, b: Problem): number {
  return GEODATA_FILES.indexOf(a.file) - GEODATA_FILES.indexOf(b.file);
}

/** Every problem in a geodata directory; empty when it validates. */
export async function checkGeodata(dir = DEFAULT_GEODATA_DIR): Promise<Problem[]> {
  const { raw, problems } = await readGeodata(dir);
  return [...problems.sort(byFileOrder), ...validateGeodata(raw).problems];
}

/** Reads, validates and indexes the geodata; throws GeodataError listing every problem. */
export async function loadLayerSet(dir = DEFAULT_GEODATA_DIR): Promise<LayerSet> {
  const { raw, problems, bytes } = await readGeodata(dir);
  const result = validateGeodata(raw);
  const all = [...problems.sort(byFileOrder), ...result.problems];
  if (all.length || !result.data) throw new GeodataError(all);
  const hash = createHash('sha256');
  for (const file of GEODATA_FILES) hash.update(file).update(bytes.get(file)!);
  return new LayerSet(result.data.layers, result.data.sources, hash.digest('hex').slice(0, 12), { policies: result.data.policies });
}
