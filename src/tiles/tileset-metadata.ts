import { z } from 'zod';
import { layerDef, type LayerId } from '../layers/catalog.js';
import type { BBox } from '../layers/layer-set.js';

// The MBTiles 1.3 metadata of a tileset (name/value strings, vector_layers in `json`), as tippecanoe writes it
// beside a tile directory (metadata.json) and in an .mbtiles file: what GDAL's MVT driver reads for its layers,
// fields and zoom range.

export interface TilesetInfo {
  name: string;
  description: string;
  version: string;
  attribution: string;
  minzoom: number;
  maxzoom: number;
  bounds: BBox;
  center: readonly [number, number, number];
  vector_layers: readonly { id: string; fields: Record<string, string>; minzoom?: number; maxzoom?: number; description?: string }[];
}

type TileGeometry = 'Point' | 'LineString' | 'Polygon';
const KIND: Record<string, TileGeometry> = {
  Point: 'Point', MultiPoint: 'Point', LineString: 'LineString', MultiLineString: 'LineString', Polygon: 'Polygon', MultiPolygon: 'Polygon',
};

/** The MVT geometry type of a layer from its zod schema; territories are built from their units as polygons. */
export function tileGeometryOf(id: LayerId): TileGeometry | undefined {
  if (id === 'territories') return 'Polygon';
  const json = z.toJSONSchema(layerDef(id)!.feature, { io: 'input', unrepresentable: 'any' }) as {
    properties?: { geometry?: { properties?: { type?: { const?: string } }; anyOf?: { properties?: { type?: { const?: string } } }[] } };
  };
  const g = json.properties?.geometry;
  const types = [g?.properties?.type?.const, ...(g?.anyOf ?? []).map((a) => a.properties?.type?.const)].filter((t): t is string => Boolean(t));
  const kinds = new Set(types.map((t) => KIND[t]).filter(Boolean));
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** The metadata rows: every value a string, as MBTiles stores them; `json` holds vector_layers and tilestats. */
export function mbtilesMetadata(info: TilesetInfo): Record<string, string> {
  const tilestats = {
    layerCount: info.vector_layers.length,
    layers: info.vector_layers.map((l) => {
      const geometry = tileGeometryOf(l.id as LayerId);
      const attributes = Object.entries(l.fields).map(([attribute, type]) => ({ attribute, type: type.toLowerCase() }));
      return { layer: l.id, ...(geometry ? { geometry } : {}), attributeCount: attributes.length, attributes };
    }),
  };
  return {
    name: info.name,
    description: info.description,
    version: info.version,
    attribution: info.attribution,
    type: 'overlay',
    format: 'pbf',
    minzoom: String(info.minzoom),
    maxzoom: String(info.maxzoom),
    bounds: info.bounds.join(','),
    center: info.center.join(','),
    json: JSON.stringify({ vector_layers: info.vector_layers, tilestats }),
  };
}
