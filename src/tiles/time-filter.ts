import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { MAX_PORT_ROLES } from '../layers/schema/index.js';
import type { TimeRule } from '../layers/time/index.js';
import { dayNumber } from './properties.js';

// Style filters that keep, in tiles holding every fact, the facts a time rule keeps: the same test as
// layers/time `holds` (first evidence on or before the last day asked, documented end on or after the first day),
// on the yyyymmdd fields of tiles/properties.ts. The served style applies `latest`; the viewer passes its own rule.

type Expr = ExpressionSpecification;

/** The days a rule covers as yyyymmdd integers, or null for `all`. */
function ruleDays(rule: TimeRule): { from: number; to: number } | null {
  return rule.kind === 'all' ? null : { from: dayNumber(rule.from), to: dayNumber(rule.to) };
}

/** `field` absent (an open end) or `op day`: QGIS 3.22's style converter reads `has`, and skips `coalesce`. */
const openBound = (field: string, op: '<=' | '>=', day: number): Expr => ['any', ['!', ['has', field]], [op, ['get', field], day]] as unknown as Expr;

/**
 * A filter for the dated layers (routes, checkpoints, territories, expulsion flights): true for the features that
 * hold at some time in the rule. `all` gives a filter that keeps everything. Accepts a TimeRule or its day span.
 */
export function timeFilter(rule: TimeRule | { from: number; to: number } | null): Expr {
  const days = rule && 'kind' in rule ? ruleDays(rule) : rule;
  if (!days) return ['literal', true] as unknown as Expr;
  return ['all', openBound('observedFrom', '<=', days.to), openBound('endedOn', '>=', days.from)] as unknown as Expr;
}

/**
 * True when the port has a role `role` that holds under the rule (per-role fields role{i}, role{i}From, role{i}To).
 */
export function portRoleHolds(role: string, rule: TimeRule | { from: number; to: number } | null): Expr {
  const days = rule && 'kind' in rule ? ruleDays(rule) : rule;
  const one = (i: number): Expr =>
    [
      'all',
      ['==', ['get', `role${i}`], role],
      ...(days ? [openBound(`role${i}From`, '<=', days.to), openBound(`role${i}To`, '>=', days.from)] : []),
    ] as unknown as Expr;
  return ['any', ...Array.from({ length: MAX_PORT_ROLES }, (_, i) => one(i))] as unknown as Expr;
}

/** Tile layers with the date fields; label points carry their territory's, so a label shows only with its area. */
const DATED_SOURCE_LAYERS = new Set(['routes', 'checkpoints', 'territories', 'territory-labels', 'expulsion-flights']);

/** The dated layers of a style filtered to what the rule keeps (ports are filtered per role where they are built). */
export function applyTimeRule(layers: LayerSpecification[], rule: TimeRule): LayerSpecification[] {
  const keep = timeFilter(rule);
  return layers.map((l) => {
    const sourceLayer = (l as { 'source-layer'?: string })['source-layer'];
    if (sourceLayer && DATED_SOURCE_LAYERS.has(sourceLayer)) {
      const filter = (l as { filter?: Expr }).filter;
      return { ...l, filter: filter ? (['all', filter, keep] as unknown as Expr) : keep } as LayerSpecification;
    }
    return l;
  });
}
