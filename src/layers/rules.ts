import { fileOf, type LayerId } from './catalog.js';
import { extentFaults } from './extent-checks.js';
import type { ParsedFeature } from './features.js';
import { checkGeometry } from './geometry-checks.js';
import type { ParsedGeodata, Report } from './parse.js';
import { checkTimedFact, type TimedRecord } from './time-checks.js';
import { unknownUnits, unitLookup } from './territory-geometry.js';
import { locateOnLine, WAYPOINT_TOLERANCE_KM } from './waypoints.js';

// Stage 2 of loading: the rules that relate records to each other (a cited source exists, a waypoint lies on its
// route, ...). Each is a small function over the parsed geodata, tested on its own (test/layers/rules.test.ts);
// `gauntlet validate` runs them all, in this order, and reports every problem.

export interface Rule {
  name: string;
  check(data: ParsedGeodata, report: Report): void;
}

/** The thematic layers: cited, dated facts (ports are dated through their roles). */
const CITED = ['routes', 'checkpoints', 'territories', 'ports', 'expulsion-flights'] as const;

type CitedFeature = ParsedFeature<(typeof CITED)[number]>;

function* cited(data: ParsedGeodata): Generator<[file: string, feature: CitedFeature]> {
  for (const id of CITED) for (const f of data.layers[id] ?? []) yield [fileOf(id), f];
}

const placeIds = (data: ParsedGeodata) => new Set((data.layers.places ?? []).map((f) => f.id));

/** Ids are unique across the thematic layers and the gazetteer, so any id names one thing. */
export const uniqueIds: Rule = {
  name: 'unique ids',
  check(data, report) {
    const owner = new Map<string, string>();
    for (const layerId of ['places', ...CITED] as const satisfies LayerId[]) {
      for (const f of data.layers[layerId] ?? []) {
        const prev = owner.get(f.id);
        if (prev) report(fileOf(layerId), f.id, 'properties.id', `duplicate id "${f.id}" (also in ${prev})`);
        else owner.set(f.id, fileOf(layerId));
      }
    }
  },
};

/** Every cited source id is in sources.json: features, port roles and policies. */
export const knownSources: Rule = {
  name: 'known sources',
  check(data, report) {
    const ids = new Set(data.sources.map((s) => s.id));
    const check = (file: string, id: string, path: string, sources: readonly string[]) =>
      sources.forEach((s, i) => {
        if (!ids.has(s)) report(file, id, `${path}[${i}]`, `unknown source id "${s}" (not in sources.json)`);
      });
    for (const [file, f] of cited(data)) {
      check(file, f.id, 'properties.sources', f.properties.sources);
      if ('roles' in f.properties) f.properties.roles.forEach((role, i) => check(file, f.id, `properties.roles[${i}].sources`, role.sources));
    }
    for (const p of data.policies) check('policies.json', p.id, 'sources', p.sources);
  },
};

/** Evidence dates lie within what the cited sources attest, and an end names its source (time-checks.ts). */
export const evidenceDates: Rule = {
  name: 'evidence dates',
  check(data, report) {
    const sources = new Map(data.sources.map((s) => [s.id, s]));
    const check = (file: string, id: string, path: string, record: TimedRecord) => checkTimedFact(record, sources, path, (where, message) => report(file, id, where, message));
    for (const [file, f] of cited(data)) {
      const p = f.properties;
      // A port is infrastructure, not a dated fact: its roles carry the dates.
      if ('roles' in p) {
        if (p.observed || p.ended) check(file, f.id, 'properties.', p);
        p.roles.forEach((role, i) => check(file, f.id, `properties.roles[${i}].`, role));
      } else check(file, f.id, 'properties.', p);
    }
    // A policy is dated like a fact: its start may not come after its newest source, its end needs its own source.
    for (const p of data.policies) check('policies.json', p.id, '', { sources: p.sources, observed: { from: p.from, to: p.from }, ended: p.ended });
  },
};

/** Every place a feature names is in the gazetteer (route waypoints: see routeWaypoints). */
export const knownPlaces: Rule = {
  name: 'known places',
  check(data, report) {
    const places = placeIds(data);
    const check = (file: string, id: string, path: string, place: string | null | undefined) => {
      if (typeof place === 'string' && !places.has(place)) report(file, id, path, `unknown place "${place}" (not in base/places.geojson)`);
    };
    for (const f of data.layers.checkpoints ?? []) check(fileOf('checkpoints'), f.id, 'properties.nearPlace', f.properties.nearPlace);
    for (const f of data.layers.ports ?? []) check(fileOf('ports'), f.id, 'properties.mxPlace', f.properties.mxPlace);
    for (const f of data.layers['expulsion-flights'] ?? []) {
      check(fileOf('expulsion-flights'), f.id, 'properties.from', f.properties.from);
      check(fileOf('expulsion-flights'), f.id, 'properties.to', f.properties.to);
    }
  },
};

/** A route's waypoints are gazetteer places within WAYPOINT_TOLERANCE_KM of its line, in travel order. */
export const routeWaypoints: Rule = {
  name: 'route waypoints',
  check(data, report) {
    const file = fileOf('routes');
    const places = new Map((data.layers.places ?? []).map((f) => [f.id, f.geometry]));
    for (const f of data.layers.routes ?? []) {
      let previous: { place: string; alongKm: number } | undefined;
      f.properties.waypoints.forEach((place, i) => {
        const path = `properties.waypoints[${i}]`;
        const point = places.get(place);
        if (!point) return report(file, f.id, path, `unknown place "${place}" (not in base/places.geojson)`);
        const fix = locateOnLine(f.geometry, point);
        if (fix.offsetKm > WAYPOINT_TOLERANCE_KM) {
          report(file, f.id, path, `waypoint "${place}" is ${fix.offsetKm.toFixed(1)} km from the route line (limit ${WAYPOINT_TOLERANCE_KM} km)`);
          return;
        }
        if (previous && fix.alongKm + 0.01 < previous.alongKm) {
          report(file, f.id, path, `waypoint "${place}" lies before "${previous.place}" along the line but is listed after it`);
        }
        previous = { place, alongKm: fix.alongKm };
      });
    }
  },
};

/** A position we inferred (segment precision) is never claimed at more than low confidence. */
export const inferredPositionsLow: Rule = {
  name: 'inferred positions are low confidence',
  check(data, report) {
    for (const f of data.layers.checkpoints ?? []) {
      if (f.properties.locationPrecision === 'segment' && f.properties.confidence !== 'low') {
        report(fileOf('checkpoints'), f.id, 'properties.confidence', 'an inferred (segment-precision) position must have confidence "low"');
      }
    }
  },
};

/** A "mixed" checkpoint names the agencies that staff it. */
export const mixedAgencies: Rule = {
  name: 'mixed checkpoints list their agencies',
  check(data, report) {
    for (const f of data.layers.checkpoints ?? []) {
      if (f.properties.agency === 'mixed' && (f.properties.agencies?.length ?? 0) < 2) {
        report(fileOf('checkpoints'), f.id, 'properties.agencies', 'a "mixed" checkpoint must list at least 2 agencies');
      }
    }
  },
};

/** A port's Mexican return position is a valid coordinate. */
export const portReturnPositions: Rule = {
  name: 'port return positions',
  check(data, report) {
    for (const f of data.layers.ports ?? []) {
      const side = f.properties.mxSide;
      if (!side) continue;
      for (const fault of checkGeometry({ type: 'Point', coordinates: side.position }, 'properties.mxSide.position')) {
        report(fileOf('ports'), f.id, fault.path.replace('.coordinates', ''), fault.message);
      }
    }
  },
};

/** A territory's extent fields match its units and what its sources place (extent-checks.ts). */
export const territoryExtents: Rule = {
  name: 'territory extents',
  check(data, report) {
    const codes = (data.layers.municipalities ?? []).map((f) => f.properties.cvegeo);
    for (const f of data.layers.territories ?? []) {
      for (const [path, message] of extentFaults(f.properties, codes)) report(fileOf('territories'), f.id, path, message);
    }
  },
};

/** State-actor areas list the agencies their sources name; criminal areas list none. */
export const territoryActors: Rule = {
  name: 'territory actors',
  check(data, report) {
    for (const f of data.layers.territories ?? []) {
      const { actor, agencies } = f.properties;
      if (actor === 'state' && !agencies) {
        report(fileOf('territories'), f.id, 'properties.agencies', 'a state-actor area must list the agencies its sources name ("unknown" when they name none)');
      }
      if (actor === 'criminal' && agencies) {
        report(fileOf('territories'), f.id, 'properties.agencies', 'only a state-actor area (actor "state") lists agencies; a criminal group\'s collusion with officials is the activity "official-collusion"');
      }
    }
  },
};

/** Every unit a territory is built from exists (municipality, state, place). */
export const territoryUnits: Rule = {
  name: 'territory units',
  check(data, report) {
    const lookup = unitLookup(data.layers);
    for (const f of data.layers.territories ?? []) {
      for (const [path, message] of unknownUnits(f.properties.units, lookup)) report(fileOf('territories'), f.id, path, message);
    }
  },
};

/** Every rule `gauntlet validate` runs, in order. */
export const RULES: readonly Rule[] = [
  uniqueIds,
  knownSources,
  evidenceDates,
  knownPlaces,
  routeWaypoints,
  inferredPositionsLow,
  mixedAgencies,
  portReturnPositions,
  territoryExtents,
  territoryActors,
  territoryUnits,
];

/** Runs every rule over the parsed geodata. */
export function checkRules(data: ParsedGeodata, report: Report, rules: readonly Rule[] = RULES): void {
  for (const rule of rules) rule.check(data, report);
}
