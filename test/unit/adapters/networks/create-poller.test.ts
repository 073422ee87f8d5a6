// The poll loop: one run at a time, a rate limit pushes the next run back, stop waits for the run under way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPoller } from '../../../../src/adapters/networks/shared/create-poller.js';
import { RateLimitError } from '../../../../src/services/errors.js';

const log = { warn: vi.fn(), error: vi.fn() };
afterEach(() => void vi.useRealTimers());

describe('createPoller', () => {
  it('never runs two polls at once', async () => {
    let release = () => {};
    let runs = 0;
    const p = createPoller('t', 1000, () => new Promise<void>((r) => ((runs += 1), (release = r))), log);
    const a = p.runOnce();
    const b = p.runOnce();
    release();
    await Promise.all([a, b]);
    expect(runs).toBe(1);
  });

  it('waits out a rate limit before the next run, and logs other failures without stopping', async () => {
    vi.useFakeTimers();
    const results: Array<() => Promise<void>> = [
      () => Promise.reject(new RateLimitError(60_000)),
      () => Promise.reject(new Error('boom')),
      () => Promise.resolve(),
    ];
    let runs = 0;
    const p = createPoller('t', 1000, () => results[runs++]?.() ?? Promise.resolve(), log);
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(3);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ poller: 't' }), expect.stringMatching(/poll failed/));
    await p.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(3);
  });
});
