// Sources date facts to the year, month or day; a fact dated "2021-06" holds for all of June 2021.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Remembers a function of a date string: exposure asks about the same few hundred dates for every route of a
 * batch. Bounded, since requests bring dates of their own.
 */
function remembered(fn: (date: string) => string): (date: string) => string {
  const known = new Map<string, string>();
  return (date) => {
    let v = known.get(date);
    if (v === undefined) {
      if (known.size >= 4096) known.clear();
      v = fn(date);
      known.set(date, v);
    }
    return v;
  };
}

/** The first day a partial date covers, as YYYY-MM-DD. */
export const periodStart = remembered((date) => {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
});

/** The last day a partial date covers, as YYYY-MM-DD. */
export const periodEnd = remembered((date) => {
  const [y, m, d] = date.split('-');
  if (d) return date;
  if (!m) return `${y}-12-31`;
  const year = Number(y);
  const month = Number(m);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!;
  return `${y}-${m}-${String(days).padStart(2, '0')}`;
});

const DAY_MS = 86_400_000;
let day = { text: '', from: -Infinity };

/** Today (UTC) as YYYY-MM-DD; formatted once a day, not once per query. */
export function today(): string {
  const now = Date.now();
  if (now < day.from || now >= day.from + DAY_MS) {
    const from = Math.floor(now / DAY_MS) * DAY_MS;
    day = { text: new Date(from).toISOString().slice(0, 10), from };
  }
  return day.text;
}

/** A real calendar date YYYY-MM-DD (rejects 2023-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
