import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCalendarDate, periodEnd, periodStart, today } from '../../src/layers/dates.js';

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

  it('only real calendar dates are accepted for as_of', () => {
    expect(isCalendarDate('2023-02-28')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-1')).toBe(false);
  });
});

describe('today', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it('follows the clock across midnight UTC, forwards and back (it is formatted once a day)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-02-29T23:59:59.999Z'));
    expect(today()).toBe('2024-02-29');
    vi.setSystemTime(new Date('2024-03-01T00:00:00.000Z'));
    expect(today()).toBe('2024-03-01');
    vi.setSystemTime(new Date('1970-01-01T00:00:00.000Z'));
    expect(today()).toBe('1970-01-01');
    vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
    expect(today()).toBe('2026-12-01');
  });
});
