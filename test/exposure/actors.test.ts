import { describe, expect, it } from 'vitest';
import { computeExposure } from '../../src/exposure/exposure.js';
import { csvHeader, csvRow } from '../../src/exposure/formats.js';
import type { RouteGeometry } from '../../src/exposure/route-input.js';
import type { LayerId } from '../../src/layers/catalog.js';
import { LayerSet } from '../../src/layers/layer-set.js';
import type { GFeature } from '../../src/layers/validate.js';
import { asLayers } from '../support/fixture-layers.js';

// State actors (officials) apart from criminal groups, on hand-built layers with closed-form lengths.
const R = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;
const alongParallelKm = (lat: number, dlon: number) => 2 * R * Math.asin(Math.cos(rad(lat)) * Math.sin(rad(dlon) / 2));
const relErr = (a: number, b: number) => Math.abs(a / b - 1);
const box = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const area = (id: string, group: string, actor: 'criminal' | 'state', geometry: object): GFeature => ({
  type: 'Feature',
  id,
  geometry: geometry as GFeature['geometry'],
  properties: {
    id, name: id, group, groupName: group.toUpperCase(), actor, presence: 'present', sources: [`src-${id}`], confidence: 'high', notes: 'fixture',
    ...(actor === 'state' ? { agencies: ['state-police'] } : {}),
  },
});
const checkpoint: GFeature = {
  type: 'Feature',
  id: 'cp',
  geometry: { type: 'Point', coordinates: [-99.5, 25.5] },
  properties: { id: 'cp', name: 'cp', agency: 'inm', kind: 'fixed', sources: ['s'], confidence: 'high', notes: 'fixture' },
};
const layerSet = (layers: Partial<Record<LayerId, GFeature[]>>) => new LayerSet(asLayers(layers), [], 'fixture');
const route: RouteGeometry = { type: 'LineString', coordinates: [[-101, 25.5], [-97, 25.5]] };

describe('state actors apart from criminal groups', () => {
  const cartel = area('cartel', 'alpha', 'criminal', box(-100, 25, -99, 26));
  // A whole "state" of officials covering the cartel and more: it must not add a single criminal km.
  const officials = area('officials', 'state-officials', 'state', box(-100.5, 24, -97.5, 27));

  it('a state-actor area never changes the criminal km, groups or passages', () => {
    const without = computeExposure(layerSet({ territories: [cartel], checkpoints: [checkpoint] }), route, { asOf: 'all' });
    const withState = computeExposure(layerSet({ territories: [cartel, officials], checkpoints: [checkpoint] }), route, { asOf: 'all' });
    expect(withState.summary.kmInTerritory).toBe(without.summary.kmInTerritory);
    expect(withState.summary.shareInTerritory).toBe(without.summary.shareInTerritory);
    expect(withState.groups).toEqual(without.groups);
    expect(withState.territories).toEqual(without.territories);
    expect(relErr(withState.summary.kmInTerritory, alongParallelKm(25.5, 1))).toBeLessThan(0.001);
  });

  it('reports the state-actor area beside it, with checkpoints counted as state actors', () => {
    const r = computeExposure(layerSet({ territories: [cartel, officials], checkpoints: [checkpoint] }), route, { asOf: 'all' });
    expect(r.stateAreas).toHaveLength(1);
    expect(r.stateAreas[0]).toMatchObject({ id: 'officials', actor: 'state', agencies: ['state-police'], entry: [-100.5, 25.5], exit: [-97.5, 25.5] });
    expect(relErr(r.summary.stateActors.kmInArea, alongParallelKm(25.5, 3))).toBeLessThan(0.001);
    expect(relErr(r.summary.stateActors.shareInArea, 3 / 4)).toBeLessThan(0.001);
    expect(r.summary.stateActors.checkpointsPassed).toBe(1);
    expect(r.checkpoints[0]!.actor).toBe('state');
    expect(r.territories.every((t) => t.actor === 'criminal')).toBe(true);
  });

  it('a route end inside only a state-actor area has no crossing group', () => {
    const ports: GFeature[] = [{
      type: 'Feature', id: '9999', geometry: { type: 'Point', coordinates: [-97.6, 25.6] },
      properties: { id: '9999', name: 'p', mxPlace: null, mxSide: { position: [-97.6, 25.5], precision: 'town' }, roles: [], sources: ['s'], confidence: 'high', notes: 'fixture' },
    }];
    const r = computeExposure(layerSet({ territories: [cartel, officials], ports }), { type: 'LineString', coordinates: [[-101, 25.5], [-97.6, 25.5]] }, { asOf: 'all', expulsionPort: '9999' });
    expect(r.expulsion).toMatchObject({ crossingGroups: [], returnGroups: [], lateral: false });
  });

  it('CSV carries the state-actor km in its own column', () => {
    const r = computeExposure(layerSet({ territories: [cartel, officials] }), route, { asOf: 'all' });
    const header = csvHeader().trim().split(',');
    const row = csvRow('x', r).trim().split(',');
    expect(Number(row[header.indexOf('stateActorKm')])).toBe(r.summary.stateActors.kmInArea);
    expect(Number(row[header.indexOf('kmInTerritory')])).toBe(r.summary.kmInTerritory);
  });
});
