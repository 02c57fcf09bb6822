import { booleanPointInPolygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { shippedLayers } from '../support/shipped-layers.js';

// What the June 2023 report names must be in the layers, and cited. The lists are written from the report's text.

let layers: LayerSet;
beforeAll(async () => {
  layers = await shippedLayers();
});

const props = (layer: Parameters<LayerSet['layer']>[0]) => layers.layer(layer).features.map((f) => f.properties as any);

describe('the report in the layers', () => {
  it('places the journey of Ricardo Montes, in order, citing the report', () => {
    const journey = props('routes').find((r) => r.corridor === 'journey');
    expect(journey?.sources).toContain('ic2023-journey');
    expect(journey?.waypoints).toEqual(['guatemala-city', 'gracias-a-dios', 'tuxtla-gutierrez', 'puebla', 'mexico-city', 'monterrey', 'reynosa']);
  });

  it('has every border city the report discusses in the gazetteer', () => {
    const places = layers.layer('places').byId;
    for (const id of ['matamoros', 'reynosa', 'nuevo-laredo', 'piedras-negras', 'ciudad-juarez', 'altar', 'nogales', 'tijuana', 'mexicali', 'monterrey']) {
      expect(places.has(id), id).toBe(true);
    }
  });

  it('has the corridors the report maps: Gulf, Central (Nuevo Laredo, Piedras Negras, Juárez), Pacific, rail', () => {
    const routes = props('routes');
    for (const corridor of ['gulf', 'central', 'pacific', 'rail', 'journey']) {
      expect(routes.some((r) => r.corridor === corridor), corridor).toBe(true);
    }
    const ends = new Set(routes.map((r) => r.waypoints.at(-1)));
    for (const end of ['reynosa', 'matamoros', 'nuevo-laredo', 'piedras-negras', 'ciudad-juarez', 'el-sasabe', 'nogales', 'mexicali', 'tijuana']) {
      expect(ends.has(end) || routes.some((r) => r.waypoints.includes(end)), end).toBe(true);
    }
  });

  it('has the three checkpoints of the last hour to Piedras Negras: army, Coahuila state police, INM', () => {
    const cited = props('checkpoints').filter((c) => c.sources.includes('ic2023-checkpoints'));
    const agencies = cited.flatMap((c) => (c.agency === 'mixed' ? c.agencies : [c.agency]));
    for (const agency of ['army', 'state-police', 'inm']) expect(agencies, agency).toContain(agency);
    expect(props('checkpoints').some((c) => c.sources.includes('ic2023-photo-mty-nld'))).toBe(true);
  });

  it('names the groups the report names where it places them', () => {
    const territories = layers.layer('territories').features;
    const groupsAt = (placeId: string) => {
      const at = layers.layer('places').byId.get(placeId)!.geometry as any;
      return territories.filter((t) => booleanPointInPolygon(at, t.geometry as any)).map((t) => t.properties.group);
    };
    expect(groupsAt('matamoros')).toContain('gulf-cartel');
    expect(groupsAt('reynosa')).toContain('gulf-cartel');
    expect(groupsAt('nuevo-laredo')).toContain('northeast-cartel');
    const cited = territories.filter((t) => (t.properties.sources as string[]).some((s) => s.startsWith('ic2023')));
    expect(cited.map((t) => t.properties.group)).toEqual(expect.arrayContaining(['gulf-cartel', 'northeast-cartel']));
  });

  it('has a group for each crossing the report discusses in Sonora, Chihuahua, Coahuila and Baja California', () => {
    const territories = layers.layer('territories').features;
    for (const placeId of ['altar', 'nogales', 'ciudad-juarez', 'piedras-negras', 'tijuana', 'mexicali']) {
      const at = layers.layer('places').byId.get(placeId)!.geometry as any;
      const holding = territories.filter((t) => booleanPointInPolygon(at, t.geometry as any));
      expect(holding.length, placeId).toBeGreaterThan(0);
    }
  });

  it('has all 28 BTS ports, the MPP/Title 42 ports of the report cities, each role cited', () => {
    const ports = props('ports');
    expect(ports).toHaveLength(28);
    const byCity = (place: string) => ports.filter((p) => p.mxPlace === place);
    for (const city of ['tijuana', 'mexicali', 'ciudad-juarez', 'nuevo-laredo', 'piedras-negras', 'reynosa', 'matamoros', 'nogales']) {
      expect(byCity(city).length, city).toBeGreaterThan(0);
    }
    const roles = ports.flatMap((p) => p.roles);
    for (const role of ['mpp-return', 'title42-expulsion', 'lateral-expulsion-destination', 'cbp-one']) {
      expect(roles.some((r) => r.role === role), role).toBe(true);
    }
    for (const r of roles) expect(r.sources.length).toBeGreaterThan(0);
    // The report's lateral-expulsion case: a flight to Ciudad Juárez.
    const elPaso = ports.find((p) => p.id === '2402');
    expect(elPaso.mxPlace).toBe('ciudad-juarez');
    expect(elPaso.roles.map((r: any) => r.role)).toContain('lateral-expulsion-destination');
    expect(props('expulsion-flights').some((f) => f.kind === 'lateral-expulsion' && f.to === 'el-paso')).toBe(true);
  });

  it('gives every thematic feature at least one source and notes', () => {
    for (const layer of ['routes', 'checkpoints', 'territories', 'ports', 'expulsion-flights'] as const) {
      for (const p of props(layer)) {
        expect(p.sources.length, p.id).toBeGreaterThan(0);
        expect(p.notes.length, p.id).toBeGreaterThan(10);
      }
    }
  });
});
