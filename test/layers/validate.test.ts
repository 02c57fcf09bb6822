import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LayerSet } from '../../src/layers/layer-set.js';
import { DEFAULT_GEODATA_DIR, geodataVersion, loadLayerSet } from '../../src/layers/load.js';
import { parseGeodata } from '../../src/layers/parse.js';
import { formatProblem, GeodataError, type Problem } from '../../src/layers/problems.js';
import { readGeodata } from '../../src/layers/read.js';
import { layerSetFromSnapshot, layerSetSnapshot, layerSetSnapshotBytes } from '../../src/layers/snapshot.js';
import {
  checkRules,
  territoryUnits,
  evidenceDates,
  inferredPositionsLow,
  knownPlaces,
  knownSources,
  mixedAgencies,
  portReturnPositions,
  routeWaypoints,
  RULES,
  uniqueIds,
} from '../../src/layers/rules.js';
import { copyGeodata } from '../support/geodata-copy.js';
import { GeodataDraft } from '../support/geodata-memory.js';
import { BUILD_SNAPSHOT, shippedLayers } from '../support/shipped-layers.js';

// Each rule of `gauntlet validate` gets a broken copy of the shipped geodata (in memory) and its exact message:
// the schema stage alone (no rules), or the schemas and the one rule under test.
const SCHEMAS_ONLY: never[] = [];

describe('the shipped geodata', () => {
  // One full load (read, schemas, rules, derived geometry); the other test files start from the build's snapshot of
  // it (test/support/shipped-layers.ts). It is given a snapshot of other files, empty: a loader that took it would
  // have no features, and the comparison below would fail.
  let dir: string;
  let full: LayerSet | undefined;
  let problems: string[] = [];
  const snapshotOf = (version: string) => JSON.stringify({ version, layers: [], sources: [], policies: [] });
  const featureCount = (set: LayerSet) => [...set.layers.values()].reduce((n, l) => n + l.features.length, 0);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-snapshot-'));
    await writeFile(join(dir, 'other.json'), snapshotOf('000000000000'));
    try {
      full = await loadLayerSet(DEFAULT_GEODATA_DIR, { snapshot: join(dir, 'other.json') });
    } catch (err) {
      if (!(err instanceof GeodataError)) throw err;
      problems = err.problems.map(formatProblem);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validates with no problems', async () => {
    expect(problems).toEqual([]);
    expect(full?.version).toBe(await geodataVersion());
    expect(featureCount(full!)).toBeGreaterThan(1000);
  });

  it("is what the build's snapshot holds, which the other tests and `gauntlet serve` start from", async () => {
    const text = await readFile(BUILD_SNAPSHOT, 'utf8');
    expect(JSON.parse(text).version).toBe(full!.version);
    // the same layers, features, derived polygons and areas, sources and policies, byte for byte
    expect(text === layerSetSnapshot(full!)).toBe(true);
    const fromSnapshot = await shippedLayers();
    for (const [id, layer] of full!.layers) expect(fromSnapshot.layer(id).features.length, id).toBe(layer.features.length);
  });

  it("is loaded from a snapshot only when the snapshot names the files' content hash", async () => {
    await writeFile(join(dir, 'current.json'), snapshotOf((await geodataVersion())!));
    expect(featureCount(await loadLayerSet(DEFAULT_GEODATA_DIR, { snapshot: join(dir, 'current.json') }))).toBe(0);
    // files that cannot be hashed (here: none at all) are loaded, and fail as a load does
    await expect(loadLayerSet(join(dir, 'no-geodata'), { snapshot: join(dir, 'current.json') })).rejects.toThrow(/sources\.json: -: -: file not found/);
  });

  // Worker threads rebuild the server's LayerSet from the snapshot's bytes in shared memory (one copy per process):
  // the rebuilt set must hold exactly what the validated one does (the full load above: one load for both).
  describe('as a snapshot in shared memory', () => {
    it('a set rebuilt from the shared bytes equals the validated set, and hands the same bytes on without a copy', () => {
      const validated = full!;
      const bytes = layerSetSnapshotBytes(validated);
      expect(bytes).toBeInstanceOf(SharedArrayBuffer);
      expect(layerSetSnapshotBytes(validated)).toBe(bytes); // made once
      const rebuilt = layerSetFromSnapshot(bytes);
      expect(rebuilt.version).toBe(validated.version);
      expect([...rebuilt.layers.keys()]).toEqual([...validated.layers.keys()]);
      for (const [id, layer] of validated.layers) expect(rebuilt.layer(id).features, id).toEqual(layer.features);
      expect([...rebuilt.sources.values()]).toEqual([...validated.sources.values()]);
      expect(rebuilt.policyRecords).toEqual(validated.policyRecords);
      expect(layerSetSnapshotBytes(rebuilt)).toBe(bytes);
      // the text is the same whichever way it is asked for, and a text snapshot rebuilds the same set
      const text = layerSetSnapshot(rebuilt);
      expect(text).toBe(layerSetSnapshot(validated));
      expect(Buffer.byteLength(text, 'utf8')).toBe(bytes.byteLength);
      expect(layerSetFromSnapshot(text).layer('ports').features).toEqual(validated.layer('ports').features);
    });
  });
});

describe('validation rules', () => {
  let draft: GeodataDraft;
  beforeEach(async () => {
    draft = await GeodataDraft.shipped();
  });

  it('reports a schema fault at its JSON path', async () => {
    let id = '';
    draft.edit('checkpoints.geojson', (fc) => {
      id = fc.features[0].properties.id;
      fc.features[0].properties.agency = 'police';
      delete fc.features[0].properties.kind;
    });
    expect(draft.problems(SCHEMAS_ONLY)).toEqual([
      `checkpoints.geojson: ${id}: properties.agency: Invalid option: expected one of "inm"|"national-guard"|"army"|"navy"|"state-police"|"municipal-police"|"federal-police"|"customs"|"mixed"|"unknown"`,
      `checkpoints.geojson: ${id}: properties.kind: Invalid option: expected one of "fixed"|"mobile"|"bus-terminal"|"airport"|"rail"`,
    ]);
  });

  it('reports a source id missing from sources.json', async () => {
    let id = '';
    draft.edit('territories.geojson', (fc) => {
      id = fc.features[0].properties.id;
      fc.features[0].properties.sources.push('no-such-source');
    });
    const at = (draft.read('territories.geojson')).features[0].properties.sources.length - 1;
    expect(draft.problems([knownSources])).toEqual([
      `territories.geojson: ${id}: properties.sources[${at}]: unknown source id "no-such-source" (not in sources.json)`,
    ]);
  });

  it('reports an id used twice, across layers', async () => {
    const routeId = (draft.read('routes.geojson')).features[0].properties.id;
    let checkpointId = '';
    draft.edit('checkpoints.geojson', (fc) => {
      checkpointId = fc.features[0].properties.id;
      fc.features[0].properties.id = routeId;
      fc.features[0].id = routeId;
    });
    expect(draft.problems([uniqueIds])).toEqual([
      `checkpoints.geojson: ${routeId}: properties.id: duplicate id "${routeId}" (also in routes.geojson)`,
    ]);
    expect(checkpointId).not.toBe(routeId);
  });

  it('reports coordinates out of range, naming the position', async () => {
    let id = '';
    draft.edit('checkpoints.geojson', (fc) => {
      id = fc.features[1].properties.id;
      fc.features[1].geometry.coordinates = [26.1, -98.3]; // lat, lon swapped: lat -98.3 is impossible
    });
    expect(draft.problems(SCHEMAS_ONLY)).toContain(
      `checkpoints.geojson: ${id}: geometry.coordinates: coordinates out of range: [26.1, -98.3] (lon must be -180..180, lat -90..90; [lon, lat] order)`,
    );
  });

  it('reports an unclosed ring and a self-intersecting ring', async () => {
    draft.edit('base/municipalities.geojson', (fc) => {
      const reynosa = fc.features.find((f: any) => f.properties.cvegeo === '28032');
      reynosa.geometry = { type: 'Polygon', coordinates: [[[-98.5, 25.8], [-98.1, 25.8], [-98.1, 26.1], [-98.5, 26.1]]] };
      const matamoros = fc.features.find((f: any) => f.properties.cvegeo === '28022');
      // a bow-tie: the edges (-97.8,25.6)-(-97.4,25.9) and (-97.4,25.6)-(-97.8,25.9) cross at (-97.6, 25.75)
      matamoros.geometry = { type: 'Polygon', coordinates: [[[-97.8, 25.6], [-97.4, 25.9], [-97.4, 25.6], [-97.8, 25.9], [-97.8, 25.6]]] };
    });
    const problems = draft.problems(SCHEMAS_ONLY);
    expect(problems).toContain(
      'base/municipalities.geojson: mun-28032: geometry.coordinates[0]: ring is not closed: first position [-98.5, 25.8] differs from last [-98.5, 26.1]',
    );
    const bowTie = problems.find((p) => p.startsWith('base/municipalities.geojson: mun-28022: geometry.coordinates[0]: ring self-intersects at ['));
    expect(bowTie).toBeDefined();
    const [lon, lat] = bowTie!.match(/\[(-?[\d.]+), (-?[\d.]+)\]/)!.slice(1).map(Number);
    // Turf intersects edges in plane lon/lat: the crossing of the two diagonals of the box.
    expect(lon).toBeCloseTo(-97.6, 3);
    expect(lat).toBeCloseTo(25.75, 3);
  });

  it('reports a waypoint more than 5 km from its route, with the distance', async () => {
    // A meridian route at lon -100 from lat 25 to 27 and a place 0.1 degree of longitude east of it at lat 26.
    // Cross-track distance to a meridian on the sphere: R * asin(cos(lat) * sin(dlon)) = 9.99 km (R 6371 km).
    draft.edit('base/places.geojson', (fc) => {
      const place = (id: string, lon: number, lat: number) => ({
        type: 'Feature', id,
        properties: { id, name: id, geonamesName: id, country: 'MX', admin1: 'Test', admin2: null, precision: 'geonames' },
        geometry: { type: 'Point', coordinates: [lon, lat] },
      });
      fc.features.push(place('test-south', -100, 25), place('test-off', -99.9, 26), place('test-near', -99.98, 26.5), place('test-north', -100, 27));
    });
    draft.edit('routes.geojson', (fc) => {
      const route = structuredClone(fc.features[0]);
      route.id = route.properties.id = 'test-meridian';
      route.geometry = { type: 'LineString', coordinates: [[-100, 25], [-100, 27]] };
      route.properties.waypoints = ['test-south', 'test-off', 'test-north'];
      const reversed = structuredClone(route);
      reversed.id = reversed.properties.id = 'test-order';
      reversed.properties.waypoints = ['test-south', 'test-north', 'test-near'];
      fc.features.push(route, reversed);
    });
    const expectedKm = 6371.0088 * Math.asin(Math.cos((26 * Math.PI) / 180) * Math.sin((0.1 * Math.PI) / 180));
    expect(expectedKm.toFixed(1)).toBe('10.0');
    expect(draft.problems([routeWaypoints])).toEqual([
      `routes.geojson: test-meridian: properties.waypoints[1]: waypoint "test-off" is ${expectedKm.toFixed(1)} km from the route line (limit 5 km)`,
      'routes.geojson: test-order: properties.waypoints[2]: waypoint "test-near" lies before "test-north" along the line but is listed after it',
    ]);
  });

  it('reports observed.from after observed.to, on features and on port roles', async () => {
    const id = 'gulf-cartel-rojos-camargo-mier';
    draft.edit('territories.geojson', (fc) => {
      fc.features.find((f: any) => f.properties.id === id).properties.observed = { from: '2008-03', to: '2007' };
    });
    draft.edit('ports.geojson', (fc) => {
      const laredo = fc.features.find((f: any) => f.properties.id === '2304');
      laredo.properties.roles[0].observed = { from: '2020-01-01', to: '2019-12-31' };
    });
    expect(draft.problems([evidenceDates])).toEqual([
      `territories.geojson: ${id}: properties.observed.from: observed.from 2008-03 is after observed.to 2007`,
      'ports.geojson: 2304: properties.roles[0].observed.from: observed.from 2020-01-01 is after observed.to 2019-12-31',
    ]);
  });

  it('rejects an ended without a source, or with an unknown one', async () => {
    draft.edit('checkpoints.geojson', (fc) => {
      const c = fc.features.find((f: any) => f.properties.id === 'cadereyta-checkpoint');
      delete c.properties.ended.source;
    });
    draft.edit('ports.geojson', (fc) => {
      const p = fc.features.find((f: any) => f.properties.id === '2504');
      p.properties.roles[4].ended.source = 'a-rumour';
    });
    expect(draft.problems([evidenceDates])).toEqual([
      'checkpoints.geojson: cadereyta-checkpoint: properties.ended.source: an ended fact must name the source that documents its end (ended.source); with no such source, leave ended out',
      'ports.geojson: 2504: properties.roles[4].ended.source: unknown source id "a-rumour" (not in sources.json)',
    ]);
  });

  it('rejects a fact dated after its only source was published', async () => {
    draft.edit('checkpoints.geojson', (fc) => {
      // samalayuca-army-checkpoint cites only mnd-2024-07-samalayuca (July 2024).
      fc.features.find((f: any) => f.properties.id === 'samalayuca-army-checkpoint').properties.observed = { from: '2024-07', to: '2024-08' };
    });
    draft.edit('ports.geojson', (fc) => {
      // 2402's restarted-MPP role cites only WOLA's update of 3 December 2021, written before the restart.
      const role = fc.features.find((f: any) => f.properties.id === '2402').properties.roles[1];
      role.observed = { from: '2021-12-06', to: '2021-12-06' };
    });
    expect(draft.problems([evidenceDates])).toEqual([
      'checkpoints.geojson: samalayuca-army-checkpoint: properties.observed.to: observed.to 2024-08 is after its only source "mnd-2024-07-samalayuca" was published (2024-07): a source cannot attest what came after it',
      'ports.geojson: 2402: properties.roles[1].observed.to: observed.to 2021-12-06 is after its only source "wola-2021-12-border-update" was published (2021-12-03): a source cannot attest what came after it',
    ]);
  });

  it('rejects observed dates outside the dates of the cited sources', async () => {
    draft.edit('territories.geojson', (fc) => {
      // Cited: insightcrime-2021-10 (Oct 2021), insightcrime-2023 (2023, the newest: to 31 Dec), breitbart (7 May 2023).
      fc.features.find((f: any) => f.properties.id === 'gulf-cartel-metros-reynosa').properties.observed = { from: '2019', to: '2024-03' };
    });
    draft.edit('checkpoints.geojson', (fc) => {
      // A dated fact needs its observed dates.
      delete fc.features.find((f: any) => f.properties.id === 'la-coma-checkpoint').properties.observed;
    });
    expect(draft.problems([evidenceDates])).toEqual([
      'checkpoints.geojson: la-coma-checkpoint: properties.observed: a dated fact needs observed {from, to}: when its sources attest it (its newest cited source, "mexicodailypost-2021-01-la-coma", is dated 2021-01-04)',
      'territories.geojson: gulf-cartel-metros-reynosa: properties.observed.to: observed.to 2024-03 lies outside the dates of the cited sources: the newest, "insightcrime-2023-reynosa-kidnappings", was published 2023',
    ]);
  });

  it('rejects an end dated after its source, or before the first evidence', async () => {
    draft.edit('ports.geojson', (fc) => {
      const p = fc.features.find((f: any) => f.properties.id === '2504');
      p.properties.roles[4].ended = { date: '2025-02', source: 'newser-2025-01-cbp-one-end' };
      p.properties.roles[0].ended = { date: '2018', source: 'ic2023-fn10' };
    });
    expect(draft.problems([evidenceDates])).toEqual([
      'ports.geojson: 2504: properties.roles[0].ended.date: ended.date 2018 is before the fact was first observed (2019-01-29)',
      'ports.geojson: 2504: properties.roles[4].ended.date: ended.date 2025-02 is after its source "newser-2025-01-cbp-one-end" was published (2025-01-20)',
    ]);
  });

  it('refuses the old validFrom/validTo fields rather than dropping them silently', async () => {
    draft.edit('expulsion-flights.geojson', (fc) => {
      fc.features[0].properties.validTo = '2023-05';
    });
    const id = (draft.read('expulsion-flights.geojson')).features[0].properties.id;
    expect(draft.problems(SCHEMAS_ONLY)).toEqual([
      `expulsion-flights.geojson: ${id}: properties.validTo: validTo is no longer read: write observed {from, to} (when the sources attest the fact) and, only where a source documents an end, ended {date, source}`,
    ]);
  });

  it('checks policies.json like the facts: cited sources, an end with its source, no date after the sources', async () => {
    draft.edit('policies.json', (j) => {
      const t8 = j.policies.find((p: any) => p.id === 'title8');
      t8.from = '2024-01'; // its newest source (AJIL) is of July 2023
      const cbp = j.policies.find((p: any) => p.id === 'cbp-one');
      delete cbp.ended.source;
      j.policies.push({ ...cbp, id: 'latest', ended: undefined, sources: ['nope'] });
    });
    expect(draft.problems([knownSources, evidenceDates])).toEqual([
      'policies.json: latest: id: "latest" and "all" are time rules, not policy names',
      'policies.json: title8: observed.to: observed.to 2024-01 lies outside the dates of the cited sources: the newest, "ajil-2023-07-title8", was published 2023-07-27',
      'policies.json: cbp-one: ended.source: an ended fact must name the source that documents its end (ended.source); with no such source, leave ended out',
    ]);
  });

  it('reports unknown places and territory units', async () => {
    let cp = '';
    let tid = '';
    draft.edit('checkpoints.geojson', (fc) => {
      cp = fc.features[0].properties.id;
      fc.features[0].properties.nearPlace = 'atlantis';
    });
    draft.edit('territories.geojson', (fc) => {
      tid = fc.features[0].properties.id;
      fc.features[0].properties.units = { municipalities: ['99999'], states: ['MX-ZZZ'] };
    });
    expect(draft.problems([knownPlaces, territoryUnits])).toEqual([
      `checkpoints.geojson: ${cp}: properties.nearPlace: unknown place "atlantis" (not in base/places.geojson)`,
      `territories.geojson: ${tid}: properties.units.municipalities[0]: unknown municipality "99999" (not in base/municipalities.geojson)`,
      `territories.geojson: ${tid}: properties.units.states[0]: unknown state "MX-ZZZ" (not in base/mexico-states.geojson)`,
    ]);
  });

  it('requires low confidence for an inferred (segment) checkpoint position', async () => {
    let id = '';
    draft.edit('checkpoints.geojson', (fc) => {
      const f = fc.features.find((x: any) => x.properties.locationPrecision === 'segment');
      id = f.properties.id;
      f.properties.confidence = 'high';
    });
    expect(draft.problems([inferredPositionsLow])).toEqual([
      `checkpoints.geojson: ${id}: properties.confidence: an inferred (segment-precision) position must have confidence "low"`,
    ]);
  });

  it('requires a "mixed" checkpoint to list at least 2 agencies', () => {
    let id = '';
    draft.edit('checkpoints.geojson', (fc) => {
      const f = fc.features[0];
      id = f.properties.id;
      f.properties.agency = 'mixed';
      f.properties.agencies = ['army'];
    });
    expect(draft.problems([mixedAgencies])).toEqual([`checkpoints.geojson: ${id}: properties.agencies: a "mixed" checkpoint must list at least 2 agencies`]);
  });

  it("checks a port's Mexican return position like a geometry", () => {
    draft.edit('ports.geojson', (fc) => {
      const p = fc.features.find((f: any) => f.properties.mxSide);
      p.properties.id = p.id = '9999';
      p.properties.mxSide.position = [25.9, -97.5]; // lat, lon swapped
    });
    expect(draft.problems([portReturnPositions])).toEqual([
      'ports.geojson: 9999: properties.mxSide.position: coordinates out of range: [25.9, -97.5] (lon must be -180..180, lat -90..90; [lon, lat] order)',
    ]);
  });

  it('reports a file that is missing or not JSON, without stopping at the first', async () => {
    // The reader's part, on disk; the rules then run on what it could read.
    const copy = await copyGeodata();
    try {
      await copy.writeRaw('expulsion-flights.geojson', '{"type": "FeatureCollection", "features": [');
      await copy.remove('sources.json');
      const { raw, problems: read } = await readGeodata(copy.dir);
      const found: Problem[] = [];
      const report = (file: string, featureId: string, path: string, message: string) => found.push({ file, featureId, path, message });
      checkRules(parseGeodata(raw, report), report, [knownSources]);
      const problems = [...read, ...found].map(formatProblem);
      expect(problems).toContain('sources.json: -: -: file not found');
      expect(problems.find((p) => p.startsWith('expulsion-flights.geojson: -: -: invalid JSON: '))).toBeDefined();
      // With no bibliography every citation is unknown: the list goes on past the broken files.
      expect(problems.some((p) => p.includes('unknown source id'))).toBe(true);
    } finally {
      await copy.dispose();
    }
  });

  it('runs every rule once, each under its own name', () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect(draft.problems()).toEqual([]);
  });
});
