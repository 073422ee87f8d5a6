// A PostgreSQL server that stops answering (a black hole, not a shutdown): requests on open connections get a
// 503 within the query timeout, never a hang and never a false 202; /readyz answers within a second; and the
// desk recovers by itself when the server answers again. PostgreSQL only: PGlite runs in the process.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { openPostgres } from '../../../src/store/open-postgres.js';
import { startFreezableProxy, type FreezableProxy } from '../../helpers/freezable-proxy.js';
import { openTestDatabase, testDatabaseKind } from '../../helpers/test-database.js';
import { sampleMention, startTestDesk, type TestDesk } from '../../helpers/test-desk.js';

const onPostgres = (await testDatabaseKind()) === 'postgres';

describe.runIf(onPostgres)('a frozen PostgreSQL server', () => {
  let base: Db;
  let proxy: FreezableProxy;
  let viaProxy: Db;
  let desk: TestDesk;

  beforeAll(async () => {
    base = await openTestDatabase();
    const url = new URL(String(base.connectionString));
    proxy = await startFreezableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    viaProxy = openPostgres(url.toString(), { queryTimeoutMs: 1_500, connectTimeoutMs: 1_000 });
    desk = await startTestDesk({ db: viaProxy });
  });
  afterAll(async () => {
    await desk?.close();
    await viaProxy?.close();
    await proxy?.close();
    await base?.close();
  });

  const stored = async (externalId: string) => (await base.query(`SELECT 1 FROM mentions WHERE external_id = $1`, [externalId])).rowCount;

  it('answers intake 503 within seconds, /readyz 503 within a second, then recovers when the server answers', async () => {
    expect((await desk.postMentions(sampleMention())).status).toBe(202); // connections open and warm
    proxy.freeze();

    const m = sampleMention();
    let started = Date.now();
    const answer = await desk.postMentions(m);
    const intakeMs = Date.now() - started;
    expect(answer.status).toBe(503);
    expect(intakeMs).toBeLessThan(6_000);

    started = Date.now();
    const ready = await fetch(`${desk.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_200);

    proxy.thaw();
    await vi.waitFor(async () => expect((await fetch(`${desk.url}/readyz`)).status).toBe(200), { timeout: 10_000, interval: 200 });
    expect(await stored(m.externalId)).toBe(0); // the 503 stored nothing
    expect((await desk.postMentions(m)).status).toBe(202);
    expect(await stored(m.externalId)).toBe(1);
  });
});
