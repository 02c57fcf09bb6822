import type { LineString, MultiLineString } from 'geojson';
import type { LayerSet } from '../layers/layer-set.js';
import { coverageOf, type TimeRule } from '../layers/time/index.js';
import type { ExposureResult } from './result.js';

// An exposure over a period, slice by slice (a calendar year, or a policy period), so that passages of different
// years are never added into one figure: each row is the exposure under its own time rule.

export type TimelineBy = 'year' | 'policy';

/** Most rows one timeline may have: a year per row from 1990 to today is 37. */
export const MAX_TIMELINE_ROWS = 60;

export interface TimelineSlice {
  period: string; // "2019", or a policy id
  rule: TimeRule; // the slice, clipped to the period asked
}

const clip = (a: string, b: string, lo: string, hi: string): [string, string] => [a < lo ? lo : a, b > hi ? hi : b];

/** The slices of a rule: its years, or the policies in force during it, each clipped to the rule's days. */
export function timelineSlices(layers: LayerSet, rule: TimeRule, by: TimelineBy): TimelineSlice[] {
  const today = layers.today();
  const coverage = layers.coverage ?? coverageOf([]);
  const span = rule.kind === 'all' ? { from: coverage?.earliest ?? today, to: today } : { from: rule.from < '1900' ? (coverage?.earliest ?? rule.from) : rule.from, to: rule.to };
  const slice = (period: string, from: string, to: string, policy?: string): TimelineSlice => {
    const [a, b] = clip(from, to, span.from, span.to);
    return { period, rule: { kind: 'period', asOf: a === b ? a : `${a}..${b}`, from: a, to: b, precision: policy ? 'policy' : 'range', ...(policy ? { policy } : {}) } };
  };
  if (by === 'policy') {
    return layers.policiesUnder({ kind: 'period', asOf: `${span.from}..${span.to}`, from: span.from, to: span.to, precision: 'range' }).map((p) => slice(p.id, p.from, p.to ?? today, p.id));
  }
  const out: TimelineSlice[] = [];
  for (let y = Number(span.from.slice(0, 4)); y <= Number(span.to.slice(0, 4)); y++) out.push(slice(String(y), `${y}-01-01`, `${y}-12-31`));
  return out;
}

/** Whether a rule needs a timeline rather than one figure: asked for with `by`, or a period over several years. */
export function wantsTimeline(rule: TimeRule, by: TimelineBy | undefined): boolean {
  if (by) return true;
  return rule.kind === 'period' && (rule.precision === 'range' || rule.precision === 'policy') && rule.from.slice(0, 4) !== rule.to.slice(0, 4);
}

export type TimelineRow = NonNullable<ExposureResult['timeline']>[number];

/** One row of a timeline from the exposure computed under the slice's rule. */
export function timelineRow(s: TimelineSlice, r: ExposureResult): TimelineRow {
  return {
    period: s.period,
    asOf: s.rule.asOf,
    from: s.rule.kind === 'all' ? null : s.rule.from,
    to: s.rule.kind === 'all' ? null : s.rule.to,
    policies: r.time.policies.map((p) => p.id),
    groups: r.groups,
    ...(r.expulsion ? { lateral: r.expulsion.lateral } : {}),
    staleFacts: r.checkpoints.filter((c) => c.stale).length + r.territories.filter((t) => t.stale).length,
    summary: r.summary,
  };
}

export type { LineString, MultiLineString };
