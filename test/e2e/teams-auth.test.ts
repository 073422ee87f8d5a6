// End to end on Teams with credentials: every activity must carry a Bot Framework JWT for this bot (signed by the
// issuer's key, this audience, this serviceUrl, not expired). Without one: 401, and nothing changes.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { answerCard } from '../helpers/teams-cards.js';
import { buildBotAddedToTeam, buildCardAction } from '../helpers/teams-activities.js';
import { APP_ID, startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startTeamsDesk({ auth: 'jwt' });
});
afterAll(() => t.close());

const state = async () => ({
  refs: Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM conversation_refs`)).rows[0]!.n),
  outbox: Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox`)).rows[0]!.n),
  events: Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM events`)).rows[0]!.n),
  calls: t.fake.calls.length,
});

describe('Teams with Bot Framework authentication', () => {
  it('answers 401 to an install or a click without a valid token, and nothing changes', async () => {
    const fx = { serviceUrl: t.fake.serviceUrl, botAppId: APP_ID };
    const { caseId } = await t.ingest();
    const before = await state();
    const claims = { aud: APP_ID, serviceurl: t.fake.serviceUrl };
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad = ['', 'not-a-jwt', t.fake.signJwt(claims, { signWith: stranger }), t.fake.signJwt({ ...claims, aud: 'another-bot' }), t.fake.signJwt({ ...claims, expiresIn: -3600 }), t.fake.signJwt({ ...claims, serviceurl: 'https://smba.trafficmanager.net/uk/' })];
    const click = buildCardAction(fx, { verb: 'case.claim', data: { c: caseId, v: 1, view: 'triage' }, user: TEAMS_PEOPLE.ana });
    for (const jwt of bad) {
      expect((await t.post(buildBotAddedToTeam(fx), jwt)).status, `install with "${jwt.slice(0, 12)}"`).toBe(401);
      expect((await t.post(click, jwt)).status, `click with "${jwt.slice(0, 12)}"`).toBe(401);
    }
    const noHeader = await fetch(`${t.desk.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(click) });
    expect(noHeader.status).toBe(401);
    expect(await state()).toEqual(before);
    expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('new');
  });

  it('accepts the issuer\'s token for this bot: install, card, claim', async () => {
    expect((await t.install()).status).toBe(200);
    const { caseId } = await t.ingest();
    await t.settle();
    expect(t.card(caseId).fact('State')).toBe('In the queue');
    // Outgoing calls carry the bot's token (the test's stands in for MSAL's).
    expect(t.fake.calls.at(-1)?.headers.authorization).toMatch(/^Bearer ey/);
    expect(answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim')).fact('Owner')).toBe('Ana Patel');
  });

  it('turns away a click from another Microsoft 365 tenant, even with a good token, and nothing changes', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    const before = await state();
    const foreign = buildCardAction({ serviceUrl: t.fake.serviceUrl, botAppId: APP_ID, tenantId: '00000000-0000-4000-8000-000000000bad' }, { verb: 'case.claim', data: { c: caseId, v: 1, view: 'triage' }, user: TEAMS_PEOPLE.ana });
    const answer = await t.post(foreign);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('This desk belongs to another organisation.');
    expect(await state()).toEqual(before);
    expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('new');
  });

  it('refuses the unauthenticated local mode when credentials are configured', () => {
    expect(() => loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x' })).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED: refused/);
  });
});
