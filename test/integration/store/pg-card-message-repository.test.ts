// The card_messages SQL on the test database (PostgreSQL or PGlite, per DESK_TEST_DB): reservations, the
// compare-and-set take-over (microsecond timestamps survive), and forgetting a deleted message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardMessageRepository } from '../../../src/services/ports.js';
import { createPgCardMessageRepository } from '../../../src/store/pg-card-message-repository.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';

let db: Db;
let store: CardMessageRepository;
let n = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  store = createPgCardMessageRepository(db);
});
afterAll(() => db.close());

/** card_messages points at cases, which point at mentions: make the minimum of both. */
async function aCase(): Promise<string> {
  const id = `MD-T${++n}`;
  await db.query(`INSERT INTO mentions (id, network, external_id, body, received_at, posted_at) VALUES ($1, 'x', $1, '{}', now(), now())`, [`m-${id}`]);
  await db.query(`INSERT INTO cases (id, mention_id, state, version, opened_at, body) VALUES ($1, $2, 'new', 1, now(), '{}')`, [id, `m-${id}`]);
  return id;
}

describe('card message store', () => {
  it('reserves once, marks the reservation in flight, and completes it', async () => {
    const id = await aCase();
    expect(await store.reserve(id, 'slack', 'triage', 'C0TRIAGE')).toBe(true);
    expect(await store.reserve(id, 'slack', 'triage', 'C0TRIAGE')).toBe(false);
    expect(await store.get(id, 'slack', 'triage')).toMatchObject({ messageId: '', inFlight: true, channel: 'C0TRIAGE' });
    await store.complete(id, 'slack', 'triage', 'C0TRIAGE', '1714.000001', null);
    expect(await store.get(id, 'slack', 'triage')).toMatchObject({ messageId: '1714.000001', inFlight: false });
    expect((await store.listPosted(id, 'slack')).map((m) => m.purpose)).toEqual(['triage']);
  });

  it('holds a look-up back while an attempt that got no answer may still land, not after a 5xx answer', async () => {
    const id = await aCase();
    await store.reserve(id, 'slack', 'triage', 'C0TRIAGE');
    await store.markUnknown(id, 'slack', 'triage', true);
    expect(await store.get(id, 'slack', 'triage')).toMatchObject({ inFlight: false, landing: true });
    const later = await store.get(id, 'slack', 'triage');
    expect(later!.attemptWindow.to.getTime()).toBeGreaterThan(Date.now() + 10_000); // the window covers the landing time
    // Answered (a 5xx): nothing is on its way, so the look may happen at once.
    const answered = await aCase();
    await store.reserve(answered, 'slack', 'triage', 'C0TRIAGE');
    await store.markUnknown(answered, 'slack', 'triage', false);
    expect(await store.get(answered, 'slack', 'triage')).toMatchObject({ inFlight: false, landing: false });
    // A new attempt is under way again: in flight, not landing.
    await store.beginAttempt(id, 'slack', 'triage');
    expect(await store.get(id, 'slack', 'triage')).toMatchObject({ inFlight: true, landing: false });
  });

  it('lets exactly one take-over win on an abandoned reservation', async () => {
    const id = await aCase();
    await store.reserve(id, 'slack', 'triage', 'C0TRIAGE');
    await store.markUnknown(id, 'slack', 'triage');
    const seen = (await store.get(id, 'slack', 'triage'))!;
    expect(seen.inFlight).toBe(false);
    expect(await store.takeOver(seen)).toBe(true);
    expect(await store.takeOver(seen)).toBe(false); // the row moved on since `seen`
    expect((await store.get(id, 'slack', 'triage'))?.inFlight).toBe(true);
  });

  it('drops a reservation that certainly did not post, but never a posted message', async () => {
    const id = await aCase();
    await store.reserve(id, 'slack', 'line:e1', 'C0TRIAGE');
    await store.release(id, 'slack', 'line:e1');
    expect(await store.get(id, 'slack', 'line:e1')).toBeNull();
    await store.complete(id, 'slack', 'triage', 'C0TRIAGE', '1714.000002', null);
    await store.release(id, 'slack', 'triage');
    expect((await store.get(id, 'slack', 'triage'))?.messageId).toBe('1714.000002');
    await store.forget(id, 'slack', 'triage');
    expect(await store.get(id, 'slack', 'triage')).toBeNull();
  });
});
