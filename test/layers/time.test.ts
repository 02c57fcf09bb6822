import { describe, expect, it } from 'vitest';
import {
  addMonths,
  coverageOf,
  coverageWarnings,
  holds,
  isStale,
  isTimeRuleSyntax,
  parseTimeRule,
  TimeRuleError,
  type PolicyPeriod,
  type TimedFact,
} from '../../src/layers/time/index.js';

// Every rule of the one time filter, pinned on hand-written facts at year, month and day precision. The expected
// answers are worked out by hand from the definitions in the README (a year or month means the whole period).

const TODAY = '2026-12-01';
const policies = new Map<string, PolicyPeriod>([
  ['mpp', { id: 'mpp', from: '2019-01-29', to: '2021-06' }],
  ['title8', { id: 'title8', from: '2023-05-12' }],
]);
const rule = (s?: string) => parseTimeRule(s, { today: TODAY, policies });

const byYear: TimedFact = { observed: { from: '2019', to: '2021' } }; // not ended: still believed to hold
const byMonth: TimedFact = { observed: { from: '2019-07', to: '2021-03' }, ended: { date: '2021-06', source: 's' } };
const byDay: TimedFact = { observed: { from: '2023-01-12', to: '2023-06-30' }, ended: { date: '2025-01-20', source: 's' } };
const noStart: TimedFact = { observed: { to: '2023-09' }, ended: { date: '2023-10', source: 's' } };

describe('parsing as_of', () => {
  it('defaults to latest, which is today', () => {
    expect(rule()).toEqual({ kind: 'latest', asOf: 'latest', from: TODAY, to: TODAY });
    expect(rule('latest')).toEqual(rule(undefined));
  });

  it('reads a year, a month and a day as the whole period they name', () => {
    expect(rule('2019')).toMatchObject({ kind: 'period', from: '2019-01-01', to: '2019-12-31', precision: 'year' });
    expect(rule('2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29', precision: 'month' });
    expect(rule('2020-06-01')).toMatchObject({ from: '2020-06-01', to: '2020-06-01', precision: 'day' });
  });

  it('reads a period FROM..TO at any precision, open at either end', () => {
    expect(rule('2019..2021-06')).toMatchObject({ from: '2019-01-01', to: '2021-06-30', precision: 'range' });
    expect(rule('2023-05-12..')).toMatchObject({ from: '2023-05-12', to: TODAY });
    expect(rule('..2019-03')).toMatchObject({ from: '0000-01-01', to: '2019-03-31' });
  });

  it('resolves named policy periods, open ones ending today', () => {
    expect(rule('mpp')).toMatchObject({ kind: 'period', policy: 'mpp', from: '2019-01-29', to: '2021-06-30' });
    expect(rule('title8')).toMatchObject({ policy: 'title8', from: '2023-05-12', to: TODAY });
  });

  it('rejects what it cannot read, saying why', () => {
    expect(() => rule('2021..2019')).toThrow(/ends \(2019-12-31\) before it begins \(2021-01-01\)/);
    expect(() => rule('title99')).toThrow(TimeRuleError);
    expect(() => rule('title99')).toThrow(/^unknown policy "title99": as_of must be .*; known policies: mpp, title8$/);
    expect(() => rule('2023-02-30')).toThrow(TimeRuleError);
    expect(() => rule('..')).toThrow(TimeRuleError);
    for (const bad of ['2023-02-30', '2023-13', '21', '2019...2020', 'Title42', '..', '2019..2020..2021']) expect(isTimeRuleSyntax(bad), bad).toBe(false);
    for (const good of ['latest', 'all', '2019', '2019-07', '2019-07-04', '2019..2020', '2019..', '..2020-01', 'title42']) expect(isTimeRuleSyntax(good), good).toBe(true);
  });
});

describe('whether a fact holds', () => {
  it('latest: every fact not ended, however old its evidence', () => {
    expect(holds(byYear, rule())).toBe(true);
    expect(holds(byMonth, rule())).toBe(false);
    expect(holds(byDay, rule())).toBe(false); // ended 2025-01-20
    expect(holds({ observed: { to: '2020' }, ended: { date: '2027', source: 's' } }, rule())).toBe(true); // ends later
  });

  it('a day: after the first evidence, and through the last day of a documented end', () => {
    expect(holds(byYear, rule('2018-12-31'))).toBe(false);
    expect(holds(byYear, rule('2019-01-01'))).toBe(true);
    expect(holds(byYear, rule('2030-01-01'))).toBe(true); // no end: believed to hold
    expect(holds(byMonth, rule('2019-06-30'))).toBe(false);
    expect(holds(byMonth, rule('2019-07-01'))).toBe(true);
    expect(holds(byMonth, rule('2021-06-30'))).toBe(true); // ended "2021-06": holds all of June
    expect(holds(byMonth, rule('2021-07-01'))).toBe(false);
    expect(holds(byDay, rule('2023-01-11'))).toBe(false);
    expect(holds(byDay, rule('2025-01-20'))).toBe(true);
    expect(holds(byDay, rule('2025-01-21'))).toBe(false);
    expect(holds(noStart, rule('1990-01-01'))).toBe(true); // no start given: holds before its last evidence
    expect(holds(noStart, rule('2023-11-01'))).toBe(false);
  });

  it('a year, a month or a period: held at any time in it', () => {
    expect(holds(byMonth, rule('2019'))).toBe(true); // from July
    expect(holds(byMonth, rule('2021'))).toBe(true); // to June
    expect(holds(byMonth, rule('2022'))).toBe(false);
    expect(holds(byMonth, rule('2019-06'))).toBe(false);
    expect(holds(byMonth, rule('2019-07'))).toBe(true);
    expect(holds(byDay, rule('2023-01'))).toBe(true);
    expect(holds(byDay, rule('2022-12'))).toBe(false);
    expect(holds(byDay, rule('2021..2022'))).toBe(false);
    expect(holds(byDay, rule('2021..2023-01-12'))).toBe(true);
    expect(holds(byMonth, rule('mpp'))).toBe(true);
    expect(holds(byDay, rule('mpp'))).toBe(false);
    expect(holds(byDay, rule('title8'))).toBe(true);
  });

  it('all: every fact', () => {
    for (const f of [byYear, byMonth, byDay, noStart]) expect(holds(f, rule('all'))).toBe(true);
  });
});

describe('stale', () => {
  it('adds months at the end of a month correctly', () => {
    expect(addMonths('2021-03-31', 12)).toBe('2022-03-31');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
  });

  it('flags a fact whose last evidence is more than staleAfterMonths before the day asked (today at most)', () => {
    // byYear last seen 2021-12-31.
    expect(isStale(byYear, rule(), TODAY)).toBe(true);
    expect(isStale(byYear, rule('2022-12-31'), TODAY)).toBe(false); // exactly 12 months
    expect(isStale(byYear, rule('2023-01-01'), TODAY)).toBe(true);
    expect(isStale(byYear, rule('2022'), TODAY)).toBe(false); // reference = the year's last day
    expect(isStale(byYear, rule('2023-01-01'), TODAY, 24)).toBe(false); // configurable
    expect(isStale(byYear, rule('2020'), TODAY)).toBe(false); // evidence after the day asked
    expect(isStale(byYear, rule('2030'), TODAY)).toBe(true); // never judged after today
    expect(isStale(byYear, rule('2030'), TODAY, 100)).toBe(false);
  });

  it('an ended fact is judged at its end, not after it', () => {
    // byMonth: last evidence 2021-03-31, ended 2021-06-30: 3 months, not stale whatever the day asked.
    expect(isStale(byMonth, rule('all'), TODAY)).toBe(false);
    expect(isStale(byMonth, rule('2021-06-15'), TODAY, 2)).toBe(true);
  });

  it('a fact with no dated evidence at all is stale', () => {
    expect(isStale({}, rule(), TODAY)).toBe(true);
  });
});

describe('coverage', () => {
  it('is the earliest and latest evidence over the facts, at their first and last day', () => {
    expect(coverageOf([byYear, byMonth, byDay, noStart, {}])).toEqual({ earliest: '2019-01-01', latest: '2023-09-30' });
    expect(coverageOf([{}])).toBeNull();
  });

  it('warns when the rule asks beyond it, and not inside it', () => {
    const c = { earliest: '2019-01-01', latest: '2025-01-20' };
    expect(coverageWarnings(rule(), c)).toEqual([expect.stringMatching(/^today lies after the latest evidence \(2025-01-20\)/)]);
    expect(coverageWarnings(rule('2026'), c)).toEqual([expect.stringMatching(/^"2026" lies after the latest evidence/)]);
    expect(coverageWarnings(rule('2018'), c)).toEqual([expect.stringMatching(/^"2018" begins before the earliest evidence \(2019-01-01\)/)]);
    expect(coverageWarnings(rule('2021-06'), c)).toEqual([]);
    expect(coverageWarnings(rule('all'), c)).toEqual([]);
  });
});
