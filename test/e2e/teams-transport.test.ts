// Proves the Teams SDK v2 runs inside our own express server, offline, against a fake Bot Connector.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationReference } from '@microsoft/teams.api';
import { toThreadedConversationId } from '@microsoft/teams.apps';
import {
  cardActionError,
  cardActionResponse,
  createTeamsApp,
  type CreateTeamsAppOptions,
  type TeamsLogger,
  type TeamsTransport,
} from '../../src/adapters/teams/create-teams-app.js';
import { DeskError, PermanentError, RateLimitError } from '../../src/services/errors.js';
import { startFakeBotConnector, type FakeBotConnector } from '../helpers/fake-bot-connector.js';
import {
  DESK_CHANNEL_ID,
  TEAM_ID,
  USER,
  buildBotAddedToTeam,
  buildCardAction,
  buildChannelMessage,
  buildPersonalMessage,
  postActivity,
} from '../helpers/teams-activities.js';

const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Claimed by Priya Shah' }] };
const CARD_MESSAGE = {
  type: 'message' as const,
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }],
};

function quietLogger(): TeamsLogger {
  const logger: TeamsLogger = {
    debug() {}, info() {}, warn() {}, error() {}, trace() {}, log() {},
    child: () => logger,
  };
  return logger;
}

interface Harness {
  baseUrl: string;
  transport: TeamsTransport;
  server: Server;
}

/** One express app, as in production: other routes, Teams at /api/messages, then the 404. */
async function startHarness(options: Omit<CreateTeamsAppOptions, 'expressApp'>): Promise<Harness> {
  const expressApp = express();
  expressApp.post('/api/mentions', (_req, res) => void res.status(202).json({ ok: true }));
  const transport = await createTeamsApp({ ...options, expressApp, logger: quietLogger() });
  expressApp.use((_req, res) => void res.status(404).json({ error: 'not_found' }));
  const server = expressApp.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, transport, server };
}

function stop(h: Harness | undefined): Promise<void> {
  return new Promise((resolve) => (h ? h.server.close(() => resolve()) : resolve()));
}

describe('Teams transport, local mode (allowUnauthenticated)', () => {
  let fake: FakeBotConnector;
  let h: Harness;
  const installs: { ref: ConversationReference; selectedChannelId?: string; teamId?: string }[] = [];
  const messages: string[] = [];

  beforeAll(async () => {
    fake = await startFakeBotConnector();
    h = await startHarness({ allowUnauthenticated: true });
    h.transport.app.on('conversationUpdate', async ({ activity, ref }) => {
      const added = activity.membersAdded?.some((m) => m.id === activity.recipient.id);
      if (added) {
        const selectedChannelId = activity.channelData?.settings?.selectedChannel?.id;
        installs.push({ ref, selectedChannelId, teamId: activity.channelData?.team?.id });
      }
    });
    h.transport.app.on('message', async ({ activity }) => void messages.push(activity.text));
    h.transport.app.on('card.action', async ({ activity }) => {
      const { verb } = activity.value.action;
      return verb === 'case.claim' ? cardActionResponse(CARD) : cardActionError(400, `unknown verb ${verb}`);
    });
  });
  afterAll(async () => {
    await stop(h);
    await fake?.close();
  });

  const deskRef = (): ConversationReference => ({
    ...installs[0]!.ref,
    serviceUrl: fake.serviceUrl, // as stored from activity.serviceUrl: with its trailing slash
    conversation: { id: DESK_CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: installs[0]!.ref.conversation.tenantId },
  });

  it('hands the install handler a conversation reference and the channel the installer picked', async () => {
    const res = await postActivity(h.baseUrl, buildBotAddedToTeam({ serviceUrl: fake.serviceUrl }));
    expect(res.status).toBe(200);
    expect(installs).toHaveLength(1);
    const { ref, selectedChannelId, teamId } = installs[0]!;
    expect(ref.serviceUrl).toBe(fake.serviceUrl.replace(/\/$/, '')); // the SDK trims the slash
    expect(ref.channelId).toBe('msteams');
    expect(ref.conversation.id).toBe(TEAM_ID);
    expect(ref.bot.id).toBe('28:local-unauthenticated-bot');
    expect(selectedChannelId).toBe(DESK_CHANNEL_ID);
    expect(teamId).toBe(TEAM_ID);
  });

  it('routes channel and 1:1 messages to the message handler and leaves other routes alone', async () => {
    expect((await postActivity(h.baseUrl, buildChannelMessage({ serviceUrl: fake.serviceUrl }, { text: 'queue' }))).status).toBe(200);
    expect((await postActivity(h.baseUrl, buildPersonalMessage({ serviceUrl: fake.serviceUrl }, { text: 'help' }))).status).toBe(200);
    expect(messages).toEqual(['<at>Mention Desk</at> queue', 'help']);
    expect((await fetch(`${h.baseUrl}/api/mentions`, { method: 'POST' })).status).toBe(202);
    expect((await fetch(`${h.baseUrl}/nowhere`)).status).toBe(404);
  });

  it('answers an Action.Execute click in the HTTP response with the refreshed card', async () => {
    const click = buildCardAction({ serviceUrl: fake.serviceUrl }, { verb: 'case.claim', data: { caseId: 'c-1', version: 3 } });
    const res = await postActivity(h.baseUrl, click);
    expect(res).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: CARD } });
    const other = await postActivity(h.baseUrl, buildCardAction({ serviceUrl: fake.serviceUrl }, { verb: 'case.nope' }));
    expect(other.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });

  it('sends proactively to the stored reference, then updates that message in place', async () => {
    const sent = await h.transport.send(deskRef(), CARD_MESSAGE);
    const post = await fake.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${DESK_CHANNEL_ID}/activities`);
    expect(sent.id).toMatch(/^\d+$/);
    expect(post.headers.authorization).toMatch(/^Bearer ey/); // the fake JWT-shaped token
    expect(post.body).toMatchObject({ type: 'message', from: { id: '28:local-unauthenticated-bot' }, conversation: { id: DESK_CHANNEL_ID } });

    await h.transport.update(deskRef(), sent.id, CARD_MESSAGE);
    const put = await fake.waitFor((c) => c.method === 'PUT');
    expect(put.path).toBe(`/v3/conversations/${DESK_CHANNEL_ID}/activities/${sent.id}`);
    expect(put.body).toMatchObject({ id: sent.id, attachments: [{ content: CARD }] });

    const thread = toThreadedConversationId(DESK_CHANNEL_ID, sent.id); // a reply in the card's thread
    await h.transport.send({ ...deskRef(), conversation: { ...deskRef().conversation, id: thread } }, 'Reply sent');
    await fake.waitFor((c) => c.method === 'POST' && c.path === `/v3/conversations/${thread}/activities`);

    const created = await h.transport.createConversation(fake.serviceUrl, { isGroup: false, members: [{ id: USER.id, name: USER.name, role: 'user' }] });
    expect(created.id).toMatch(/^a:fake-conversation-/);
    expect(fake.calls.some((c) => c.method === 'POST' && c.path === '/v3/conversations')).toBe(true);
  });

  it('surfaces a 429 once, without retrying, as an AxiosError the edge maps to RateLimitError', async () => {
    fake.failNext({ status: 429, retryAfter: 2 });
    const before = fake.calls.length;
    const raw = (await h.transport.app.sendTo(deskRef(), 'hello').catch((e: unknown) => e)) as {
      isAxiosError: boolean; response: { status: number; headers: Record<string, string> }; config: { headers: Record<string, string> };
    };
    expect(raw.isAxiosError).toBe(true);
    expect(raw.response.status).toBe(429);
    expect(raw.response.headers['retry-after']).toBe('2');
    expect(raw.config.headers.Authorization).toMatch(/^Bearer /); // why the AxiosError must not reach a logger
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.length - before).toBe(1); // no retry by the SDK

    fake.failNext({ status: 429, retryAfter: 2 });
    const limited = await h.transport.send(deskRef(), 'hello').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(2000);

    fake.failNext({ status: 500 });
    const down = await h.transport.update(deskRef(), '1700000000001', 'x').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(DeskError);
    expect((down as DeskError).code).toBe('teams_unavailable');
    expect(JSON.stringify(down)).not.toContain('Bearer');

    fake.failNext({ status: 403 });
    expect(await h.transport.send(deskRef(), 'x').catch((e: unknown) => e)).toBeInstanceOf(PermanentError);
  });

  it('refuses the unauthenticated mode when credentials are configured, and auth without them', async () => {
    const expressApp = express();
    await expect(createTeamsApp({ expressApp, allowUnauthenticated: true, appId: 'x' })).rejects.toThrow(/allowUnauthenticated/);
    await expect(createTeamsApp({ expressApp, allowUnauthenticated: true, appPassword: 'x' })).rejects.toThrow(/allowUnauthenticated/);
    await expect(createTeamsApp({ expressApp })).rejects.toThrow(/app id and password/);
  });
});

describe('Teams transport with Bot Framework JWT checks (local issuer)', () => {
  const APP_ID = '0b1c2d3e-0000-4000-8000-00000000b07a';
  let fake: FakeBotConnector;
  let h: Harness;
  const seen: string[] = [];

  beforeAll(async () => {
    fake = await startFakeBotConnector();
    const botToken = () => fake.signJwt({ aud: 'https://api.botframework.com', serviceurl: '' });
    h = await startHarness({ appId: APP_ID, botToken, openIdMetadataUrl: fake.openIdMetadataUrl });
    h.transport.app.on('message', async ({ activity }) => void seen.push(activity.id));
  });
  afterAll(async () => {
    await stop(h);
    await fake?.close();
  });

  const message = () => buildPersonalMessage({ serviceUrl: fake.serviceUrl, botAppId: APP_ID }, { text: 'hi' });
  const claims = () => ({ aud: APP_ID, serviceurl: fake.serviceUrl });

  it('answers 401 and never runs a handler without a valid Bot Connector token', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad: (string | undefined)[] = [
      undefined,
      'not-a-jwt',
      fake.signJwt(claims(), { signWith: stranger }), // same kid, wrong key
      fake.signJwt({ ...claims(), aud: 'someone-else' }),
      fake.signJwt({ ...claims(), iss: 'https://evil.example' }),
      fake.signJwt({ ...claims(), serviceurl: 'https://smba.trafficmanager.net/uk/' }),
      fake.signJwt({ ...claims(), expiresIn: -3600 }),
    ];
    for (const jwt of bad) {
      const res = await postActivity(h.baseUrl, message(), jwt === undefined ? {} : { jwt });
      expect(res.status, `token ${jwt?.slice(0, 20)}`).toBe(401);
    }
    expect(seen).toEqual([]);
  });

  it('accepts a token signed by the issuer for this app and serviceUrl', async () => {
    const activity = message();
    const res = await postActivity(h.baseUrl, activity, { jwt: fake.signJwt(claims()) });
    expect(res.status).toBe(200);
    expect(seen).toEqual([activity.id]);
  });
});
