import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { TimeRule } from '../layers/time/index.js';
import { dayNumber } from './properties.js';

// Style filters that keep, in tiles holding every fact, the facts a time rule keeps: the same test as
// layers/time `holds` (first evidence on or before the last day asked, documented end on or after the first day),
// on the yyyymmdd fields of tiles/properties.ts. The served style applies `latest`; the viewer passes its own rule.

type Expr = ExpressionSpecification;

/** The days a rule covers as yyyymmdd integers, or null for `all`. */
export function ruleDays(rule: TimeRule): { from: number; to: number } | null {
  return rule.kind === 'all' ? null : { from: dayNumber(rule.from), to: dayNumber(rule.to) };
}

/**
 * A filter for the dated layers (routes, checkpoints, territories, expulsion flights): true for the features that
 * hold at some time in the rule. `all` gives a filter that keeps everything. Accepts a TimeRule or its day span.
 */
export function timeFilter(rule: TimeRule | { from: number; to: number } | null): Expr {
  const days = rule && 'kind' in rule ? ruleDays(rule) : rule;
  if (!days) return ['literal', true] as unknown as Expr;
  return [
    'all',
    ['<=', ['coalesce', ['get', 'observedFrom'], 0], days.to],
    ['>=', ['coalesce', ['get', 'endedOn'], 99991231], days.from],
  ] as unknown as Expr;
}

/** The most roles a port carries in tiles (role0 … role{N-1}); tiles/properties.ts writes at most this many. */
export const MAX_PORT_ROLES = 8;

/** True when the port has a role `role` that holds under the rule (per-role fields role{i}, role{i}From, role{i}To). */
export function portRoleHolds(role: string, rule: TimeRule | { from: number; to: number } | null): Expr {
  const days = rule && 'kind' in rule ? ruleDays(rule) : rule;
  const one = (i: number): Expr =>
    [
      'all',
      ['==', ['get', `role${i}`], role],
      ...(days
        ? [
            ['<=', ['coalesce', ['get', `role${i}From`], 0], days.to],
            ['>=', ['coalesce', ['get', `role${i}To`], 99991231], days.from],
          ]
        : []),
    ] as unknown as Expr;
  return ['any', ...Array.from({ length: MAX_PORT_ROLES }, (_, i) => one(i))] as unknown as Expr;
}
