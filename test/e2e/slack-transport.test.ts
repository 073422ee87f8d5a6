// Proves how Bolt 5.1 rides on our single express server (HTTP) or on a WebSocket (Socket Mode),
// and what a Web API failure looks like to our code once the web client's own retries are off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, webApi, type BlockAction, type ButtonAction } from '@slack/bolt';
import express, { type Express } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackApp, type SlackApp } from '../../src/adapters/slack/create-slack-app.js';
import click from '../fixtures/slack/block_actions.button.json' with { type: 'json' };
import homeOpened from '../fixtures/slack/event_callback.app_home_opened.json' with { type: 'json' };
import slash from '../fixtures/slack/slash_command.desk.json' with { type: 'json' };
import urlVerification from '../fixtures/slack/url_verification.json' with { type: 'json' };
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { eventBody, interactivityBody, postSignedToSlack } from '../helpers/slack-signing.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

const SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-bot-token';
const APP_TOKEN = 'xapp-1-test-app-token';

async function listen(app: Express): Promise<{ server: Server; base: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function claimListener(slack: SlackApp, beforeReply: () => Promise<void> = async () => {}): void {
  slack.app.action<BlockAction<ButtonAction>>('case.claim', async ({ ack, client, body }) => {
    await ack();
    await beforeReply();
    await client.chat.postEphemeral({ channel: body.channel?.id ?? '', user: body.user.id, text: 'You claimed it' });
  });
}

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('Slack over HTTP, mounted on our one express app', () => {
  let server: Server;
  let base: string;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const logger = createMemoryLogger();

  beforeAll(async () => {
    const web = express();
    web.get('/health/live', (_req, res) => void res.json({ ok: true }));
    const slack = createSlackApp({ botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl: fake.url, expressApp: web, logger });
    claimListener(slack, () => gate);
    await slack.start();
    ({ server, base } = await listen(web));
  });
  afterAll(() => closeServer(server));

  it('verifies the bot token with auth.test once, at start', async () => {
    fake.reset();
    const slack = createSlackApp({ botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl: fake.url, expressApp: express() });
    expect(fake.calls).toHaveLength(0); // the constructor does no I/O
    await slack.start();
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(fake.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
  });

  it('acks a signed click with 200 before the listener finishes, then the listener reaches the Web API', async () => {
    const { body, contentType } = interactivityBody(click);
    const res = await postSignedToSlack(base, SECRET, body, contentType);

    expect(res.status).toBe(200);
    expect(fake.callsTo('chat.postEphemeral')).toHaveLength(0); // the listener is still waiting
    release();
    const call = await fake.waitFor('chat.postEphemeral');
    expect(call.body).toMatchObject({ channel: 'C0DESK', user: 'U0ANA', text: 'You claimed it' });
    expect(call.token).toBe(BOT_TOKEN);
  });

  it('answers 401 to a wrong signature and calls nothing', async () => {
    const { body, contentType } = interactivityBody(click);
    const res = await postSignedToSlack(base, 'not-the-secret', body, contentType);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    expect(logger.has(LogLevel.WARN, 'Signature mismatch')).toBe(true);
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 401 to a correctly signed request stamped 6 minutes ago', async () => {
    const { body, contentType } = interactivityBody(click);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSignedToSlack(base, SECRET, body, contentType, { timestampSeconds: sixMinutesAgo });
    expect(res.status).toBe(401);
    expect(logger.has(LogLevel.WARN, 'Timestamp is too old')).toBe(true);
  });

  it('answers 401 when the signature headers are missing', async () => {
    const { body, contentType } = interactivityBody(click);
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBe(401);
  });

  it('answers the url_verification handshake with the challenge', async () => {
    const { body, contentType } = eventBody(urlVerification);
    const res = await postSignedToSlack(base, SECRET, body, contentType);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: urlVerification.challenge });
  });

  it('leaves the other routes of the same express app alone', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/slack/events`)).status).toBe(404); // Bolt only takes POST
  });
});

describe('mounting order', () => {
  it('breaks every Slack request (400) when a global body parser runs before Bolt', async () => {
    const web = express();
    web.use(express.json(), express.urlencoded());
    const slack = createSlackApp({
      botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl: fake.url, expressApp: web,
      botId: 'B0DESKBOT', botUserId: 'U0DESKBOT', logger: createMemoryLogger(),
    });
    await slack.start();
    const { server, base } = await listen(web);
    const { body, contentType } = eventBody(urlVerification);
    const res = await postSignedToSlack(base, SECRET, body, contentType);
    expect(res.status).toBe(400); // "stream is not readable": the parser already drained the raw body
    expect(fake.callsTo('auth.test')).toHaveLength(0); // both ids given: no auth.test
    await closeServer(server);
  });
});

describe('Slack in Socket Mode against the fake', () => {
  let slack: SlackApp;
  const listenerErrors: unknown[] = [];

  beforeAll(async () => {
    slack = createSlackApp({ botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.url, logger: createMemoryLogger() });
    claimListener(slack);
    slack.app.command('/desk', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'Your queue is empty' }));
    slack.app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    slack.app.error(async (error) => void listenerErrors.push(error));
    await slack.start();
  });
  afterAll(() => slack.stop());

  it('opened the connection with the app-level token through slackApiUrl', () => {
    expect(slack.mode).toBe('socket');
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual([APP_TOKEN]);
    expect(fake.socket.openConnections).toBe(1);
  });

  it('acks an interactive envelope and the listener calls the Web API with the bot token', async () => {
    fake.socket.send({ envelope_id: 'env-click-1', type: 'interactive', payload: click, accepts_response_payload: false });
    const ack = await fake.socket.waitForAck('env-click-1');
    expect(ack.payload).toEqual({});
    const call = await fake.waitFor('chat.postEphemeral');
    expect(call.body).toMatchObject({ channel: 'C0DESK', user: 'U0ANA' });
    expect(call.token).toBe(BOT_TOKEN);
  });

  it('carries an ack body back in the envelope ack (slash command reply)', async () => {
    fake.socket.send({ envelope_id: 'env-slash-1', type: 'slash_commands', payload: slash, accepts_response_payload: true });
    const ack = await fake.socket.waitForAck('env-slash-1');
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'Your queue is empty' });
  });

  it('delivers events_api envelopes to event listeners', async () => {
    fake.socket.send({ envelope_id: 'env-home-1', type: 'events_api', payload: homeOpened, accepts_response_payload: false });
    await fake.socket.waitForAck('env-home-1');
    const call = await fake.waitFor('views.publish');
    expect(call.body).toMatchObject({ user_id: 'U0ANA', view: { type: 'home' } });
  });

  it('gives listener clients no retries either: a 429 reaches app.error after one attempt', async () => {
    // Trap: left alone, the socket-mode client writes { retries: 100 } into the App's clientOptions.
    fake.failNext('chat.postEphemeral', { status: 429, retryAfter: 30 });
    fake.socket.send({ envelope_id: 'env-click-429', type: 'interactive', payload: click, accepts_response_payload: false });
    await fake.socket.waitForAck('env-click-429');
    await vi.waitFor(() => expect(listenerErrors).toHaveLength(1), DESK_ACTS);
    expect(listenerErrors[0]).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    expect(fake.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('closes the WebSocket on stop', async () => {
    const other = createSlackApp({ botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.url, logger: createMemoryLogger() });
    await other.start();
    await vi.waitFor(() => expect(fake.socket.openConnections).toBe(2), DESK_ACTS);
    await other.stop();
    await vi.waitFor(() => expect(fake.socket.openConnections).toBe(1), DESK_ACTS);
  });
});

describe('Web API failures, as our outbox will see them', () => {
  // app.client is the client an outbox worker would use; listener clients get the same options.
  const post = () => {
    const { app } = createSlackApp({
      botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl: fake.url, expressApp: express(),
      botId: 'B0DESKBOT', botUserId: 'U0DESKBOT', logger: createMemoryLogger(),
    });
    return app.client.chat.postMessage({ channel: 'C0DESK', text: 'hello' });
  };

  it('rejects a 429 at once with code and retryAfter (seconds), without retrying', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const started = Date.now();
    const error = await post().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 2 });
    expect(webApi.ErrorCode.RateLimitedError).toBe('slack_webapi_rate_limited_error');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('rejects a 429 without Retry-After as a plain Error with no code (classify it as transient)', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: null });
    const error = await post().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBeUndefined();
    expect((error as Error).message).toMatch(/Retry header did not contain a valid timeout/);
  });

  it('rejects a 500 at once as an HTTP error', async () => {
    fake.failNext('chat.postMessage', { status: 500 });
    const error = await post().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('rejects ok:false as a platform error carrying Slack\'s error string', async () => {
    fake.failNext('chat.postMessage', { ok: false, error: 'channel_not_found' });
    const error = await post().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'channel_not_found' } });
  });

  it('for contrast: a default WebClient sleeps through Retry-After and retries by itself', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.url, logger: createMemoryLogger() });
    const started = Date.now();
    const result = await client.chat.postMessage({ channel: 'C0DESK', text: 'hello' });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });
});
