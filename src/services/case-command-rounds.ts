// Owns running the commands made on one case in this process in rounds. One read of the committed case
// per round decides every command waiting for it: those it refuses are answered at once, and at most one
// goes on to save (on condition that the case is still at the version read). A crowd clicking Claim on
// one card so costs two reads and one transaction, not a transaction and a row-lock wait each.
// Replicas do not share rounds; the conditional save keeps them to one winner between them.
import type { Case } from '../domain/case.js';

/** What a command decided on the case as read: its answer now, or a change to save. */
export type Planned<R> = { readonly answer: R } | { readonly save: () => Promise<R | 'lost_race'> };

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
    while (queue.length) {
      // Everything waiting now joins this round's read, which starts after each of them arrived: a
      // refusal is the answer the command would have had at that instant.
      const waiting = queue.splice(0);
      queue.unshift(...(await round(caseId, waiting)));
    }
    queues.delete(caseId);
  }

  /** Answers what it can; returns the entries for the next round, in their order. */
  async function round(caseId: string, waiting: readonly Entry[]): Promise<Entry[]> {
    let current: Case | null;
    try {
      current = await read(caseId);
    } catch (e) {
      for (const entry of waiting) entry.reject(e);
      return [];
    }
    for (const [i, entry] of waiting.entries()) {
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
      // The one change of this round; the commands after it are decided again on what it leaves.
      const again = await save(entry, planned.save);
      return [...(again ? [entry] : []), ...waiting.slice(i + 1)];
    }
    return [];
  }

  /** True when another replica saved first and the entry is to be decided again. */
  async function save(entry: Entry, work: () => Promise<unknown>): Promise<boolean> {
    try {
      const result = await work();
      if (result !== 'lost_race') {
        entry.resolve(result);
        return false;
      }
      entry.lostRaces += 1;
      if (entry.lostRaces < maxAttempts) return true;
      entry.resolve(entry.job.gaveUp());
    } catch (e) {
      entry.reject(e);
    }
    return false;
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
