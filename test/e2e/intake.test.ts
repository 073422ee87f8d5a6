// Intake over real HTTP: every answer /api/mentions gives, and that a 2xx always means stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIntakeBody } from '../../src/http/verify-intake-signature.js';
import { sampleMention, startTestDesk, TEST_INTAKE_SECRET, TEST_REPORT_TOKEN, type TestDesk } from '../helpers/test-desk.js';

let desk: TestDesk;
beforeAll(async () => { desk = await startTestDesk(); });
afterAll(async () => { await desk.close(); });

async function eventsOf(caseId: string) {
  return (await desk.ctx.store.events.forCase(caseId)).map((e) => e.event.type);
}

describe('POST /api/mentions', () => {
  it('stores a new mention as a case with its opening event and answers 202', async () => {
    const res = await desk.postMentions(sampleMention());
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ caseId: expect.stringMatching(/^MD-\d+$/), duplicate: false });
    const c = await desk.ctx.store.cases.get(res.json.caseId);
    expect(c?.state).toBe('new');
    expect(await eventsOf(res.json.caseId)).toEqual(['case.opened']);
  });

  it('answers 200 with the same case for a mention already stored', async () => {
    const m = sampleMention();
    const first = await desk.postMentions(m);
    const again = await desk.postMentions(m);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ caseId: first.json.caseId, duplicate: true });
    expect(await eventsOf(first.json.caseId)).toEqual(['case.opened']);
  });

  it('opens exactly one case for 20 identical mentions posted at once', async () => {
    const m = sampleMention();
    const answers = await Promise.all(Array.from({ length: 20 }, () => desk.postMentions(m)));
    const ids = new Set(answers.map((a) => a.json.caseId));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    const rows = await desk.db.query(`SELECT count(*)::int AS n FROM mentions WHERE external_id = $1`, [m.externalId]);
    expect(rows.rows[0]).toEqual({ n: 1 });
  });

  it('answers a batch per item, duplicates included', async () => {
    const a = sampleMention();
    const b = sampleMention();
    const res = await desk.postMentions({ mentions: [a, b, a] });
    expect(res.status).toBe(202);
    expect(res.json.results).toHaveLength(3);
    expect(res.json.results[2]).toEqual({ caseId: res.json.results[0].caseId, duplicate: true });
    expect(res.json.results[1].caseId).not.toBe(res.json.results[0].caseId);
  });

  it('stores nothing from a batch with one bad item, and names its field', async () => {
    const good = sampleMention();
    const bad = sampleMention({ author: { name: 'No Id' } });
    const res = await desk.postMentions({ mentions: [good, bad] });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain('mentions.1.author.id');
    const again = await desk.postMentions(good);
    expect(again.json.duplicate).toBe(false);
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const m = sampleMention();
    const res = await desk.postMentions(m, { secret: 'not-the-secret-at-all' });
    expect(res.status).toBe(401);
    const rows = await desk.db.query(`SELECT count(*)::int AS n FROM mentions WHERE external_id = $1`, [m.externalId]);
    expect(rows.rows[0]).toEqual({ n: 0 });
  });

  it('refuses a timestamp more than 5 minutes old with 401', async () => {
    const res = await desk.postMentions(sampleMention(), { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(res.status).toBe(401);
    expect(res.json.message).toMatch(/5 minutes/);
  });

  it('refuses unsigned requests with 401', async () => {
    const res = await fetch(`${desk.url}/api/mentions`, { method: 'POST', body: JSON.stringify(sampleMention()), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });

  it('names each bad field with 400', async () => {
    const res = await desk.postMentions(sampleMention({ network: 'Face Book!', postedAt: 'yesterday', kind: 'tweet' }));
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'network', 'postedAt']);
  });

  it('refuses a NUL character with 400 naming the field, never a 500', async () => {
    const res = await desk.postMentions(sampleMention({ text: 'bins\u0000collected' }));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path: 'text', message: expect.stringMatching(/NUL/) }]);
  });

  it('refuses text that is not well-formed Unicode with 400, never a 500', async () => {
    const res = await desk.postMentions(null, { raw: JSON.stringify(sampleMention()).replace('"text":"', '"text":"\\ud800') });
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toMatchObject({ path: 'text', message: expect.stringMatching(/well-formed/) });
  });

  it.each([
    ['a NUL in the url', { url: 'https://www.facebook.com/a/\u0000' }, 'url', /NUL/],
    ['a lone surrogate in the url', { url: 'https://www.facebook.com/a/\ud800' }, 'url', /well-formed/],
    ['a javascript: url', { url: 'javascript:alert(1)' }, 'url', /http or https/],
    ['a file: url', { url: 'file:///etc/passwd' }, 'url', /http or https/],
    ['a javascript: parent url', { parent: { externalId: 'p1', url: 'javascript:alert(1)' } }, 'parent.url', /http or https/],
    ['a data: media url', { media: [{ type: 'image', url: 'data:text/html,<script>alert(1)</script>' }] }, 'media.0.url', /http or https/],
    ['more followers than a PostgreSQL integer holds', { author: { id: 'a1', followers: 3_000_000_000 } }, 'author.followers', /2147483647/],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, patch, path, message) => {
    const before = await desk.db.query(`SELECT count(*)::int AS n FROM mentions`);
    const res = await desk.postMentions({ ...sampleMention(), ...patch });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect((await desk.db.query(`SELECT count(*)::int AS n FROM mentions`)).rows).toEqual(before.rows);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await desk.postMentions(null, { raw: '{"network": ' });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/not valid JSON/);
  });

  it('refuses a batch of more than 100 with 400', async () => {
    const res = await desk.postMentions({ mentions: Array.from({ length: 101 }, () => sampleMention()) });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('mentions');
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const res = await desk.postMentions(null, { raw: JSON.stringify(sampleMention({ text: 'x'.repeat(1024 * 1024) })) });
    expect(res.status).toBe(413);
  });
});

describe('health', () => {
  it('is live and ready when the store is migrated', async () => {
    expect((await fetch(`${desk.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${desk.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});

describe('when the store is unreachable', () => {
  it('answers 503 and never a 2xx, and /readyz says not ready', async () => {
    const broken = await startTestDesk();
    await broken.db.close();
    const res = await broken.postMentions(sampleMention());
    expect(res.status).toBe(503);
    expect((await fetch(`${broken.url}/readyz`)).status).toBe(503);
    await broken.stop();
  });

  it('keeps the secret out of every answer', async () => {
    const res = await desk.postMentions(sampleMention(), { secret: 'wrong-secret-wrong-secret' });
    expect(JSON.stringify(res.json)).not.toContain(TEST_INTAKE_SECRET);
  });
});

describe('GET /api/cases/:id', () => {
  it('shows a stored case with its mention and full event history', async () => {
    const m = sampleMention();
    const { json } = await desk.postMentions(m);
    const res = await desk.read(`/api/cases/${json.caseId}`);
    expect(res.status).toBe(200);
    expect(res.json.case.id).toBe(json.caseId);
    expect(res.json.mention.externalId).toBe(m.externalId);
    expect(res.json.events.map((e: { type: string }) => e.type)).toEqual(['case.opened']);
    // The history is readable at once; its hash follows as soon as the sealer has chained it.
    await expect.poll(async () => (await desk.read(`/api/cases/${json.caseId}`)).json.events[0].hash, { timeout: 10_000 }).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 404 for an unknown case and 401 without a read token', async () => {
    expect((await desk.read('/api/cases/MD-999999')).status).toBe(404);
    expect((await desk.read('/api/cases/MD-1', null)).status).toBe(401);
    expect((await desk.read('/api/cases/MD-1', 'mdt_not-a-token-we-know')).status).toBe(401);
  });

  it('refuses the intake secret: the credential that posts mentions cannot read residents\' cases', async () => {
    const { json } = await desk.postMentions(sampleMention());
    const path = `/api/cases/${json.caseId}`;
    const ts = Math.floor(Date.now() / 1000);
    const signed = { 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(TEST_INTAKE_SECRET, ts, path) };
    expect((await desk.read(path, null, signed)).status).toBe(401);
    expect((await desk.read(path, TEST_INTAKE_SECRET)).status).toBe(401);
  });

  it('refuses a token without the cases.read scope with 403, naming the scope', async () => {
    const res = await desk.read('/api/cases/MD-1', TEST_REPORT_TOKEN);
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('cases.read');
  });

  it.each(['MD-1001%00', 'MD-1001%0A', '%27%20OR%201%3D1'])('answers 400 naming the id for %s, never a 500', async (id) => {
    const res = await desk.read(`/api/cases/${id}`);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path: 'id', message: expect.stringMatching(/case id/) }]);
  });
});
