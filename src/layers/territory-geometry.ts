import { area } from '@turf/area';
import { buffer } from '@turf/buffer';
import { circle } from '@turf/circle';
import { featureCollection, lineString, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import type { Feature, Point } from 'geojson';
import type { Areal, ParsedLayers } from './features.js';
import type { TerritoryUnits } from './schema/index.js';

export type { Areal };

export interface UnitLookup {
  municipalities: ReadonlyMap<string, Areal>; // cvegeo -> polygon
  states: ReadonlyMap<string, Areal>; // ISO 3166-2 -> polygon
  places: ReadonlyMap<string, Point>;
}

/** The units territories are built from, by the codes `units` names them with. */
export function unitLookup(layers: ParsedLayers): UnitLookup {
  return {
    places: new Map((layers.places ?? []).map((f) => [f.id, f.geometry])),
    municipalities: new Map((layers.municipalities ?? []).map((f) => [f.properties.cvegeo, f.geometry])),
    states: new Map((layers.states ?? []).map((f) => [f.properties.iso_3166_2, f.geometry])),
  };
}

/**
 * Holes smaller than this in a union of municipalities are slivers left by simplifying neighbours independently
 * (see base/PROVENANCE.md), not enclaves: a real enclave municipality is far larger.
 */
export const SLIVER_HOLE_KM2 = 2;

/** Steps of the disc approximating a buffer around a place. */
const BUFFER_STEPS = 64;

/** Unit codes the lookup does not know, as [path, message] pairs. */
export function unknownUnits(units: TerritoryUnits, lookup: UnitLookup): [string, string][] {
  const faults: [string, string][] = [];
  units.municipalities?.forEach((code, i) => {
    if (!lookup.municipalities.has(code)) faults.push([`properties.units.municipalities[${i}]`, `unknown municipality "${code}" (not in base/municipalities.geojson)`]);
  });
  units.states?.forEach((code, i) => {
    if (!lookup.states.has(code)) faults.push([`properties.units.states[${i}]`, `unknown state "${code}" (not in base/mexico-states.geojson)`]);
  });
  units.buffers?.forEach((b, i) => {
    if (!lookup.places.has(b.place)) faults.push([`properties.units.buffers[${i}].place`, `unknown place "${b.place}" (not in base/places.geojson)`]);
    if (!lookup.states.has(b.clipToState)) faults.push([`properties.units.buffers[${i}].clipToState`, `unknown state "${b.clipToState}" (not in base/mexico-states.geojson)`]);
  });
  units.corridors?.forEach((c, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!lookup.places.has(c[end])) faults.push([`properties.units.corridors[${i}].${end}`, `unknown place "${c[end]}" (not in base/places.geojson)`]);
    }
    if (!lookup.states.has(c.clipToState)) faults.push([`properties.units.corridors[${i}].clipToState`, `unknown state "${c.clipToState}" (not in base/mexico-states.geojson)`]);
  });
  return faults;
}

function withoutSliverHoles(g: Areal): Areal {
  const keep = (rings: number[][][]) =>
    rings.filter((ring, i) => i === 0 || area(polygon([ring])) / 1e6 >= SLIVER_HOLE_KM2);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: keep(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(keep) };
}

/** Geodesic area of a polygon in km² (Turf's spherical excess, R = 6371.0088 km), to 0.1 km². */
export function areaKm2(g: Areal): number {
  return Math.round(area(g) / 1e5) / 10;
}

/** Union of the named units: the territory's polygon. Call only after `unknownUnits` found nothing. */
export function buildTerritoryGeometry(units: TerritoryUnits, lookup: UnitLookup): Areal {
  const parts: Feature<Areal>[] = [];
  const asFeature = (geometry: Areal): Feature<Areal> => ({ type: 'Feature', properties: {}, geometry });
  for (const code of units.municipalities ?? []) parts.push(asFeature(lookup.municipalities.get(code)!));
  for (const code of units.states ?? []) parts.push(asFeature(lookup.states.get(code)!));
  for (const b of units.buffers ?? []) {
    const disc = circle(lookup.places.get(b.place)!.coordinates, b.radiusKm, { steps: BUFFER_STEPS, units: 'kilometers' });
    const clipped = intersect(featureCollection<Areal>([disc, asFeature(lookup.states.get(b.clipToState)!)]));
    if (clipped) parts.push(clipped);
  }
  for (const c of units.corridors ?? []) {
    const axis = lineString([lookup.places.get(c.from)!.coordinates, lookup.places.get(c.to)!.coordinates]);
    const band = buffer(axis, c.halfWidthKm, { units: 'kilometers', steps: BUFFER_STEPS / 4 });
    const clipped = band && intersect(featureCollection<Areal>([band, asFeature(lookup.states.get(c.clipToState)!)]));
    if (clipped) parts.push(clipped);
  }
  if (parts.length === 1) return withoutSliverHoles(parts[0]!.geometry);
  const merged = union(featureCollection(parts));
  if (!merged) throw new Error('territory units have an empty union');
  return withoutSliverHoles(merged.geometry);
}
