// Where a browser is in a replica's live feed: a reconnecting page is given every change it missed, or told to
// reload its data when the replica cannot know what that was; never a partial list.
import { describe, expect, it } from 'vitest';
import { LiveChangeLog } from '../../../src/web/live-change-log.js';

const change = (n: number) => ({ caseId: `MD-${n}`, version: 1 });
const ids = (replay: ReturnType<LiveChangeLog['since']>) => (replay.kind === 'changes' ? replay.changes.map((c) => c.caseId) : replay.kind);

describe('the live change log', () => {
  it('gives a cursor every change heard after it, in the order heard', () => {
    const log = new LiveChangeLog({ run: 'r1' });
    const start = log.position();
    const first = log.record(change(1));
    log.record(change(2));
    log.record(change(3));
    expect(ids(log.since(start))).toEqual(['MD-1', 'MD-2', 'MD-3']);
    expect(ids(log.since(first.id))).toEqual(['MD-2', 'MD-3']);
    expect(ids(log.since(log.position()))).toEqual([]);
  });

  it('tells a cursor from another replica or an earlier run to reload', () => {
    const log = new LiveChangeLog({ run: 'r1' });
    const other = new LiveChangeLog({ run: 'r2' });
    other.record(change(1));
    log.record(change(1));
    expect(log.since(other.position())).toEqual({ kind: 'reload' });
    expect(new LiveChangeLog().since(log.position())).toEqual({ kind: 'reload' });
  });

  it('tells a cursor older than the changes it keeps to reload, and one just within them what it missed', () => {
    const log = new LiveChangeLog({ run: 'r1', capacity: 3 });
    const start = log.position();
    const first = log.record(change(1));
    for (const n of [2, 3, 4]) log.record(change(n));
    expect(log.since(start)).toEqual({ kind: 'reload' });
    expect(ids(log.since(first.id))).toEqual(['MD-2', 'MD-3', 'MD-4']);
  });

  it('after changes went unheard, tells every earlier cursor to reload and serves the ones after', () => {
    const log = new LiveChangeLog({ run: 'r1' });
    log.record(change(1));
    const before = log.position();
    const after = log.markGap();
    expect(after).not.toBe(before);
    log.record(change(2));
    expect(log.since(before)).toEqual({ kind: 'reload' });
    expect(ids(log.since(after))).toEqual(['MD-2']);
  });

  it('tells anything that is not one of its cursors to reload', () => {
    const log = new LiveChangeLog({ run: 'r1' });
    log.record(change(1));
    for (const cursor of ['', 'r1', 'r1-', 'r1-x', 'r1-1-2', 'r1--1', 'r1-1.5', 'r1-2', 'r1-99999999999999999999']) expect(log.since(cursor)).toEqual({ kind: 'reload' });
  });
});
