// The Store: a transaction writes everything or nothing; an unreachable database is StoreUnavailableError.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../../../src/services/errors.js';
import type { Store } from '../../../src/services/ports.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import { openPostgres } from '../../../src/store/open-postgres.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { fakeClock, seedCase, uniqueId } from './store-fixtures.js';
import type { OutboxKind } from '../../../src/services/outbox-kinds.js';

/** A kind no desk handler claims, so no other worker takes these items: the store takes any name, the services' port only the desk's. */
const TEST_KIND = 'test.pg-store' as OutboxKind;

let store: Store;
const clock = fakeClock();

beforeAll(async () => {
  store = createPgStore(await openTestDatabase(), { clock });
});
afterAll(async () => store?.close());

describe('createPgStore', () => {
  it('is ready once reachable and migrated', async () => {
    expect(await store.ready()).toMatchObject({ ok: true });
  });

  it('commits mention, case, events and outbox together', async () => {
    const key = uniqueId('card');
    const seeded = await store.transaction(async (uow) => {
      const s = await seedCase(uow);
      await uow.outbox.enqueue([{ key, kind: TEST_KIND, payload: { caseId: s.case.id }, caseId: s.case.id }]);
      return s;
    });
    expect(await store.mentions.get(seeded.mentionId)).not.toBeNull();
    expect(await store.cases.get(seeded.case.id)).toEqual(seeded.case);
    expect(await store.events.forCase(seeded.case.id)).toHaveLength(1);
  });

  it('writes nothing when the work throws part-way', async () => {
    let caseId = '';
    let mentionId = '';
    await expect(
      store.transaction(async (uow) => {
        const s = await seedCase(uow);
        caseId = s.case.id;
        mentionId = s.mentionId;
        throw new Error('the card could not be built');
      }),
    ).rejects.toThrow(/card could not be built/);
    expect(await store.mentions.get(mentionId)).toBeNull();
    expect(await store.cases.get(caseId)).toBeNull();
    expect(await store.events.forCase(caseId)).toEqual([]);
    expect(await store.events.verifyChain()).toMatchObject({ ok: true });
  });

  it('answers StoreUnavailableError, and not ready, when the database cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const down = createPgStore(openPostgres('postgres://postgres@127.0.0.1:1/nowhere'));
    try {
      await expect(down.cases.get('MD-1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(down.transaction(async () => 1)).rejects.toBeInstanceOf(StoreUnavailableError);
      const ready = await down.ready();
      expect(ready.ok).toBe(false);
      expect(ready.detail).toMatch(/unreachable/);
    } finally {
      await down.close();
    }
  });

  it('answers StoreUnavailableError when the server ends the session (57P01 admin shutdown)', async (ctx) => {
    const db = await openTestDatabase({ migrate: false });
    try {
      // PGlite is one backend: terminating it would end this very process's database.
      if (db.kind !== 'postgres') ctx.skip('needs a real server to terminate a backend');
      // Settled at once into a value, so the rejection is never unhandled while we wait.
      const sleeping = db.query(`SELECT pg_sleep(10), 'victim' AS tag`).then(() => null, (e: unknown) => e);
      const killer = db.openSecondHandle();
      try {
        await vi.waitUntil(async () => {
          const r = await killer.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query LIKE '%''victim''%' AND pid <> pg_backend_pid()`,
          );
          return r.rows[0]!.n > 0;
        });
      } finally {
        await killer.close();
      }
      expect(await sleeping).toBeInstanceOf(StoreUnavailableError);
      // The pool drops the dead client and the next query works.
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('answers StoreUnavailableError once the database is closed under it', async () => {
    const db = await openTestDatabase({ migrate: false });
    const shortLived = createPgStore(db);
    await shortLived.close();
    await expect(shortLived.cases.get('MD-1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
