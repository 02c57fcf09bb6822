import type { LayerId } from '../../src/layers/catalog.js';
import type { BuiltLayers, GFeature } from '../../src/layers/features.js';

/**
 * Hand-built fixture layers as a LayerSet takes them. A fixture carries only the fields its test reads, so it is
 * typed here, once, as the served layers it stands in for.
 */
export function asLayers(layers: ReadonlyMap<LayerId, readonly GFeature[]> | Partial<Record<LayerId, readonly GFeature[]>>): BuiltLayers {
  const entries = layers instanceof Map ? [...layers] : Object.entries(layers);
  return Object.fromEntries(entries) as BuiltLayers;
}
