// Owns where a browser is in this replica's live feed: every case change the replica hears gets the next number
// of its own count, and the last few are kept so a browser that reconnects (EventSource sends the last id it
// read as Last-Event-ID) is given exactly what it missed. An event's seq cannot serve: transactions commit out
// of seq order, so "everything after seq n" would skip a lower seq committed later. Notifications reach a
// replica in commit order, which is the order this count follows.
//
// A cursor is '<run>-<n>': `run` is new each time the replica starts, so a cursor from another replica or
// from before a restart is never taken for one of ours; those, and cursors older than the kept changes or
// than a gap in hearing (the listening connection dropped), are answered "reload your data" instead.
import { randomBytes } from 'node:crypto';
import type { CaseChange } from './case-change.js';

export interface LoggedChange extends CaseChange {
  /** The cursor just after this change. */
  readonly id: string;
}

/** What a browser at a cursor is owed: the changes after it, or an instruction to read everything again. */
export type Replay = { readonly kind: 'changes'; readonly changes: readonly LoggedChange[] } | { readonly kind: 'reload' };

const DEFAULT_CAPACITY = 1_000;

export class LiveChangeLog {
  private readonly run: string;
  private readonly capacity: number;
  /** The last number given out (to a change or to a gap). */
  private last = 0;
  /** The lowest cursor number after which every change is still kept. */
  private floor = 0;
  private readonly kept: Array<{ n: number; change: LoggedChange }> = [];

  constructor(options: { capacity?: number; run?: string } = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.run = options.run ?? randomBytes(6).toString('hex');
  }

  /** The cursor of everything heard so far: a page read after taking it is owed only what comes later. */
  position(): string {
    return this.cursorOf(this.last);
  }

  record(change: CaseChange): LoggedChange {
    const n = ++this.last;
    const logged = { caseId: change.caseId, version: change.version, id: this.cursorOf(n) };
    this.kept.push({ n, change: logged });
    if (this.kept.length > this.capacity) this.floor = this.kept.shift()!.n;
    return logged;
  }

  /**
   * Changes may have gone unheard here (the listening connection was lost and is back): no cursor from before
   * can be completed. The gap takes a number of its own, so a cursor taken just before it differs from one
   * taken just after; the cursor returned is the first complete one.
   */
  markGap(): string {
    this.floor = ++this.last;
    this.kept.length = 0;
    return this.position();
  }

  /** What a browser that has seen everything up to `cursor` missed, or reload when that cannot be known. */
  since(cursor: string): Replay {
    const n = this.numberOf(cursor);
    if (n === null || n < this.floor || n > this.last) return { kind: 'reload' };
    return { kind: 'changes', changes: this.kept.filter((k) => k.n > n).map((k) => k.change) };
  }

  private cursorOf(n: number): string {
    return `${this.run}-${n}`;
  }

  private numberOf(cursor: string): number | null {
    const [run, n, ...rest] = cursor.split('-');
    if (run !== this.run || rest.length || !n || !/^\d{1,15}$/.test(n)) return null;
    return Number(n);
  }
}
