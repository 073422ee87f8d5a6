// Commands on one case take turns in rounds: one read answers every refusal, one change per round saves.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import { createCaseCommandRounds, type CaseJob, type LostRace } from '../../../src/services/case-command-rounds.js';

/** A case store of one record with a version, saved only at the version it was read at. */
function versionedCase() {
  let owner: string | null = null;
  let version = 1;
  const reads: number[] = [];
  const stored = () => ({ id: 'MD-1', version, owner: owner ? { personId: owner } : null }) as unknown as Case;
  return {
    reads,
    get owner() {
      return owner;
    },
    read: async (): Promise<Case> => {
      reads.push(version);
      return stored();
    },
    /** The case as saved, or, when it is no longer at version `at`, the case as it is. */
    saveAt(at: number, who: string): Case | LostRace {
      if (at !== version) return { lostTo: stored() };
      owner = who;
      version += 1;
      return stored();
    },
    /** Another replica saving between this process's read and its save. */
    bumpElsewhere() {
      version += 1;
    },
  };
}

const claim = (store: ReturnType<typeof versionedCase>, who: string): CaseJob<string> => ({
  async plan(current) {
    if (current?.owner) return { answer: `refused ${who}: held by ${current.owner.personId}` };
    return {
      save: async () => {
        const saved = store.saveAt(current!.version, who);
        return 'lostTo' in saved ? saved : { answer: `won ${who}`, committed: saved };
      },
    };
  },
  gaveUp: () => `gave up ${who}`,
});

describe('case command rounds', () => {
  it('lets one of a crowd win and refuses the rest on the case it saved, from one read', async () => {
    const store = versionedCase();
    const rounds = createCaseCommandRounds(store.read);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => rounds.run('MD-1', claim(store, `p${i}`))));
    expect(answers[0]).toBe('won p0');
    expect(answers.slice(1).every((a) => a.startsWith('refused') && a.endsWith('held by p0'))).toBe(true);
    expect(store.reads).toEqual([1]);
  });

  it('reads afresh for a command that arrived while a save was on its way: another replica may have saved since', async () => {
    const store = versionedCase();
    const rounds = createCaseCommandRounds(store.read);
    let late: Promise<string> | undefined;
    const first: CaseJob<string> = {
      plan: async (current) => ({
        save: async () => {
          late = rounds.run('MD-1', claim(store, 'late'));
          const saved = store.saveAt(current!.version, 'first');
          // Another replica releases and claims it after this save committed, before the late click is decided.
          store.bumpElsewhere();
          return 'lostTo' in saved ? saved : { answer: 'won first', committed: saved };
        },
      }),
      gaveUp: () => 'gave up',
    };
    expect(await Promise.all([rounds.run('MD-1', first), rounds.run('MD-1', claim(store, 'crowd'))])).toEqual(['won first', 'refused crowd: held by first']);
    expect(await late).toBe('refused late: held by first');
    expect(store.reads).toEqual([1, 3]);
  });

  it('decides a command again, on the case that beat it, when another replica saved first; gives up after the last attempt', async () => {
    const store = versionedCase();
    const rounds = createCaseCommandRounds(store.read, 2);
    let races = 0;
    const racing: CaseJob<string> = {
      plan: async (current) => ({
        save: async () => {
          races += 1;
          store.bumpElsewhere();
          const saved = store.saveAt(current!.version, 'me');
          return 'lostTo' in saved ? saved : { answer: 'won', committed: saved };
        },
      }),
      gaveUp: () => 'gave up',
    };
    expect(await rounds.run('MD-1', racing)).toBe('gave up');
    expect(races).toBe(2);
    expect(store.reads).toEqual([1]);
  });

  it('refuses the crowd behind a save that lost on the case that beat it, without a read', async () => {
    const store = versionedCase();
    const rounds = createCaseCommandRounds(store.read);
    const beaten: CaseJob<string> = {
      plan: async (current) => {
        if (current?.owner) return { answer: `refused beaten: held by ${current.owner.personId}` };
        return { save: async () => (store.saveAt(current!.version, 'elsewhere'), store.saveAt(current!.version, 'beaten') as LostRace) };
      },
      gaveUp: () => 'gave up',
    };
    const answers = await Promise.all([rounds.run('MD-1', beaten), ...Array.from({ length: 5 }, (_, i) => rounds.run('MD-1', claim(store, `p${i}`)))]);
    expect(answers).toEqual(['refused beaten: held by elsewhere', ...Array.from({ length: 5 }, (_, i) => `refused p${i}: held by elsewhere`)]);
    expect(store.reads).toEqual([1]);
  });

  it('keeps cases apart and fails only the commands whose read or plan failed', async () => {
    const store = versionedCase();
    const rounds = createCaseCommandRounds(async (id) => (id === 'MD-404' ? Promise.reject(new Error('store down')) : store.read()));
    const broken: CaseJob<string> = { plan: () => Promise.reject(new Error('bad plan')), gaveUp: () => 'never' };
    const results = await Promise.allSettled([
      rounds.run('MD-404', claim(store, 'x')),
      rounds.run('MD-1', broken),
      rounds.run('MD-1', claim(store, 'y')),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['store down', 'bad plan', 'won y']);
    // The queue of a case is gone once it is empty: a later command reads afresh.
    expect(await rounds.run('MD-1', claim(store, 'z'))).toBe('refused z: held by y');
  });
});
