import { bbox } from '@turf/bbox';
import { bboxClip } from '@turf/bbox-clip';
import { featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { ParsedLayers } from './features.js';

// Territories are areas inside Mexico: the units they are drawn from (INEGI municipalities, Natural Earth states,
// discs around places) spill over the border and the coast, because each was generalised on its own (Tecate
// municipality reaches ~1 km into California; a disc around a port town covers the sea). The last step of deriving a
// territory's polygon clips it to Mexico's land outline (Natural Earth admin-0, base/countries-context.geojson), so
// no exposure is counted, and no fill drawn, north of the border or offshore.

type Areal = Polygon | MultiPolygon;

/** The land the territories are clipped to: Mexico's admin-0 polygon in base/countries-context.geojson. */
export const MEXICO_ISO_N3 = '484';

/** Mexico's land outline from the parsed base layers; undefined when the countries layer lacks it. */
export function mexicoLand(layers: ParsedLayers): Areal | undefined {
  return (layers.countries ?? []).find((f) => f.properties.iso_n3 === MEXICO_ISO_N3)?.geometry;
}

/** Margin, in degrees, around a territory's box when the land outline is cut down to it first (~10 km). */
const BOX_MARGIN_DEG = 0.1;

/**
 * `area` ∩ `land`. The land outline is first cut to the area's box (Sutherland–Hodgman, cheap), so the polygon
 * intersection only walks the stretch of coast and border near the area, not all of Mexico's 20,000 vertices.
 * Returns null when nothing of the area is on land.
 */
export function clipToMexico(area: Areal, land: Areal): Areal | null {
  const [w, s, e, n] = bbox(area);
  const near = landNear(land, [w - BOX_MARGIN_DEG, s - BOX_MARGIN_DEG, e + BOX_MARGIN_DEG, n + BOX_MARGIN_DEG]);
  if (!near) return null;
  const asFeature = (geometry: Areal): Feature<Areal> => ({ type: 'Feature', properties: {}, geometry });
  const clipped = intersect(featureCollection<Areal>([asFeature(area), asFeature(near)]));
  return clipped ? clipped.geometry : null;
}

/** The land cut to a box, without the empty or degenerate rings clipping leaves of the parts outside it. */
function landNear(land: Areal, box: [number, number, number, number]): MultiPolygon | null {
  const parts = (land.type === 'Polygon' ? [land.coordinates] : land.coordinates)
    .map((rings) => {
      // a Polygon clips to a Polygon (bboxClip's type admits every input kind)
      const clipped = bboxClip({ type: 'Polygon', coordinates: rings }, box).geometry;
      return clipped.type === 'Polygon' ? clipped.coordinates : [];
    })
    .map((rings) => (rings[0] && rings[0].length >= 4 ? rings.filter((ring) => ring.length >= 4) : []))
    .filter((rings) => rings.length > 0);
  return parts.length ? { type: 'MultiPolygon', coordinates: parts } : null;
}
