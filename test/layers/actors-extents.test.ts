import { beforeEach, describe, expect, it } from 'vitest';
import { territoryActors, territoryExtents, territoryUnits } from '../../src/layers/rules.js';
import { GeodataDraft } from '../support/geodata-memory.js';
import { shippedLayers } from '../support/shipped-layers.js';

// The rules on who an area's sources blame (actor) and how the area was drawn (extent), each on a broken copy
// of the shipped geodata (in memory) with its exact message.

describe('actor and extent rules', () => {
  let draft: GeodataDraft;
  beforeEach(async () => {
    draft = await GeodataDraft.shipped();
  });

  it('a state-actor area must name its agencies, and a criminal one must not', () => {
    draft.edit('territories.geojson', (fc) => {
      const state = fc.features.find((f: any) => f.properties.id === 'coahuila-state-officials-2023');
      delete state.properties.agencies;
      const criminal = fc.features.find((f: any) => f.properties.id === 'northeast-cartel-nuevo-laredo');
      criminal.properties.agencies = ['inm'];
    });
    expect(draft.problems([territoryActors])).toEqual([
      'territories.geojson: coahuila-state-officials-2023: properties.agencies: a state-actor area must list the agencies its sources name ("unknown" when they name none)',
      `territories.geojson: northeast-cartel-nuevo-laredo: properties.agencies: only a state-actor area (actor "state") lists agencies; a criminal group's collusion with officials is the activity "official-collusion"`,
    ]);
  });

  it('every area says whether criminals or officials are blamed', () => {
    draft.edit('territories.geojson', (fc) => {
      delete fc.features.find((f: any) => f.properties.id === 'northeast-cartel-nuevo-laredo').properties.actor;
    });
    expect(draft.problems([])).toEqual(['territories.geojson: northeast-cartel-nuevo-laredo: properties.actor: Invalid option: expected one of "criminal"|"state"']);
  });

  const edit = (id: string, change: (p: any) => void) =>
    draft.edit('territories.geojson', (fc) => change(fc.features.find((f: any) => f.properties.id === id).properties));

  it('a city drawn as a whole municipality must be narrowed, or kept at low confidence', () => {
    edit('northeast-cartel-nuevo-laredo', (p) => {
      p.units = { municipalities: ['28027'] };
      p.extentBasis = 'municipality';
    });
    expect(draft.problems([territoryExtents])).toEqual([
      'territories.geojson: northeast-cartel-nuevo-laredo: properties.extentBasis: the sources place a city but the area is a whole municipality: narrow it to a locality or corridor buffer (radius and why in notes), or, when the city cannot be located, keep it at confidence "low"',
    ]);
  });

  it('the extent basis must match the units it is drawn from', () => {
    edit('northeast-cartel-nuevo-laredo', (p) => {
      p.extentBasis = 'municipality';
      p.sourcesPlace = 'region';
    });
    edit('gulf-cartel-rojos-camargo-mier', (p) => {
      p.extentBasis = 'locality';
    });
    edit('coahuila-state-officials-2023', (p) => {
      p.extentBasis = 'municipality';
    });
    edit('afo-baja-california-1990-2007', (p) => {
      p.units.municipalities.pop();
    });
    expect(draft.problems([territoryExtents])).toEqual([
      'territories.geojson: afo-baja-california-1990-2007: properties.extentBasis: extentBasis "state" is drawn from units.states, or from every municipality of a state (INEGI state 02 is only partly listed)',
      'territories.geojson: coahuila-state-officials-2023: properties.extentBasis: units.municipalities list every municipality of INEGI state 05: the extent basis is "state"',
      'territories.geojson: northeast-cartel-nuevo-laredo: properties.extentBasis: extentBasis "municipality" is drawn from units.municipalities only',
      'territories.geojson: gulf-cartel-rojos-camargo-mier: properties.extentBasis: extentBasis "locality" is drawn from units.buffers only (discs around places)',
    ]);
  });

  it('notes must state every buffer radius and corridor width; areaKm2 is never typed in', () => {
    edit('northeast-cartel-nuevo-laredo', (p) => {
      p.notes = p.notes.replaceAll('10 km', 'ten kilometre');
    });
    edit('gulf-cartel-hwy57-matehuala-2023', (p) => {
      p.notes = 'somewhere along the road';
      p.areaKm2 = 12;
    });
    expect(draft.problems([territoryExtents])).toEqual([
      'territories.geojson: northeast-cartel-nuevo-laredo: properties.notes: notes must say the 10 km radius or width and why it was chosen',
      'territories.geojson: gulf-cartel-hwy57-matehuala-2023: properties.areaKm2: areaKm2 is computed from the built polygon by the loader: remove it from the file',
      'territories.geojson: gulf-cartel-hwy57-matehuala-2023: properties.notes: notes must say the 10 km radius or width and why it was chosen',
    ]);
  });

  it('a corridor names known places', () => {
    edit('gulf-cartel-hwy57-matehuala-2023', (p) => {
      p.units.corridors[0].to = 'atlantis';
    });
    expect(draft.problems([territoryUnits])).toEqual([
      'territories.geojson: gulf-cartel-hwy57-matehuala-2023: properties.units.corridors[0].to: unknown place "atlantis" (not in base/places.geojson)',
    ]);
  });

  it('every territory carries its geodesic area in km², matching a spherical cap for an unclipped disc', async () => {
    // A 10 km disc around Monclova lies well inside Coahuila, so nothing is clipped: area of a spherical cap of
    // angular radius r/R, less the 64-gon's shortfall (sin(2pi/n)/(2pi/n) of the circle), to 0.2%.
    edit('northeast-cartel-piedras-negras-2022', (p) => {
      p.units = { buffers: [{ place: 'monclova', radiusKm: 10, clipToState: 'MX-COA' }] };
      p.extentBasis = 'locality';
      p.notes = 'fixture: a 10 km disc';
    });
    // derived alone (each territory is built from its own units); every shipped one is checked as loading derived it
    draft.edit('territories.geojson', (fc) => ({ ...fc, features: fc.features.filter((f: any) => f.properties.id === 'northeast-cartel-piedras-negras-2022') }));
    const { layers, problems } = draft.derive();
    expect(problems).toEqual([]);
    const R = 6371.0088;
    const cap = 2 * Math.PI * R * R * (1 - Math.cos(10 / R));
    const n = 64;
    const polygonShare = Math.sin((2 * Math.PI) / n) / ((2 * Math.PI) / n);
    const f = layers.territories!.find((t) => t.id === 'northeast-cartel-piedras-negras-2022')!;
    expect(Math.abs(f.properties.areaKm2 / (cap * polygonShare) - 1)).toBeLessThan(0.002);
    expect(layers.territories).toHaveLength(1);
    const shipped = (await shippedLayers()).layer('territories').features;
    expect(shipped.length).toBeGreaterThan(30);
    for (const t of shipped) expect(t.properties.areaKm2, t.id).toBeGreaterThan(0);
  });
});
