import { describe, expect, it } from 'vitest';
import { isCalendarDate, isInverted, isValidOn, periodEnd, periodStart } from '../../src/layers/dates.js';

describe('partial dates', () => {
  it('expand to the first and last day they cover', () => {
    expect(periodStart('2019')).toBe('2019-01-01');
    expect(periodStart('2019-07')).toBe('2019-07-01');
    expect(periodEnd('2019')).toBe('2019-12-31');
    expect(periodEnd('2021-06')).toBe('2021-06-30');
    expect(periodEnd('2024-02')).toBe('2024-02-29'); // leap year
    expect(periodEnd('2100-02')).toBe('2100-02-28'); // century, not leap
    expect(periodEnd('2023-05-11')).toBe('2023-05-11');
  });

  it('a fact dated to a month holds for all of that month', () => {
    const mpp = { validFrom: '2019-01', validTo: '2021-06' };
    expect(isValidOn(mpp, '2019-01-01')).toBe(true);
    expect(isValidOn(mpp, '2021-06-30')).toBe(true);
    expect(isValidOn(mpp, '2021-07-01')).toBe(false);
    expect(isValidOn(mpp, '2018-12-31')).toBe(false);
    expect(isValidOn(mpp, 'all')).toBe(true);
    expect(isValidOn({}, '1900-01-01')).toBe(true);
  });

  it('an inverted period is detected at mixed precision', () => {
    expect(isInverted({ validFrom: '2021', validTo: '2021-06' })).toBe(false);
    expect(isInverted({ validFrom: '2021-07', validTo: '2021-06' })).toBe(true);
    expect(isInverted({ validFrom: '2022' })).toBe(false);
  });

  it('only real calendar dates are accepted for as_of', () => {
    expect(isCalendarDate('2023-02-28')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-1')).toBe(false);
  });
});
