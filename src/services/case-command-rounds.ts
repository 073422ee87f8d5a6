// Owns running the commands made on one case in this process in rounds. One read of the committed case
// per round decides every command waiting for it: those it refuses are answered at once, and at most one
// at a time goes on to save (on condition that the case is still at the version read). The commands after
// a save are decided on the case it committed, without reading it again. A crowd clicking Claim on one card
// so costs one read and one save, not a transaction and a row-lock wait each.
// Replicas do not share rounds; the conditional save keeps them to one winner between them.
import type { Case } from '../domain/case.js';

/** A save that won: the command's answer, and the case as it committed it. */
export interface Saved<R> {
  readonly answer: R;
  readonly committed: Case;
}

/** A save that lost to another writer (another replica): the case as that writer left it (null: there is none). */
export interface LostRace {
  readonly lostTo: Case | null;
}

/** What a command decided on the case as read: its answer now, or a change to save. */
export type Planned<R> = { readonly answer: R } | { readonly save: () => Promise<Saved<R> | LostRace> };

export interface CaseJob<R> {
  /** Decides on the committed case (null: there is none). */
  plan(current: Case | null): Promise<Planned<R>>;
  /** The answer after losing every attempt to save to another replica. */
  gaveUp(): R;
}

export interface CaseCommandRounds {
  run<R>(caseId: string, job: CaseJob<R>): Promise<R>;
}

interface Entry {
  readonly job: CaseJob<unknown>;
  lostRaces: number;
  readonly resolve: (answer: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export function createCaseCommandRounds(read: (caseId: string) => Promise<Case | null>, maxAttempts = 3): CaseCommandRounds {
  const queues = new Map<string, Entry[]>();

  async function drain(caseId: string, queue: Entry[]): Promise<void> {
    while (queue.length) await round(caseId, queue);
    queues.delete(caseId);
  }

  /**
   * Everything waiting now joins this round's read, which starts after each of them arrived: a refusal is the
   * answer the command would have had at that instant. Those it cannot answer go back to the queue, in order.
   */
  async function round(caseId: string, queue: Entry[]): Promise<void> {
    const waiting = queue.splice(0);
    let current: Case | null;
    try {
      current = await read(caseId);
    } catch (e) {
      for (const entry of waiting) entry.reject(e);
      return;
    }
    while (waiting.length) {
      const entry = waiting.shift()!;
      let planned: Planned<unknown>;
      try {
        planned = await entry.job.plan(current);
      } catch (e) {
        entry.reject(e);
        continue;
      }
      if ('answer' in planned) {
        entry.resolve(planned.answer);
        continue;
      }
      // Those that arrived before this save began are decided on the case it commits: at some instant between
      // their arrival and their answer it was the committed case. What arrives during the save waits for a read.
      waiting.push(...queue.splice(0));
      const after = await save(entry, planned.save);
      if (after === 'failed') {
        queue.unshift(...waiting);
        return;
      }
      // A save that lost is decided again, first, on the case that beat it, as those after it are.
      if (after.again) waiting.unshift(entry);
      current = after.current;
    }
  }

  /**
   * The case committed when the entry's save ended, its own or another writer's, and whether the entry is to be
   * decided again on it (it lost, with attempts left); 'failed' when the save threw and nothing is known.
   */
  async function save(entry: Entry, work: () => Promise<Saved<unknown> | LostRace>): Promise<{ current: Case | null; again: boolean } | 'failed'> {
    try {
      const result = await work();
      if ('committed' in result) {
        entry.resolve(result.answer);
        return { current: result.committed, again: false };
      }
      entry.lostRaces += 1;
      if (entry.lostRaces < maxAttempts) return { current: result.lostTo, again: true };
      entry.resolve(entry.job.gaveUp());
      return { current: result.lostTo, again: false };
    } catch (e) {
      entry.reject(e);
      return 'failed';
    }
  }

  return {
    run<R>(caseId: string, job: CaseJob<R>): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        const entry: Entry = { job, lostRaces: 0, resolve: resolve as (a: unknown) => void, reject };
        const queue = queues.get(caseId);
        if (queue) return void queue.push(entry);
        const fresh = [entry];
        queues.set(caseId, fresh);
        void drain(caseId, fresh);
      });
    },
  };
}
