// npm run doctor against the fake Slack, Graph (Meta), X and a Bot Framework token issuer: what works is said to
// work, and each install mistake (bot not in a channel, a channel id that does not exist, an unreadable user group,
// a refused token, keys of another account) is named with its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, type Finding } from '../../src/services/doctor-finding.js';
import { needsFixing, runDoctor } from '../../src/app/run-doctor.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import { startFakeBotConnector, type FakeBotConnector } from '../helpers/fake-bot-connector.js';
import { startFakeGraphApi, type FakeGraphApi } from '../helpers/fake-graph-api.js';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { startFakeXApi, type FakeXApi } from '../helpers/fake-x-api.js';
import { POLICY_FILE } from '../helpers/slack-desk.js';

const PAGE_ID = '1000000001';
const IG_ID = '17841400000000001';
const X_USER = '1500000000000000001';
let slack: FakeSlackApi;
let graph: FakeGraphApi;
let x: FakeXApi;
let issuer: FakeBotConnector;
let policy: Policy;

beforeAll(async () => {
  // The test policy names C0TRIAGE, C0LEAD, C0SAFE and the Waste service's C0WASTE, and the user group S0COMMS.
  slack = await startFakeSlackApi({
    usergroups: { S0COMMS: ['U0FAY'] },
    channels: { C0TRIAGE: { name: 'comms-triage' }, C0LEAD: { name: 'leadership', member: false }, C0SAFE: { name: 'safeguarding', private: true, member: false } },
  });
  graph = await startFakeGraphApi({ pageId: PAGE_ID, instagramAccountId: IG_ID });
  graph.setObject(PAGE_ID, { id: PAGE_ID, name: 'Example Council' });
  graph.setObject(IG_ID, { id: IG_ID, username: 'examplecouncil' });
  x = await startFakeXApi({ userId: X_USER, bearerToken: 'x-bearer' });
  issuer = await startFakeBotConnector();
  policy = await loadPolicy(POLICY_FILE);
});
afterAll(async () => {
  await Promise.all([slack.close(), graph.close(), x.close(), issuer.close()]);
});

const env = {
  SLACK_BOT_TOKEN: 'xoxb-doctor', SLACK_SIGNING_SECRET: 'doctor-signing',
  MICROSOFT_APP_ID: '00000000-0000-4000-8000-00000000b07d', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: '00000000-0000-4000-8000-0000000c0c11',
  META_PAGE_TOKEN: 'EAA-page-token', META_PAGE_ID: PAGE_ID, INSTAGRAM_ACCOUNT_ID: IG_ID, META_APP_SECRET: 'meta-app-secret', META_VERIFY_TOKEN: 'meta-verify',
  X_BEARER_TOKEN: 'x-bearer', X_USER_ID: X_USER, X_CONSUMER_KEY: 'ck', X_CONSUMER_SECRET: 'cs', X_ACCESS_TOKEN: 'at', X_ACCESS_TOKEN_SECRET: 'ats',
};
const config = () => loadConfig({ ...env, SLACK_API_URL: slack.url, META_GRAPH_API_URL: graph.url, X_API_URL: x.url });
const goodToken = { botToken: () => issuer.signJwt({ aud: 'https://api.botframework.com', serviceurl: '' }) };
const find = (findings: Finding[], text: string | RegExp) => {
  const f = findings.find((x) => (typeof text === 'string' ? x.text.startsWith(text) : text.test(x.text)));
  if (!f) throw new Error(`no finding ${String(text)} in:\n${findings.map(formatFinding).join('\n')}`);
  return f;
};

describe('npm run doctor', () => {
  it('says what works, and names each Slack install mistake with its fix', async () => {
    const findings = await runDoctor(config(), policy, { teams: goodToken });
    expect(find(findings, 'Slack: the bot token works')).toMatchObject({ ok: true, text: 'Slack: the bot token works: signed in as @mention_desk in Mention Desk Test.' });
    expect(find(findings, 'Slack channel C0TRIAGE')).toMatchObject({ ok: true, text: 'Slack channel C0TRIAGE (channels.triage, channels.admin by default): #comms-triage exists and the bot is a member.' });
    expect(find(findings, 'Slack channel C0LEAD')).toEqual({
      ok: false,
      text: 'Slack channel C0LEAD (channels.leadership): the bot is not a member of #leadership, so posting there fails with not_in_channel.',
      fix: 'Invite the bot: type /invite @mention_desk in #leadership.',
    });
    const privateChannel = find(findings, 'Slack channel C0SAFE');
    expect(privateChannel).toMatchObject({ ok: false, text: 'Slack channel C0SAFE (channels.safeguarding): Slack answered channel_not_found' });
    expect(privateChannel.fix).toContain('for a private channel, invite the bot first');
    expect(find(findings, 'Slack channel C0WASTE')).toMatchObject({ ok: false, text: 'Slack channel C0WASTE (services[waste].channel): Slack answered channel_not_found' });
    expect(find(findings, 'Slack user group S0COMMS')).toMatchObject({ ok: true, text: 'Slack user group S0COMMS (gives comms_officer): readable, 1 member(s).' });
    expect(find(findings, /^Teams: the bot's credentials/)).toMatchObject({ ok: true, text: `Teams: the bot's credentials (app ${env.MICROSOFT_APP_ID}, tenant ${env.MICROSOFT_APP_TENANT_ID}) obtain a Bot Framework token.` });
    expect(find(findings, 'Facebook:')).toMatchObject({ ok: true, text: `Facebook: the page token (Graph API v25.0) for page ${PAGE_ID} works: it reads Example Council.` });
    expect(find(findings, 'Instagram:')).toMatchObject({ ok: true, text: `Instagram: the page token for account ${IG_ID} works: it reads @examplecouncil.` });
    expect(find(findings, 'X: the bearer token')).toMatchObject({ ok: true, text: `X: the bearer token reads the mentions of account ${X_USER}.` });
    expect(find(findings, 'X: the user-context keys')).toMatchObject({ ok: true, text: `X: the user-context keys act as @examplecouncil (${X_USER}): replying and hiding work.` });
    // The calls were the desk's own: Graph with appsecret_proof, X with the bearer then OAuth 1.0a.
    expect(graph.callsTo('GET', `/${PAGE_ID}`)[0]?.query['appsecret_proof']).toMatch(/^[0-9a-f]{64}$/);
    expect(x.callsTo('GET', '/2/users/me')[0]?.authorization).toMatch(/^OAuth /);
    expect(needsFixing(findings)).toBe(true);
    expect(formatFinding(find(findings, 'Slack channel C0LEAD'))).toBe('FIX Slack channel C0LEAD (channels.leadership): the bot is not a member of #leadership, so posting there fails with not_in_channel.\n      → Invite the bot: type /invite @mention_desk in #leadership.');
  });

  it('once the bot is invited everywhere and the channel ids are right, nothing is left to fix', async () => {
    slack.setChannel('C0LEAD', { name: 'leadership' });
    slack.setChannel('C0SAFE', { name: 'safeguarding', private: true });
    slack.setChannel('C0WASTE', { name: 'waste-service' });
    const findings = await runDoctor(config(), policy, { teams: goodToken });
    expect(findings.filter((f) => f.ok === false).map(formatFinding)).toEqual([]);
    expect(needsFixing(findings)).toBe(false);
  });

  it('names refused credentials with their fixes: Slack token, Teams secret, Meta page token, X bearer, X keys of another account', async () => {
    slack.failNext('auth.test', { ok: false, error: 'invalid_auth' });
    graph.failNext('GET', `/${PAGE_ID}`, { status: 400, error: { code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired on Friday, 04-Dec-26 10:00:00 PST.' } });
    x.failNext('GET', `/2/users/${X_USER}/mentions`, { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } });
    const refusedSecret = { botToken: () => { throw new Error('invalid_client: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.'); } };
    const findings = await runDoctor(config(), policy, { teams: refusedSecret });
    expect(find(findings, 'Slack: the bot token was refused')).toMatchObject({ ok: false, text: 'Slack: the bot token was refused (auth.test): Slack answered invalid_auth' });
    expect(findings.filter((f) => f.text.startsWith('Slack channel'))).toEqual([]); // nothing more can be asked with a bad token
    const teams = find(findings, /^Teams: the bot's credentials .* did not obtain a token/);
    expect(teams.fix).toMatch(/^MICROSOFT_APP_PASSWORD is wrong or has expired/);
    const facebook = find(findings, 'Facebook:');
    expect(facebook).toMatchObject({ ok: false, fix: 'The page token has expired or was revoked: generate a new one and set META_PAGE_TOKEN.' });
    expect(facebook.text).toContain('Session has expired');
    expect(find(findings, 'X: the bearer token could not read mentions')).toMatchObject({ ok: false, fix: expect.stringContaining('X_BEARER_TOKEN') });

    const other = await startFakeXApi({ userId: X_USER, bearerToken: 'x-bearer', tokenOwnerId: '42' });
    try {
      const wrongAccount = await runDoctor(loadConfig({ ...env, SLACK_API_URL: slack.url, META_GRAPH_API_URL: graph.url, X_API_URL: other.url }), policy, { teams: goodToken });
      expect(find(wrongAccount, 'X: the access token acts as')).toMatchObject({ ok: false, text: `X: the access token acts as @someone_else (42), not the council's account ${X_USER}.` });
    } finally {
      await other.close();
    }
  });

  it('says what is not configured without calling anything', async () => {
    const findings = await runDoctor(loadConfig({}), policy);
    expect(findings.every((f) => f.ok === null)).toBe(true);
    expect(findings.map((f) => f.text.split(':')[0])).toEqual(['Slack', 'Microsoft Teams', 'Facebook and Instagram', 'X']);
  });
});
