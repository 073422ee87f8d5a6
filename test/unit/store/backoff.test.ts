// Retry delays: doubling from one second, capped at five minutes, jittered into [half, full].
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../src/store/backoff.js';

describe('backoffMs', () => {
  it('doubles per failure from one second', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, { random: () => 1 }))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits less than half the step', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, { random: () => 0 }))).toEqual([500, 1_000, 2_000]);
  });

  it('stops growing at five minutes', () => {
    expect(backoffMs(30, { random: () => 1 })).toBe(300_000);
    expect(backoffMs(1_000, { random: () => 1 })).toBe(300_000);
  });
});
