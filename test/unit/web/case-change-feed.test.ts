// The live feed: its payload ('<case id>:<version>', as the case repository NOTIFYs it) and its poll of the sealed log.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { parseChange, startCaseChangeFeed } from '../../../src/web/case-change-feed.js';

describe('a case change notification', () => {
  it('reads the case id and the version after the last colon', () => {
    expect(parseChange('MD-1001:3')).toEqual({ caseId: 'MD-1001', version: 3 });
    expect(parseChange('odd:id:12')).toEqual({ caseId: 'odd:id', version: 12 });
  });
  it('ignores anything else', () => {
    for (const p of ['', 'MD-1', ':3', 'MD-1:0', 'MD-1:x', 'MD-1:1.5']) expect(parseChange(p)).toBeNull();
  });
});

describe('the feed reading the sealed event log', () => {
  /** A database whose sealed-log reads fail while `down` is set; the rest answers as an empty log. */
  const flakyDb = () => {
    const state = { down: false, reads: 0 };
    const db = {
      listen: async () => async () => {},
      query: async (text: string) => {
        if (text.includes('FROM event_seq')) return { rows: [{ seq: '0' }] };
        state.reads++;
        if (state.down) throw new Error('connection refused');
        return { rows: [{ up_to: '0', case_id: null, version: null }] };
      },
    };
    return { db: db as unknown as Db, state };
  };
  const until = async (done: () => boolean) => { while (!done()) await new Promise((r) => setTimeout(r, 2)); };

  it('tells of an outage once, not every poll, and of the recovery', async () => {
    const { db, state } = flakyDb();
    const heard: string[] = [];
    state.down = true;
    const feed = await startCaseChangeFeed(db, undefined, { pollMs: 1, onPoll: { failed: (e) => heard.push(`failed: ${(e as Error).message}`), recovered: () => heard.push('recovered') } });
    await until(() => state.reads >= 5);
    state.down = false;
    const readsWhenUp = state.reads;
    await until(() => state.reads >= readsWhenUp + 3);
    await feed.stop();
    expect(heard).toEqual(['failed: connection refused', 'recovered']);
  });
});
