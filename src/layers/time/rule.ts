// A time rule says which facts an answer keeps. Every consumer (layers, exposure, tiles, images, CLI) parses the
// user's `as_of` here and asks `holds` (fact.ts) the same question, so they never disagree.
import { isCalendarDate, periodEnd, periodStart } from '../dates.js';

/** The policy periods `as_of` may name (from geodata/policies.json): the first and last day each applied. */
export interface PolicyPeriod {
  id: string;
  from: string; // YYYY, YYYY-MM or YYYY-MM-DD
  to?: string | undefined; // absent while it still applies
}

export type TimeRule =
  | { kind: 'latest'; asOf: 'latest'; from: string; to: string } // from = to = today
  | { kind: 'all'; asOf: 'all' }
  | {
      kind: 'period';
      asOf: string; // as the user wrote it: 2019, 2021-06, 2020-06-01, 2019..2021, title42
      from: string; // first day, YYYY-MM-DD
      to: string; // last day, YYYY-MM-DD
      precision: 'year' | 'month' | 'day' | 'range' | 'policy';
      policy?: string;
    };

export class TimeRuleError extends Error {}

const PARTIAL = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const SLUG = /^[a-z][a-z0-9-]*$/;

/** A partial date that names a real period (rejects 2023-02-30). */
export function isPartialDate(s: string): boolean {
  return PARTIAL.test(s) && (s.length < 10 || isCalendarDate(s));
}

/** The syntax `as_of` accepts, without resolving policy names (which are data). */
export function isTimeRuleSyntax(s: string): boolean {
  if (s === 'latest' || s === 'all') return true;
  if (isPartialDate(s)) return true;
  const range = s.split('..');
  if (range.length === 2) return range.every((p) => p === '' || isPartialDate(p)) && range.some((p) => p !== '');
  return SLUG.test(s);
}

export const TIME_RULE_SYNTAX =
  'must be "latest", "all", a year YYYY, a month YYYY-MM, a day YYYY-MM-DD, a period FROM..TO, or a policy name (GET /policies)';

export interface ParseContext {
  today: string; // YYYY-MM-DD
  policies?: ReadonlyMap<string, PolicyPeriod> | undefined;
}

/** Parses `as_of` (default `latest`); throws TimeRuleError saying what is wrong. */
export function parseTimeRule(text: string | undefined, ctx: ParseContext): TimeRule {
  const s = (text ?? 'latest').trim();
  if (s === 'latest') return { kind: 'latest', asOf: 'latest', from: ctx.today, to: ctx.today };
  if (s === 'all') return { kind: 'all', asOf: 'all' };
  if (isPartialDate(s)) {
    const precision = s.length === 4 ? 'year' : s.length === 7 ? 'month' : 'day';
    return { kind: 'period', asOf: s, from: periodStart(s), to: periodEnd(s), precision };
  }
  if (s.includes('..')) {
    const [a = '', b = ''] = s.split('..');
    if (s.split('..').length !== 2 || (a === '' && b === '') || (a && !isPartialDate(a)) || (b && !isPartialDate(b))) {
      throw new TimeRuleError(`"${s}": a period is FROM..TO with YYYY, YYYY-MM or YYYY-MM-DD on either side (one may be empty)`);
    }
    const from = a ? periodStart(a) : '0000-01-01';
    const to = b ? periodEnd(b) : ctx.today;
    if (from > to) throw new TimeRuleError(`"${s}": the period ends (${to}) before it begins (${from})`);
    return { kind: 'period', asOf: s, from, to, precision: 'range' };
  }
  if (SLUG.test(s)) {
    const p = ctx.policies?.get(s);
    if (!p) {
      const known = [...(ctx.policies?.keys() ?? [])].join(', ');
      throw new TimeRuleError(`unknown policy "${s}": as_of ${TIME_RULE_SYNTAX}${known ? `; known policies: ${known}` : ''}`);
    }
    return { kind: 'period', asOf: s, from: periodStart(p.from), to: p.to ? periodEnd(p.to) : ctx.today, precision: 'policy', policy: s };
  }
  throw new TimeRuleError(`"${s}" ${TIME_RULE_SYNTAX}`);
}

/** The days a rule covers, or null for `all`. */
export function ruleSpan(rule: TimeRule): { from: string; to: string } | null {
  return rule.kind === 'all' ? null : { from: rule.from, to: rule.to };
}

/** Human words for a rule, as legends and CSV print it. */
export function describeRule(rule: TimeRule): string {
  if (rule.kind === 'latest') return `latest known (as of ${rule.to})`;
  if (rule.kind === 'all') return 'all dates';
  if (rule.precision === 'day') return `as of ${rule.from}`;
  if (rule.precision === 'policy') return `${rule.policy} (${rule.from}..${rule.to})`;
  return `${rule.asOf} (${rule.from}..${rule.to})`;
}
