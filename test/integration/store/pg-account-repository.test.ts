// Accounts: each author seen once per network, with their latest details and a count of cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSeen } from '../../../src/services/ports.js';
import type { Db } from '../../../src/store/db.js';
import { PgAccountRepository } from '../../../src/store/pg-account-repository.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { uniqueId } from './store-fixtures.js';

let db: Db;
let accounts: PgAccountRepository;

beforeAll(async () => {
  db = await openTestDatabase();
  accounts = new PgAccountRepository(db);
});
afterAll(async () => db?.close());

function author(overrides: Partial<AccountSeen> = {}): AccountSeen {
  const authorId = uniqueId('author');
  return { key: `x:${authorId}`, network: 'x', authorId, name: 'Sam Resident', handle: 'samr', followers: 40, verified: false, ...overrides };
}

describe('PgAccountRepository', () => {
  it('records an author the first time they are seen', async () => {
    const a = author();
    await accounts.recordSeen(a, new Date('2026-03-02T09:00:00Z'));
    expect(await accounts.get(a.key)).toEqual({ ...a, firstSeen: '2026-03-02T09:00:00.000Z', lastSeen: '2026-03-02T09:00:00.000Z', casesCount: 1 });
  });

  it('counts each case and keeps the latest details', async () => {
    const a = author();
    await accounts.recordSeen(a, new Date('2026-03-02T09:00:00Z'));
    await accounts.recordSeen({ ...a, handle: 'sam_r', followers: 55 }, new Date('2026-03-05T12:00:00Z'));
    expect(await accounts.get(a.key)).toMatchObject({ handle: 'sam_r', followers: 55, firstSeen: '2026-03-02T09:00:00.000Z', lastSeen: '2026-03-05T12:00:00.000Z', casesCount: 2 });
  });

  it('does not move first or last seen backwards when an older mention arrives late', async () => {
    const a = author();
    await accounts.recordSeen({ ...a, handle: 'new-handle' }, new Date('2026-03-05T12:00:00Z'));
    await accounts.recordSeen({ ...a, handle: 'old-handle' }, new Date('2026-03-01T08:00:00Z'));
    expect(await accounts.get(a.key)).toMatchObject({ handle: 'new-handle', firstSeen: '2026-03-01T08:00:00.000Z', lastSeen: '2026-03-05T12:00:00.000Z', casesCount: 2 });
  });

  it('counts every one of many concurrent sightings', async () => {
    const a = author();
    await Promise.all(Array.from({ length: 20 }, (_, i) => accounts.recordSeen(a, new Date(Date.UTC(2026, 2, 2, 9, i)))));
    expect(await accounts.get(a.key)).toMatchObject({ casesCount: 20, lastSeen: '2026-03-02T09:19:00.000Z' });
  });
});
