import { length, lineString } from '@turf/turf';
import type { LineString } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS, type LayerId } from '../../src/layers/catalog.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';
import type { GFeature } from '../../src/layers/validate.js';
import { checkStoredRoutes, deriveRoute } from '../../src/network/stored-routes.js';
import { asLayers } from '../support/fixture-layers.js';

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});

/** The same geodata with one route replaced. */
function withRoute(route: GFeature): LayerSet {
  const byLayer = new Map<LayerId, readonly GFeature[]>(LAYERS.map((def) => [def.id, [...layers.layer(def.id).features]]));
  byLayer.set('routes', byLayer.get('routes')!.map((f) => (f.id === route.id ? route : f)));
  return new LayerSet(asLayers(byLayer), [...layers.sources.values()], 'test');
}

const stored = (id: string) => layers.layer('routes').byId.get(id)!;
const km = (g: LineString) => length(lineString(g.coordinates), { units: 'kilometers' });

describe('stored routes follow the roads', () => {
  it('the committed routes.geojson is what routing the waypoints gives (validate finds nothing stale)', () => {
    expect(checkStoredRoutes(layers)).toEqual([]);
  });

  it('Monterrey - Piedras Negras is routed on MEX 53 and MEX 57, within 15% of the report\'s 400 km', () => {
    const r = stored('central-piedras-negras');
    expect(r.properties.geometryPrecision).toBe('road');
    expect(r.properties.highways).toEqual(['MEX-53', 'MEX-57']);
    expect(Math.abs(km(r.geometry as LineString) - 400) / 400).toBeLessThan(0.15);
  });

  it('every road route but those a listed gap prevents is routed; each straight leg says why', () => {
    for (const r of layers.layer('routes').features) {
      const legs = (r.properties.straightLegs as { from: string; to: string; reason: string }[] | undefined) ?? [];
      if (r.properties.corridor === 'rail') expect(r.properties.geometryPrecision).toBe('network');
      else expect(r.properties.geometryPrecision, r.id).toBe(legs.length === 0 ? 'road' : legs.length === (r.properties.waypoints as string[]).length - 1 ? 'schematic' : 'mixed');
      for (const l of legs) expect(l.reason).toMatch(/not on the road network|no road connects|only road path/);
    }
  });

  it('rail corridors follow the railroads', () => {
    const d = deriveRoute(layers, stored('rail-la-bestia'));
    expect(d.straightLegs).toEqual([]);
    expect(d.geometry.coordinates.length).toBeGreaterThan(1000);
  });

  it('validate reports stale geometry (a hand-drawn straight line where a road exists)', () => {
    const r = stored('central-piedras-negras');
    const straight = { ...r, geometry: { type: 'LineString', coordinates: [(r.geometry as LineString).coordinates[0]!, (r.geometry as LineString).coordinates.at(-1)!] } } as GFeature;
    const problems = checkStoredRoutes(withRoute(straight));
    expect(problems).toEqual([expect.objectContaining({ featureId: 'central-piedras-negras', path: 'geometry', message: expect.stringMatching(/gauntlet network routes --write/) })]);
  });

  it('validate reports a leg that cannot be routed unless it is listed in straightLegs', () => {
    const r = stored('central-nuevo-laredo');
    const unlisted = { ...r, properties: { ...r.properties, straightLegs: undefined } } as GFeature;
    const problems = checkStoredRoutes(withRoute(unlisted));
    expect(problems.filter((p) => p.path.startsWith('properties.waypoints'))).toEqual([
      expect.objectContaining({ path: 'properties.waypoints[1]', message: expect.stringMatching(/monterrey -> ciudad-sabinas-hidalgo cannot follow the roads: place "ciudad-sabinas-hidalgo" is not on the road network \(nearest road 15.4 km/) }),
      expect.objectContaining({ path: 'properties.waypoints[2]' }),
    ]);
  });
});
