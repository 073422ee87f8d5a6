// The zone clock remembers offsets per quarter hour: it must give luxon's answer at every instant, including the
// minutes around a change of offset, half-hour changes, and the odd historical offsets that change off the quarter hour.
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedOffsets, DAY_MS, MINUTE_MS, zoneClock } from '../../../src/policy/working-calendar-zone.js';

const dayByLuxon = (zone: IANAZone, ms: number) => Math.floor((ms + zone.offset(ms) * MINUTE_MS) / DAY_MS);

/**
 * The instants where `got` and `want` differ (as "ISO: got ≠ want"), compared in plain code: one expect per
 * instant made the forty-year sweep take a minute on a busy machine.
 */
function disagreements<T>(instantsMs: readonly number[], got: (ms: number) => T, want: (ms: number) => T): string[] {
  const wrong: string[] = [];
  for (const ms of instantsMs) {
    const [g, w] = [got(ms), want(ms)];
    if (g !== w) wrong.push(`${new Date(ms).toISOString()}: ${String(g)} ≠ ${String(w)}`);
  }
  return wrong;
}

/** Every `stepMs` from `from` for `spanMs`, asked in a shuffled order so the cache fills from all sides. */
function instants(from: number, spanMs: number, stepMs: number): number[] {
  const all = Array.from({ length: Math.floor(spanMs / stepMs) }, (_, i) => from + i * stepMs);
  let seed = 7;
  for (let i = all.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

const CHANGES = [
    ['Europe/London', Date.UTC(2026, 2, 29, 0, 0), 'clocks go forward at 01:00 UTC'],
    ['Europe/London', Date.UTC(2026, 9, 25, 0, 0), 'clocks go back at 01:00 UTC'],
    ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14, 0), 'a half-hour change'],
    ['Africa/Monrovia', Date.UTC(1972, 0, 7, 0, 0), '-0:44:30 to UTC, changed at 00:44:30 UTC'],
] as const;

describe('cachedOffsets', () => {
  it.each(CHANGES)('gives the offset in force at every second around a change in %s (%s: %s)', (timeZone, around) => {
    const zone = IANAZone.create(timeZone);
    const offsetAt = (ms: number) => zone.offset(ms) * MINUTE_MS;
    const cached = cachedOffsets(offsetAt);
    expect(disagreements(instants(around - 3_600_000, 2 * 3_600_000, 1_000), cached, offsetAt)).toEqual([]);
  });
});

describe('zoneClock.dayOf', () => {
  it.each([
    ['Europe/London', Date.UTC(2026, 2, 29, 0, 0), 'clocks go forward at 01:00 UTC'],
    ['Europe/London', Date.UTC(2026, 9, 25, 0, 0), 'clocks go back at 01:00 UTC'],
    ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14, 0), 'a half-hour change'],
    ['Africa/Monrovia', Date.UTC(1972, 0, 6, 22, 0), '-0:44:30 to UTC, off the quarter hour'],
  ])('agrees with luxon at every 7 seconds across %s (%s: %s)', (timeZone, around, _why) => {
    const zone = IANAZone.create(timeZone);
    const clock = zoneClock(timeZone);
    expect(disagreements(instants(around - 3 * 3_600_000, 6 * 3_600_000, 7_000), (ms) => clock.dayOf(ms), (ms) => dayByLuxon(zone, ms))).toEqual([]);
  });

  // Every day of forty years, each at a few times of day (a step just under four hours walks through the hours):
  // the minutes around a change are swept above, so this looks for a day the cache gets wrong, not a minute.
  it('agrees with luxon at instants spread over forty years', () => {
    const zone = IANAZone.create('Europe/London');
    const clock = zoneClock('Europe/London');
    expect(disagreements(instants(Date.UTC(1990, 0, 1), 40 * 365 * DAY_MS, 4 * 3_600_000 - 1), (ms) => clock.dayOf(ms), (ms) => dayByLuxon(zone, ms))).toEqual([]);
  });
});
