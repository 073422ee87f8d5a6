// Group commit for intake: concurrent requests share one store call; each gets its own outcomes, and its own
// failure only.
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../src/domain/mention.js';
import { StoreUnavailableError } from '../../../src/services/errors.js';
import type { IngestOutcome } from '../../../src/services/ingest-mentions.js';
import { createIntakeGroups } from '../../../src/services/intake-groups.js';

const mention = (id: string) => ({ network: 'facebook', externalId: id, text: id }) as unknown as Mention;

/** Stores all or nothing, like ingestMentions: a mention whose text is "bad" fails the whole call. */
function recordingStore(failWith?: () => Error) {
  const calls: string[][] = [];
  const ingestAll = async (mentions: readonly Mention[]): Promise<IngestOutcome[]> => {
    calls.push(mentions.map((m) => m.externalId));
    if (mentions.some((m) => m.text === 'bad')) throw failWith?.() ?? new Error('bad mention');
    return mentions.map((m) => ({ caseId: `MD-${m.externalId}`, duplicate: false }));
  };
  return { calls, ingestAll };
}

describe('intake groups', () => {
  it('stores requests that arrive together in one call and answers each with its own outcomes', async () => {
    const store = recordingStore();
    const groups = createIntakeGroups(store.ingestAll);
    const answers = await Promise.all([groups.ingest([mention('a')]), groups.ingest([mention('b'), mention('c')]), groups.ingest([mention('d')])]);
    expect(store.calls).toEqual([['a', 'b', 'c', 'd']]);
    expect(answers.map((a) => a.map((o) => o.caseId))).toEqual([['MD-a'], ['MD-b', 'MD-c'], ['MD-d']]);
  });

  it('closes a group once it holds its most mentions', async () => {
    const store = recordingStore();
    const groups = createIntakeGroups(store.ingestAll, { maxMentions: 3 });
    await Promise.all([groups.ingest([mention('a'), mention('b')]), groups.ingest([mention('c'), mention('d')]), groups.ingest([mention('e')])]);
    expect(store.calls).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });

  it('sends a group at once while fewer than maxStoring are being stored, and gathers what arrives while that many are', async () => {
    const calls: string[][] = [];
    const finish: Array<() => void> = [];
    const groups = createIntakeGroups(async (mentions) => {
      calls.push(mentions.map((m) => m.externalId));
      await new Promise<void>((r) => finish.push(r));
      return mentions.map((m) => ({ caseId: `MD-${m.externalId}`, duplicate: false }));
    }, { maxStoring: 1 });
    const turn = () => new Promise((r) => setImmediate(r));
    const first = groups.ingest([mention('a')]);
    await turn();
    expect(calls).toEqual([['a']]);
    const later = [groups.ingest([mention('b')]), groups.ingest([mention('c')])];
    await turn();
    const last = groups.ingest([mention('d')]);
    await turn();
    // a is still being stored: b, c and d wait for it, together.
    expect(calls).toEqual([['a']]);
    finish.shift()!();
    await first;
    await turn();
    expect(calls).toEqual([['a'], ['b', 'c', 'd']]);
    finish.shift()!();
    expect((await Promise.all([...later, last])).map((a) => a[0]!.caseId)).toEqual(['MD-b', 'MD-c', 'MD-d']);
  });

  it('fails only the request whose mention fails, the others stored on their own', async () => {
    const store = recordingStore();
    const groups = createIntakeGroups(store.ingestAll);
    const [good, bad] = await Promise.allSettled([groups.ingest([mention('a')]), groups.ingest([{ ...mention('b'), text: 'bad' }])]);
    expect(good).toEqual({ status: 'fulfilled', value: [{ caseId: 'MD-a', duplicate: false }] });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('bad mention') });
    expect(store.calls).toEqual([['a', 'b'], ['a'], ['b']]);
  });

  it('answers every request at once when the store cannot be reached', async () => {
    const store = recordingStore(() => new StoreUnavailableError('down'));
    const groups = createIntakeGroups(store.ingestAll);
    const results = await Promise.allSettled([groups.ingest([mention('a')]), groups.ingest([{ ...mention('b'), text: 'bad' }])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(store.calls).toEqual([['a', 'b']]);
  });
});
