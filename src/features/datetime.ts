import { isCalendarDate } from '../layers/dates.js';

// OGC API - Features `datetime` (OGC 17-069r4, 7.15.4): an instant or an interval with open ends "..".
// Gauntlet's facts are dated to the day at best, so times are cut to their UTC calendar day.

/** A day (YYYY-MM-DD) or an interval of days; an absent end is open. */
export type TimeQuery =
  | { kind: 'instant'; date: string }
  | { kind: 'interval'; start?: string | undefined; end?: string | undefined };

export class DatetimeError extends Error {}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/** A RFC 3339 date or date-time, as the UTC day it falls on. */
function dayOf(value: string): string {
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDate(m[1]!)) {
    throw new DatetimeError(`"${value}" is not a RFC 3339 date (2021-03-15) or date-time (2021-03-15T12:00:00Z)`);
  }
  if (!m[2]) return m[1]!;
  const t = new Date(value.toUpperCase());
  if (Number.isNaN(t.getTime())) throw new DatetimeError(`"${value}" is not a valid date-time`);
  return t.toISOString().slice(0, 10);
}

/** Parses `datetime=2021-03-15`, `2020-01-01/2021-12-31`, `../2021-12-31`, `2021-01-01/..` (an empty end is open too). */
export function parseDatetime(value: string): TimeQuery {
  const parts = value.split('/');
  if (parts.length === 1) {
    if (value === '..' || value === '') throw new DatetimeError('an instant must be a date or date-time, not ".."');
    return { kind: 'instant', date: dayOf(value) };
  }
  if (parts.length !== 2) throw new DatetimeError(`"${value}" has more than one "/": expected start/end`);
  const [a, b] = parts.map((p) => (p === '..' || p === '' ? undefined : dayOf(p)));
  if (a === undefined && b === undefined) throw new DatetimeError('an interval needs at least one bounded end ("../.." is not allowed)');
  if (a !== undefined && b !== undefined && a > b) throw new DatetimeError(`interval start ${a} is after its end ${b}`);
  return { kind: 'interval', start: a, end: b };
}
