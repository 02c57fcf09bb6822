import { bbox as turfBbox } from '@turf/bbox';
import Flatbush from 'flatbush';
import { LAYERS, type LayerDef, type LayerId } from './catalog.js';
import { periodEnd, periodStart, today as todayUtc } from './dates.js';
import type { Policy, Source } from './schema/index.js';
import {
  coverageOf,
  coverageWarnings,
  DEFAULT_STALE_AFTER_MONTHS,
  holds,
  isStale,
  parseTimeRule,
  type Coverage,
  type PolicyPeriod,
  type TimedFact,
  type TimeRule,
} from './time/index.js';
import type { BuiltLayers, LayerFeature } from './features.js';

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** One layer's features, typed from its schema, with an R-tree (flatbush) over their bounding boxes. */
export class Layer<K extends LayerId = LayerId> {
  readonly byId: ReadonlyMap<string, LayerFeature<K>>;
  readonly bboxes: readonly BBox[];
  readonly bboxById: ReadonlyMap<string, BBox>;
  private readonly index: Flatbush | undefined;

  constructor(
    readonly def: LayerDef,
    readonly features: readonly LayerFeature<K>[],
  ) {
    this.byId = new Map(features.map((f) => [f.id, f]));
    this.bboxes = features.map((f) => (f.geometry ? (turfBbox(f) as BBox) : ([0, 0, 0, 0] as BBox)));
    this.bboxById = new Map(features.map((f, i) => [f.id, this.bboxes[i]!]));
    if (features.length > 0) {
      this.index = new Flatbush(features.length);
      for (const b of this.bboxes) this.index.add(b[0], b[1], b[2], b[3]);
      this.index.finish();
    }
  }

  /** Features whose bounding box intersects `bbox`, in file order. */
  search(bbox: BBox): LayerFeature<K>[] {
    if (!this.index) return [];
    return this.index
      .search(bbox[0], bbox[1], bbox[2], bbox[3])
      .sort((a, b) => a - b)
      .map((i) => this.features[i]!);
  }
}

export interface Query {
  /** `as_of` as the user wrote it (default `latest`), or a rule parsed by `LayerSet.timeRule`. */
  asOf?: string | TimeRule | undefined;
  bbox?: BBox | undefined;
  staleAfterMonths?: number | undefined; // default 12
}

/** The time part of every answer: which rule was applied, and how far the evidence reaches. */
export interface TimeAnswer {
  asOf: string; // as asked: latest, all, 2019, 2021-06, 2020-06-01, 2019..2021, title42
  rule: TimeRule['kind'];
  from: string | null; // first and last day the rule covers (null for `all`)
  to: string | null;
  policy: string | null;
  staleAfterMonths: number;
  coverage: Coverage | null; // earliest and latest evidence over all dated facts
  policies: PolicyInForce[]; // the policies in force at some time the rule covers
  warnings: string[];
}

/** A policy as answers name it: "on this date: Title 8". */
export interface PolicyInForce {
  id: string;
  name: string;
  from: string; // first day, YYYY-MM-DD
  to: string | null; // last day, or null while in force
}

/** Layers whose features are dated facts; ports are infrastructure whose roles are the dated facts. */
type DatedLayerId = 'routes' | 'checkpoints' | 'territories' | 'expulsion-flights';
const DATED_FEATURES = new Set<LayerId>(['routes', 'checkpoints', 'territories', 'expulsion-flights'] satisfies DatedLayerId[]);

export interface LayerSetOptions {
  policies?: readonly Policy[] | undefined;
  today?: (() => string) | undefined; // YYYY-MM-DD, UTC; injectable for tests
}

/** Every layer in memory, validated and indexed: what exposure, tiles and images read. */
export class LayerSet {
  readonly layers: ReadonlyMap<LayerId, Layer>;
  private readonly byLayer: { [K in LayerId]: Layer<K> };
  readonly sources: ReadonlyMap<string, Source>;

  readonly policies: ReadonlyMap<string, PolicyPeriod>;
  /** geodata/policies.json as validated, in file order. */
  readonly policyRecords: readonly Policy[];
  /** Earliest and latest evidence over every dated fact (features and port roles). */
  readonly coverage: Coverage | null;
  readonly today: () => string;

  constructor(
    layers: BuiltLayers,
    sources: Source[],
    readonly version: string, // content hash of the geodata: changes whenever any file does
    options: LayerSetOptions = {},
  ) {
    this.byLayer = Object.fromEntries(LAYERS.map((def) => [def.id, new Layer(def, layers[def.id] ?? [])])) as { [K in LayerId]: Layer<K> };
    this.layers = new Map(LAYERS.map((def) => [def.id, this.byLayer[def.id]]));
    this.sources = new Map(sources.map((s) => [s.id, s]));
    this.policyRecords = options.policies ?? [];
    this.policies = new Map(this.policyRecords.map((p) => [p.id, { id: p.id, from: p.from, to: p.ended?.date }]));
    this.today = options.today ?? todayUtc;
    this.coverage = coverageOf(this.datedFacts());
  }

  /** Every dated fact: the features of the dated layers and every port role. */
  *datedFacts(layerIds: readonly LayerId[] = [...DATED_FEATURES, 'ports']): Generator<TimedFact> {
    for (const id of layerIds) {
      if (id === 'ports') for (const f of this.layer('ports').features) yield* f.properties.roles;
      else if (isDated(id)) for (const f of this.layer(id).features) yield f.properties;
    }
  }

  /** Parses `as_of` against this geodata's policies; throws TimeRuleError on a bad value. */
  timeRule(asOf?: string | TimeRule): TimeRule {
    if (typeof asOf === 'object') return asOf;
    return parseTimeRule(asOf, { today: this.today(), policies: this.policies });
  }

  /** The policies in force at some time the rule covers (every policy for `all`). */
  policiesUnder(asOf?: string | TimeRule): PolicyInForce[] {
    const rule = this.timeRule(asOf);
    return this.policyRecords
      .filter((p) => holds({ observed: { from: p.from, to: p.from }, ended: p.ended && { date: p.ended.date, source: p.ended.source ?? '' } }, rule))
      .map((p) => ({ id: p.id, name: p.name, from: periodStart(p.from), to: p.ended ? periodEnd(p.ended.date) : null }));
  }

  /** What every answer says about time: the rule, the staleness threshold, the coverage and its warnings. */
  timeAnswer(asOf?: string | TimeRule, staleAfterMonths = DEFAULT_STALE_AFTER_MONTHS): TimeAnswer {
    const rule = this.timeRule(asOf);
    return {
      asOf: rule.asOf,
      rule: rule.kind,
      from: rule.kind === 'all' ? null : rule.from,
      to: rule.kind === 'all' ? null : rule.to,
      policy: rule.kind === 'period' ? (rule.policy ?? null) : null,
      staleAfterMonths,
      coverage: this.coverage,
      policies: this.policiesUnder(rule),
      warnings: coverageWarnings(rule, this.coverage),
    };
  }

  /** One layer, its features typed from the layer's schema. */
  layer<K extends LayerId>(id: K): Layer<K> {
    return this.byLayer[id];
  }

  /**
   * A layer's features that hold under the time rule (default `latest`) and (optionally) touch `bbox`. Dated
   * features, and port roles, carry `stale: true|false`. Ports stay whatever the date; only their roles come and go.
   */
  query<K extends LayerId>(id: K, q: Query = {}): LayerFeature<K>[] {
    const rule = this.timeRule(q.asOf);
    const today = this.today();
    const months = q.staleAfterMonths ?? DEFAULT_STALE_AFTER_MONTHS;
    const layer = this.layer(id);
    const candidates = q.bbox ? layer.search(q.bbox) : layer.features;
    if (!isDated(id) && id !== 'ports') return [...candidates];
    const out: LayerFeature<K>[] = [];
    for (const f of candidates) {
      const p: TimedFact & { id: string; roles?: readonly TimedFact[] } = f.properties;
      if (isDated(id)) {
        if (holds(p, rule)) out.push({ ...f, properties: { ...f.properties, stale: isStale(p, rule, today, months) } });
      } else {
        const roles = (p.roles ?? []).filter((r) => holds(r, rule)).map((r) => ({ ...r, stale: isStale(r, rule, today, months) }));
        out.push({ ...f, properties: { ...f.properties, roles } });
      }
    }
    return out;
  }
}

/** Whether a layer's features are themselves dated facts (routes, checkpoints, territories, flights). */
function isDated(id: LayerId): id is DatedLayerId {
  return DATED_FEATURES.has(id);
}
