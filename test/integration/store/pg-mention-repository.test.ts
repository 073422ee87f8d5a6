// Mentions: one row per (network, externalId), whoever sends it first; duplicates learn the first id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { PgMentionRepository } from '../../../src/store/pg-mention-repository.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { makeMention, uniqueId } from './store-fixtures.js';

let db: Db;
let mentions: PgMentionRepository;

beforeAll(async () => {
  db = await openTestDatabase();
  mentions = new PgMentionRepository(db);
});
afterAll(async () => db?.close());

describe('PgMentionRepository', () => {
  it('stores a new mention and reads it back as it arrived', async () => {
    const mention = makeMention({ parent: { externalId: 'post-9', text: 'Bin collection changes from April' } });
    const id = uniqueId('m');
    expect(await mentions.insertIfNew(id, mention, new Date('2026-03-02T09:16:00.123Z'))).toEqual({ inserted: true });
    expect(await mentions.get(id)).toEqual({ id, mention, receivedAt: '2026-03-02T09:16:00.123Z' });
  });

  it('answers a duplicate with the id already stored', async () => {
    const mention = makeMention();
    const first = uniqueId('m');
    await mentions.insertIfNew(first, mention, new Date());
    expect(await mentions.insertIfNew(uniqueId('m'), { ...mention, text: 'edited' }, new Date())).toEqual({ inserted: false, existingId: first });
  });

  it('treats the same external id on another network as a different mention', async () => {
    const mention = makeMention();
    await mentions.insertIfNew(uniqueId('m'), mention, new Date());
    expect(await mentions.insertIfNew(uniqueId('m'), { ...mention, network: 'instagram' }, new Date())).toEqual({ inserted: true });
  });

  it('stores one row when 20 copies arrive at once, and every copy learns its id', async () => {
    const mention = makeMention();
    const ids = Array.from({ length: 20 }, () => uniqueId('m'));
    const results = await Promise.all(ids.map((id) => mentions.insertIfNew(id, mention, new Date())));
    const winners = ids.filter((_, i) => results[i]?.inserted);
    expect(winners).toHaveLength(1);
    for (const r of results) if (!r.inserted) expect(r.existingId).toBe(winners[0]);
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions WHERE external_id = $1', [mention.externalId]);
    expect(rows.rows[0]?.n).toBe(1);
  });

  it('returns null for an unknown id', async () => {
    expect(await mentions.get('no-such-mention')).toBeNull();
  });
});
