import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { z } from 'zod';
import type { LayerId, LayerSchemas } from './catalog.js';

// The types of served features, inferred from the zod schemas (catalog.ts LAYER_SCHEMAS): one definition of each
// field, from the file through validation to every consumer. Type aliases, not interfaces: they must stay
// assignable to GFeature's Record<string, unknown> (interfaces get no implicit index signature).

export type Areal = Polygon | MultiPolygon;

/** One feature of layer K as its file holds it, after the schema parsed it. */
type FileFeature<K extends LayerId> = z.output<LayerSchemas[K]>;

/** What every feature carries once loaded: a string id, mirrored in properties.id (base layers derive it). */
type Identified = {
  id: string;
};

/** What a time query adds to a dated fact (LayerSet.query): whether its last evidence is older than the threshold. */
type Queried = {
  stale?: boolean;
};

/** A feature of layer K after parsing: ids set, derived geometry not yet built (territories have null). */
export type ParsedFeature<K extends LayerId> = K extends LayerId
  ? { type: 'Feature'; id: string; geometry: FileFeature<K>['geometry']; properties: FileFeature<K>['properties'] & Identified }
  : never;

/** What the derivation stage (derive.ts) adds after validation: a territory's polygon and its area. */
type Derived = {
  territories: { geometry: Areal; properties: { areaKm2: number } };
};

/** A feature of layer K as served: validated, with its derived geometry. `layer('ports').features` are these. */
export type LayerFeature<K extends LayerId> = K extends keyof Derived
  ? { type: 'Feature'; id: string; geometry: Derived[K]['geometry']; properties: FileFeature<K>['properties'] & Identified & Queried & Derived[K]['properties'] }
  : K extends LayerId
    ? { type: 'Feature'; id: string; geometry: FileFeature<K>['geometry']; properties: FileFeature<K>['properties'] & Identified & Queried }
    : never;

/** Every layer's parsed features, by layer id. */
export type ParsedLayers = { [K in LayerId]?: ParsedFeature<K>[] };
/** Every layer's served features, by layer id. */
export type BuiltLayers = { [K in LayerId]?: LayerFeature<K>[] };

/**
 * A feature of any layer, for code that treats every layer alike (tiles, OGC items, HTML): fields by name.
 * Every LayerFeature is one.
 */
export type GFeature = Feature<Geometry, Record<string, unknown> & Identified> & Identified;
