import { periodEnd, periodStart } from '../dates.js';
import type { TimedFact } from './fact.js';
import type { TimeRule } from './rule.js';

/** The earliest and latest evidence over a set of facts (first and last day), or null when none is dated. */
export interface Coverage {
  earliest: string;
  latest: string;
}

export function coverageOf(facts: Iterable<TimedFact>): Coverage | null {
  let earliest: string | undefined;
  let latest: string | undefined;
  for (const f of facts) {
    if (!f.observed) continue;
    const a = periodStart(f.observed.from ?? f.observed.to);
    const b = periodEnd(f.observed.to);
    if (!earliest || a < earliest) earliest = a;
    if (!latest || b > latest) latest = b;
  }
  return earliest && latest ? { earliest, latest } : null;
}

/** Warnings when the rule asks for days the evidence does not reach. */
export function coverageWarnings(rule: TimeRule, coverage: Coverage | null): string[] {
  if (!coverage || rule.kind === 'all') return [];
  const out: string[] = [];
  if (rule.to > coverage.latest) {
    out.push(
      `${rule.kind === 'latest' ? 'today' : `"${rule.asOf}"`} lies after the latest evidence (${coverage.latest}): facts with no documented end are shown as last known, not confirmed since`,
    );
  }
  if (rule.from < coverage.earliest) {
    out.push(`"${rule.asOf}" begins before the earliest evidence (${coverage.earliest}): nothing is known before that date`);
  }
  return out;
}
