// `gauntlet validate` rules for dated facts: evidence dates must lie within what the cited sources can attest, and
// an end must be documented by a source.
import { periodEnd, periodStart } from './dates.js';
import type { Source } from './schema/index.js';
import type { Observed } from './time/index.js';

export interface TimedRecord {
  sources: string[];
  observed?: Observed | undefined;
  ended?: { date: string; source?: string | undefined } | undefined;
}

type Report = (path: string, message: string) => void;

/** Datasets (they carry a licence) date the geometry, not the fact: they attest no evidence date. */
const isEvidence = (s: Source | undefined): s is Source & { date: string } => Boolean(s?.date && !s.licence);

/** Every date rule of one fact (a thematic feature's properties or a port role); `path` ends with "." or is "". */
export function checkTimedFact(record: TimedRecord, sources: ReadonlyMap<string, Source>, path: string, report: Report): void {
  const evidence = record.sources.map((id) => sources.get(id)).filter(isEvidence);
  const newest = evidence.reduce<(Source & { date: string }) | undefined>((a, s) => (!a || periodEnd(s.date) > periodEnd(a.date) ? s : a), undefined);
  const { observed, ended } = record;

  if (!observed && newest) {
    report(`${path}observed`, `a dated fact needs observed {from, to}: when its sources attest it (its newest cited source, "${newest.id}", is dated ${newest.date})`);
  }
  if (observed?.from && periodStart(observed.from) > periodEnd(observed.to)) {
    report(`${path}observed.from`, `observed.from ${observed.from} is after observed.to ${observed.to}`);
  }
  if (observed && newest && periodStart(observed.to) > periodEnd(newest.date)) {
    report(
      `${path}observed.to`,
      evidence.length === 1
        ? `observed.to ${observed.to} is after its only source "${newest.id}" was published (${newest.date}): a source cannot attest what came after it`
        : `observed.to ${observed.to} lies outside the dates of the cited sources: the newest, "${newest.id}", was published ${newest.date}`,
    );
  }
  if (!ended) return;
  if (!ended.source) {
    report(`${path}ended.source`, 'an ended fact must name the source that documents its end (ended.source); with no such source, leave ended out');
    return;
  }
  const endSource = sources.get(ended.source);
  if (!endSource) {
    report(`${path}ended.source`, `unknown source id "${ended.source}" (not in sources.json)`);
    return;
  }
  if (endSource.date && periodStart(ended.date) > periodEnd(endSource.date)) {
    report(`${path}ended.date`, `ended.date ${ended.date} is after its source "${endSource.id}" was published (${endSource.date})`);
  }
  if (observed?.from && periodEnd(ended.date) < periodStart(observed.from)) {
    report(`${path}ended.date`, `ended.date ${ended.date} is before the fact was first observed (${observed.from})`);
  }
}

/** The pre-2026 fields, which mixed "ended" with "last source": refuse them so nothing is silently dropped. */
export function checkLegacyDates(properties: unknown, path: string, report: Report): void {
  if (typeof properties !== 'object' || properties === null) return;
  for (const key of ['validFrom', 'validTo'] as const) {
    if (key in properties) {
      report(`${path}${key}`, `${key} is no longer read: write observed {from, to} (when the sources attest the fact) and, only where a source documents an end, ended {date, source}`);
    }
  }
}
