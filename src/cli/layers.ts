import type { LayerSet } from '../layers/layer-set.js';
import { DEFAULT_GEODATA_DIR, geodataVersion, loadLayerSet, SNAPSHOT_FILE } from '../layers/load.js';

// A command validates and indexes the geodata before it works, or starts from the build's snapshot when the files
// hash to its version (as `gauntlet serve` does). In one process (the tests run commands in-process, one after
// another) the same files need not be loaded twice: a LayerSet is immutable and is keyed here by the content hash of
// the files, so any change to them loads afresh. `gauntlet validate` always validates (it loads for itself).
const loaded = new Map<string, Promise<LayerSet>>();

/** The validated geodata of `dir` (throws GeodataError like loadLayerSet), loaded once per content per process. */
export async function commandLayers(dir: string = DEFAULT_GEODATA_DIR): Promise<LayerSet> {
  const version = await geodataVersion(dir);
  if (!version) return loadLayerSet(dir); // a file is missing or unreadable: let the loader say which
  let layers = loaded.get(version);
  if (!layers) {
    layers = loadLayerSet(dir, { snapshot: SNAPSHOT_FILE });
    loaded.set(version, layers);
    layers.catch(() => loaded.delete(version));
  }
  return layers;
}
