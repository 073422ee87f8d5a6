// Which time a case counts from: the resident's post, bounded by sense.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { resolvePostTime } from '../../../src/policy/post-time.js';

const policy = await loadPolicy(null);
const arrival = new Date('2026-12-07T09:05:00Z');

describe('the time a case counts from', () => {
  it('is the posting time, and a post that reached the desk hours later is marked late', () => {
    expect(resolvePostTime(policy, '2026-12-06T22:10:00Z', arrival)).toEqual({ countsFrom: new Date('2026-12-06T22:10:00Z'), adjusted: null, late: true });
  });

  it('is not late when it arrived within minutes', () => {
    expect(resolvePostTime(policy, '2026-12-07T09:01:00+00:00', arrival)).toEqual({ countsFrom: new Date('2026-12-07T09:01:00Z'), adjusted: null, late: false });
  });

  it('is the arrival when the network clock runs a little fast, never a time after it', () => {
    expect(resolvePostTime(policy, '2026-12-07T09:08:00Z', arrival)).toEqual({ countsFrom: arrival, adjusted: null, late: false });
  });

  it('is the arrival, noted, when the posting time is beyond the skew into the future', () => {
    expect(resolvePostTime(policy, '2026-12-07T11:05:00Z', arrival)).toEqual({ countsFrom: arrival, adjusted: 'in_the_future', late: false });
  });

  it('is the arrival, noted, when the posting time is absurdly old', () => {
    expect(resolvePostTime(policy, '2026-09-01T10:00:00Z', arrival)).toEqual({ countsFrom: arrival, adjusted: 'too_old', late: false });
  });
});
