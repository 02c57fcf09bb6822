import type { LayerId } from './catalog.js';
import { LayerSet } from './layer-set.js';
import type { Policy } from './schema/index.js';
import type { Source } from './schema/index.js';
import type { BuiltLayers, GFeature } from './features.js';

// A set rebuilt from a snapshot keeps its text: handing it on to worker threads costs no second stringify.
const texts = new WeakMap<LayerSet, string>();

/** A validated LayerSet as JSON text: worker threads and a warm start rebuild it without validating again. */
export function layerSetSnapshot(set: LayerSet): string {
  return texts.get(set) ?? JSON.stringify({ version: set.version, layers: [...set.layers].map(([id, l]) => [id, l.features]), sources: [...set.sources.values()], policies: set.policyRecords });
}

export function layerSetFromSnapshot(text: string): LayerSet {
  const s = JSON.parse(text) as { version: string; layers: [LayerId, GFeature[]][]; sources: Source[]; policies?: Policy[] };
  // The snapshot holds what a validated LayerSet served (layerSetSnapshot above): its features are typed as such.
  const set = new LayerSet(Object.fromEntries(s.layers) as BuiltLayers, s.sources, s.version, { policies: s.policies ?? [] });
  texts.set(set, text);
  return set;
}
