import type { LayerSet } from '../layers/layer-set.js';
import { DEFAULT_GEODATA_DIR, geodataVersion, loadLayerSet } from '../layers/load.js';

// A command validates and indexes the geodata before it works. In one process (the tests run commands in-process,
// one after another) the same files need not be validated twice: a LayerSet is immutable and is keyed here by the
// content hash of the files, so any change to them loads afresh.
const loaded = new Map<string, Promise<LayerSet>>();

/** The validated geodata of `dir` (throws GeodataError like loadLayerSet), loaded once per content per process. */
export async function commandLayers(dir: string = DEFAULT_GEODATA_DIR): Promise<LayerSet> {
  const version = await geodataVersion(dir);
  if (!version) return loadLayerSet(dir); // a file is missing or unreadable: let the loader say which
  let layers = loaded.get(version);
  if (!layers) {
    layers = loadLayerSet(dir);
    loaded.set(version, layers);
    layers.catch(() => loaded.delete(version));
  }
  return layers;
}
