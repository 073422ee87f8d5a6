// Embedded PGlite: data survives a restart, one process per folder, and transactions from
// separate pool clients never interleave on its single backend. Runs whatever DESK_TEST_DB says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import { migrate } from '../../../src/store/migrate.js';
import { openPglite, PGLITE_MEMORY } from '../../../src/store/open-pglite.js';
import { claimedEvent, seedCase } from './store-fixtures.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pglite-test-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('openPglite', () => {
  it('keeps mentions, cases and events across a restart', async () => {
    const firstDb = await openPglite(dataDir);
    await migrate(firstDb);
    const first = createPgStore(firstDb);
    let seeded: Awaited<ReturnType<typeof seedCase>>;
    try {
      seeded = await first.transaction((uow) => seedCase(uow));
      await first.events.append([claimedEvent(seeded.case)]);
    } finally {
      await first.close();
    }

    const db = await openPglite(dataDir);
    const second = createPgStore(db);
    try {
      expect(await migrate(db)).toEqual([]);
      expect(await second.mentions.get(seeded.mentionId)).toMatchObject({ id: seeded.mentionId });
      expect(await second.cases.get(seeded.case.id)).toEqual(seeded.case);
      expect((await second.events.forCase(seeded.case.id)).map((e) => e.event.type)).toEqual(['case.opened', 'case.claimed']);
      expect(await second.events.verifyChain()).toEqual({ ok: true, count: 2 });
    } finally {
      await second.close();
    }
  }, 120_000); // two cold starts of PGlite from disk: slow on a loaded two-core machine

  it('refuses a second open of a data folder that is in use', async () => {
    const db = await openPglite(dataDir);
    try {
      await expect(openPglite(dataDir)).rejects.toThrow(/already open in this process/);
    } finally {
      await db.close();
    }
    // Closing released it.
    await (await openPglite(dataDir)).close();
  });

  it('never lets another client see inside an open transaction', async () => {
    const db = await openPglite(PGLITE_MEMORY);
    try {
      await db.query('CREATE TABLE probe (n int)');
      let seen: Promise<number> | null = null;
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO probe VALUES (1)');
        // Another pool client asks mid-transaction; on a shared backend it would see the row
        // if statements interleaved. It must wait for COMMIT and see the end state instead.
        seen = db.query<{ n: number }>('SELECT count(*)::int AS n FROM probe').then((r) => r.rows[0]!.n);
        await new Promise((r) => setTimeout(r, 50));
        await tx.query('DELETE FROM probe');
      });
      expect(await seen).toBe(0);
    } finally {
      await db.close();
    }
  });
});
