import { area, booleanPointInPolygon, point } from '@turf/turf';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import { clipToMexico } from '../../src/layers/clip-to-mexico.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import type { BuiltLayers } from '../../src/layers/features.js';
import type { TerritoryUnits } from '../../src/layers/schema/index.js';
import { buildTerritoryGeometry, unitLookup, type Areal, type UnitLookup } from '../../src/layers/territory-geometry.js';
import { asLayers } from '../support/fixture-layers.js';
import { shippedLayers } from '../support/shipped-layers.js';

// Territories end at Mexico's land: the border and the coast. Checked on a square fixture against the spherical
// rectangle formula, then on the shipped data at hand-picked points: one in California just north of the 1848
// treaty line near Jacumé (Tecate municipality, whose INEGI outline crosses it), one in the upper Gulf of California
// (Mexicali municipality reaches over the sea), each inside the polygon before clipping and outside after; and a
// route inside Mexico whose exposure does not move.

const R_KM = 6378.137; // Turf's sphere
const rad = (d: number) => (d * Math.PI) / 180;
const rectKm2 = (lon1: number, lat1: number, lon2: number, lat2: number) => R_KM * R_KM * rad(lon2 - lon1) * (Math.sin(rad(lat2)) - Math.sin(rad(lat1)));
const box = (lon1: number, lat1: number, lon2: number, lat2: number): number[][] => [[lon1, lat1], [lon2, lat1], [lon2, lat2], [lon1, lat2], [lon1, lat1]];
const km2 = (g: Areal) => area({ type: 'Feature', properties: {}, geometry: g }) / 1e6;
const inside = (lonLat: [number, number], g: Areal) => booleanPointInPolygon(point(lonLat), g);

/**
 * The California – Baja California boundary is a straight line (Treaty of Guadalupe Hidalgo, 1848) from the Initial
 * Monument on the Pacific (32.5343 N, 117.1235 W) to the Colorado River (32.7185 N, 114.7195 W). Over 2.4° a
 * rhumb line and the great circle differ by well under 100 m, less than the margins used below.
 */
const treatyLat = (lon: number) => 32.5343 + ((lon + 117.1235) / (117.1235 - 114.7195)) * (32.7185 - 32.5343);
const KM_PER_DEG_LAT = 111.2;

describe('clipToMexico', () => {
  const land: Polygon = { type: 'Polygon', coordinates: [box(-101, 24, -99, 26)] };

  it('keeps exactly the part of an area on land (area by the spherical rectangle formula)', () => {
    const overlapping: Polygon = { type: 'Polygon', coordinates: [box(-99.5, 25, -98.5, 25.5)] };
    const clipped = clipToMexico(overlapping, land)!;
    expect(Math.abs(km2(clipped) / rectKm2(-99.5, 25, -99, 25.5) - 1)).toBeLessThan(0.005);
    expect(inside([-99.25, 25.25], clipped)).toBe(true);
    expect(inside([-98.75, 25.25], clipped)).toBe(false);
  });

  it('leaves an area wholly on land as it is, and gives null for one wholly off it', () => {
    const inland: Polygon = { type: 'Polygon', coordinates: [box(-100.5, 24.5, -100, 25)] };
    expect(Math.abs(km2(clipToMexico(inland, land)!) / km2(inland) - 1)).toBeLessThan(1e-9);
    expect(clipToMexico({ type: 'Polygon', coordinates: [box(-98, 24, -97, 25)] }, land)).toBeNull();
  });

  it('clips to each part of a multipart land (islands) and keeps holes of the land', () => {
    const islands: MultiPolygon = { type: 'MultiPolygon', coordinates: [[box(-101, 24, -100, 25), box(-100.8, 24.2, -100.6, 24.4)], [box(-99, 24, -98, 25)]] };
    const across: Polygon = { type: 'Polygon', coordinates: [box(-101, 24, -98, 25)] };
    const clipped = clipToMexico(across, islands)!;
    const expected = rectKm2(-101, 24, -100, 25) - rectKm2(-100.8, 24.2, -100.6, 24.4) + rectKm2(-99, 24, -98, 25);
    expect(Math.abs(km2(clipped) / expected - 1)).toBeLessThan(0.005);
    expect(inside([-100.7, 24.3], clipped)).toBe(false); // the lake
    expect(inside([-99.5, 24.5], clipped)).toBe(false); // the strait
  });
});

describe('territories on the shipped data are clipped to Mexico', () => {
  let shipped: LayerSet; // as loading derives them (from the build's snapshot: test/support/shipped-layers.ts)
  let validated: { layers: BuiltLayers };
  const territory = (id: string) => validated.layers.territories!.find((f) => f.id === id)!;
  /** The same territory as its units give it without the land step (what the tiles drew before). */
  let lookup: UnitLookup;
  const unclipped = (id: string) => buildTerritoryGeometry(territory(id).properties.units as TerritoryUnits, lookup);

  beforeAll(async () => {
    shipped = await shippedLayers();
    validated = { layers: asLayers(new Map([...shipped.layers].map(([id, l]) => [id, l.features]))) };
    const { territories: _built, ...base } = validated.layers;
    lookup = unitLookup(base); // the units as derive.ts unites them, before the land step
  });

  it('Tecate (Jacumé crossing): no longer reaches into California, still covers the Mexican side', () => {
    const lon = -116.1;
    const inUs: [number, number] = [lon, treatyLat(lon) + 0.6 / KM_PER_DEG_LAT]; // 0.6 km north of the line
    const inMexico: [number, number] = [lon, treatyLat(lon) - 1 / KM_PER_DEG_LAT]; // 1 km south of it
    const before = unclipped('organized-crime-tecate-jacume');
    const after = territory('organized-crime-tecate-jacume').geometry as Areal;
    expect(inside(inUs, before)).toBe(true); // the INEGI outline did cross the border
    expect(inside(inUs, after)).toBe(false);
    expect(inside(inMexico, after)).toBe(true);
  });

  it('Arellano Félix Baja California: no longer covers the upper Gulf of California', () => {
    const atSea: [number, number] = [-114.76, 31.54]; // between San Felipe and the Colorado delta, 8 km off the coast
    expect(inside(atSea, unclipped('afo-baja-california-1990-2007'))).toBe(true);
    expect(inside(atSea, territory('afo-baja-california-1990-2007').geometry as Areal)).toBe(false);
    expect(inside([-116.3, 31.9], territory('afo-baja-california-1990-2007').geometry as Areal)).toBe(true); // inland of Ensenada
  });

  it('areas shrink by the spill only, and areaKm2 reports the clipped area', () => {
    const t = territory('organized-crime-tecate-jacume');
    const before = km2(unclipped(t.id as string));
    const after = km2(t.geometry as Areal);
    expect(after).toBeLessThan(before);
    expect(before - after).toBeLessThan(0.05 * before); // a strip along the border, not the municipality
    expect(Math.abs((t.properties.areaKm2 as number) - after)).toBeLessThan(0.1);
  });

  it('a route inside Mexico has the same exposure with and without the clipping', () => {
    const clippedSet = shipped;
    const layers = { ...validated.layers, territories: validated.layers.territories!.map((f) => ({ ...f, geometry: unclipped(f.id) })) };
    const unclippedSet = new LayerSet(layers, [...shipped.sources.values()], 'unclipped', { policies: shipped.policyRecords });
    // Monterrey – Saltillo – Monclova: the central corridor well south of the Rio Grande, through the Coahuila
    // state-actor area (as of 2023) and, for 2021, the Northeast Cartel's Nuevo León reach.
    const routeIn = clippedSet.layer('routes').features.find((f) => f.id === 'central-piedras-negras')!.geometry as LineString;
    const inland: LineString = { type: 'LineString', coordinates: routeIn.coordinates.filter(([, lat]) => lat! < 28.2) };
    for (const asOf of ['2023-03-15', 'latest', '2021-06-15']) {
      const a = computeExposure(clippedSet, inland, { asOf });
      const b = computeExposure(unclippedSet, inland, { asOf });
      expect(a.summary).toEqual(b.summary);
      expect(a.territories.map((t) => [t.id, t.entryKm, t.exitKm])).toEqual(b.territories.map((t) => [t.id, t.entryKm, t.exitKm]));
    }
    expect(computeExposure(clippedSet, inland, { asOf: '2023-03-15' }).summary.stateActors.kmInArea).toBeGreaterThan(100);
  });
});
