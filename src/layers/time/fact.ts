// When a fact holds. `observed` is when its sources attest it; `ended`, only where a source documents an end. A fact
// with no documented end is still believed to hold, last seen on `observed.to`.
import { periodEnd, periodStart } from '../dates.js';
import type { TimeRule } from './rule.js';

export interface Observed {
  from?: string | undefined; // first evidence; absent when the source gives no start ("long dominant")
  to: string; // last evidence
}
export interface Ended {
  date: string; // when it ended: the fact holds through the end of this period
  source?: string | undefined; // the source id that documents the end (gauntlet validate requires it)
}
export interface TimedFact {
  observed?: Observed | undefined;
  ended?: Ended | undefined;
}

export const DEFAULT_STALE_AFTER_MONTHS = 12;
export const MAX_STALE_AFTER_MONTHS = 600;

/** The first and last day a fact holds: unbounded where no evidence starts it or no source ends it. */
export function factSpan(f: TimedFact): { from: string; to: string } {
  return {
    from: f.observed?.from ? periodStart(f.observed.from) : '0000-01-01',
    to: f.ended ? periodEnd(f.ended.date) : '9999-12-31',
  };
}

/** Whether the fact holds at some time the rule covers (a day, a month, a year, a period, or ever for `all`). */
export function holds(f: TimedFact, rule: TimeRule): boolean {
  if (rule.kind === 'all' || !f.observed) return true;
  const span = factSpan(f);
  return span.from <= rule.to && span.to >= rule.from;
}

const added = new Map<string, string>(); // remembered: every route of a batch asks about the same facts

/** YYYY-MM-DD plus n months (clamped to the month's last day). */
export function addMonths(day: string, n: number): string {
  const key = `${day}+${n}`;
  let v = added.get(key);
  if (v === undefined) {
    if (added.size >= 4096) added.clear();
    v = computeAddMonths(day, n);
    added.set(key, v);
  }
  return v;
}

function computeAddMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = periodEnd(`${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}`);
  const dd = Math.min(d, Number(last.slice(8)));
  return `${last.slice(0, 8)}${String(dd).padStart(2, '0')}`;
}

/**
 * Stale: the last evidence is more than `staleAfterMonths` before the rule's reference day (the last day asked for,
 * never after today). An ended fact is never stale after its end: its end is documented.
 */
export function isStale(f: TimedFact, rule: TimeRule, today: string, staleAfterMonths = DEFAULT_STALE_AFTER_MONTHS): boolean {
  if (!f.observed) return true; // no dated evidence at all: nothing shows it still holds
  let reference = rule.kind === 'all' ? today : rule.to < today ? rule.to : today;
  if (f.ended && periodEnd(f.ended.date) < reference) reference = periodEnd(f.ended.date);
  return addMonths(periodEnd(f.observed.to), staleAfterMonths) < reference;
}

/** Whether a documented end lies on or before the day (so the fact no longer holds after it). */
export function endedBy(f: TimedFact, day: string): boolean {
  return Boolean(f.ended && periodEnd(f.ended.date) < day);
}
