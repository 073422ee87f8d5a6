// Owns a fake Slack Web API on 127.0.0.1 (random port) for tests: records every call, answers the
// documented success shapes, fails on demand, and hosts the fake Socket Mode endpoint.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachFakeSlackSocket, SOCKET_PATH, type FakeSlackSocket } from './fake-slack-socket.js';
import { methods, type FakeSlackChannel, type FakeSlackState, type FakeSlackUser, type SlackBody } from './fake-slack-methods.js';
import { createRecorder } from './recorder.js';

export type { FakeSlackChannel, FakeSlackUser, SlackBody } from './fake-slack-methods.js';
export type { FakeSlackSocket, SocketAck, SocketEnvelope } from './fake-slack-socket.js';

export interface FakeSlackCall {
  method: string;
  /** Form fields or JSON body; `blocks`, `view`, `attachments`, `metadata` JSON-decoded when sent as strings. */
  body: SlackBody;
  /** Bearer token from the Authorization header, else the `token` field. */
  token: string;
  /** HTTP status and Slack `error` the fake answered with (200 / undefined on success). */
  status: number;
  error?: string;
  /** Only for 'response_url' calls: the path that was posted to. */
  path?: string;
  at: Date;
}

export type FakeFailure =
  /** Retry-After seconds default to 1; null sends a 429 with no Retry-After header. */
  | { status: 429; retryAfter?: number | null }
  /** afterProcessing: Slack did the work (posted the message) but the answer was lost: an unknown outcome. */
  | { status: number; afterProcessing?: boolean }
  | { ok: false; error: string };

/** What a misbehaving Slack does to one call: fail it (as FakeFailure), answer it slowly, or (null) answer it. */
export type ChaosAnswer = FakeFailure | { delayMs: number } | null;

export interface FakeSlackApiOptions {
  teamId?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeSlackUser[];
  /** usergroup id -> member user ids */
  usergroups?: Record<string, string[]>;
  /** channel id -> the channel as conversations.info describes it */
  channels?: Record<string, FakeSlackChannel>;
}

export interface FakeSlackApi {
  /** e.g. 'http://127.0.0.1:PORT/api/', the value for WebClient's `slackApiUrl` */
  url: string;
  /** A response_url on this fake (put it in a fixture's `response_url`); posts record as 'response_url'. */
  responseUrl(name?: string): string;
  readonly calls: readonly FakeSlackCall[];
  /** Messages in a channel as the fake holds them (oldest first), thread replies included. */
  messagesIn(channel: string): readonly SlackBody[];
  callsTo(method: string): FakeSlackCall[];
  waitFor(method: string, predicate?: (call: FakeSlackCall) => boolean, timeoutMs?: number): Promise<FakeSlackCall>;
  /** Queue a failure for the next call to `method` (queued failures are used in order). */
  failNext(method: string, failure: FakeFailure): void;
  setUser(user: FakeSlackUser): void;
  /** Decides, for every call with no queued failure, whether Slack misbehaves (null: behave). */
  setChaos(chaos: ((method: string) => ChaosAnswer) | null): void;
  /** Moves the fake's clock (message ts) on, as if that much time had passed in Slack. */
  advanceClock(seconds: number): void;
  /** Posts `count` other people's messages to a channel now, as a busy channel gets. */
  addChatter(channel: string, count: number): void;
  setUsergroupMembers(usergroupId: string, userIds: string[]): void;
  /** Declares (or changes) a channel: its name, whether the bot is in it, whether it is archived. */
  setChannel(id: string, channel: FakeSlackChannel): void;
  /** Forget recorded calls and queued failures (users, groups and ts counter stay). */
  reset(): void;
  socket: FakeSlackSocket;
  ids: { teamId: string; appId: string; botUserId: string; botId: string };
  close(): Promise<void>;
}

const HOOKS_PATH = '/hooks/';
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

function decodeJsonFields(body: SlackBody): SlackBody {
  for (const field of JSON_FIELDS) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    try {
      body[field] = JSON.parse(value);
    } catch {
      // Slack would reject it; keep the string so the test can see what was sent.
    }
  }
  return body;
}

async function readBody(req: IncomingMessage): Promise<SlackBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) return JSON.parse(raw) as SlackBody;
  return Object.fromEntries(new URLSearchParams(raw));
}

function reply(res: ServerResponse, status: number, body: SlackBody | string, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, ...headers }).end(text);
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls = createRecorder<FakeSlackCall>();
  const failures = new Map<string, FakeFailure[]>();
  let port = 0;
  let counter = 0;
  let clockOffsetSeconds = 0;
  let chaos: ((method: string) => ChaosAnswer) | null = null;
  const state: FakeSlackState = {
    teamId: options.teamId ?? 'T0000DESK',
    appId: options.appId ?? 'A0000DESK',
    botUserId: options.botUserId ?? 'U0DESKBOT',
    botId: options.botId ?? 'B0DESKBOT',
    socketUrl: () => `ws://127.0.0.1:${port}${SOCKET_PATH}?ticket=${++counter}&app_id=${state.appId}`,
    users: new Map((options.users ?? []).map((u) => [u.id, u])),
    usergroups: new Map(Object.entries(options.usergroups ?? {})),
    channels: new Map(Object.entries(options.channels ?? {})),
    messages: new Map(),
    // Slack ts values are "seconds.micro" strings from the real clock (so `oldest` filters work);
    // the counter in the micro part keeps them unique and increasing.
    nextTs: () => {
      counter += 1;
      return `${Math.floor(Date.now() / 1000) + clockOffsetSeconds}.${String(counter).padStart(6, '0')}`;
    },
    nextId: (prefix) => `${prefix}0FAKE${String(++counter).padStart(4, '0')}`,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && (req.url ?? '').startsWith(HOOKS_PATH)) {
      // A response_url: Slack answers {"ok":true}; recorded under the pseudo-method 'response_url'.
      const body = decodeJsonFields(await readBody(req));
      calls.push({ method: 'response_url', body, token: '', path: req.url, status: 200, at: new Date() });
      return reply(res, 200, { ok: true });
    }
    const match = /^\/api\/([\w.]+)$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (req.method !== 'POST' || !match?.[1]) return reply(res, 404, 'not found');
    const method = match[1];
    const body = decodeJsonFields(await readBody(req));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : '');
    const record = (status: number, error?: string) =>
      calls.push({ method, body, token, status, ...(error ? { error } : {}), at: new Date() });

    let failure: FakeFailure | undefined = failures.get(method)?.shift();
    if (!failure && chaos) {
      const answer = chaos(method);
      if (answer && 'delayMs' in answer) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      else if (answer) failure = answer;
    }
    if (failure && 'error' in failure) {
      record(200, failure.error);
      return reply(res, 200, { ok: false, error: failure.error });
    }
    if (failure && 'status' in failure && 'afterProcessing' in failure && failure.afterProcessing) {
      methods[method]?.(body, token, state);
      record(failure.status, 'http_error');
      return reply(res, failure.status, 'fake upstream failure after processing');
    }
    if (failure && 'status' in failure) {
      record(failure.status, failure.status === 429 ? 'ratelimited' : 'http_error');
      if (failure.status === 429) {
        const retryAfter = 'retryAfter' in failure && failure.retryAfter !== undefined ? failure.retryAfter : 1;
        const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': String(retryAfter) };
        return reply(res, 429, { ok: false, error: 'ratelimited' }, headers);
      }
      return reply(res, failure.status, 'fake upstream failure');
    }
    if (!token) {
      record(200, 'not_authed');
      return reply(res, 200, { ok: false, error: 'not_authed' });
    }
    const answer = methods[method]?.(body, token, state) ?? { ok: false, error: 'unknown_method' };
    record(200, answer.ok === false ? String(answer.error) : undefined);
    reply(res, 200, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, `fake Slack API crashed: ${String(error)}`));
  });
  const socket = attachFakeSlackSocket(server, state.appId);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    responseUrl: (name = 'actions') => `http://127.0.0.1:${port}${HOOKS_PATH}${name}/${state.teamId}/${++counter}/fake`,
    get calls() {
      return calls.items;
    },
    callsTo: (method) => calls.items.filter((c) => c.method === method),
    messagesIn: (channel) => state.messages.get(channel) ?? [],
    waitFor: (method, predicate = () => true, timeoutMs = 3_000) =>
      calls.waitFor((c) => c.method === method && predicate(c), timeoutMs, `a call to ${method}`),
    failNext: (method, failure) => failures.set(method, [...(failures.get(method) ?? []), failure]),
    setUser: (user) => void state.users.set(user.id, user),
    setChaos: (c) => void (chaos = c),
    advanceClock: (seconds) => void (clockOffsetSeconds += seconds),
    addChatter: (channel, count) => {
      for (let i = 0; i < count; i++) methods['chat.postMessage']?.({ channel, text: `chatter ${i}` }, 'xoxb-people', state);
    },
    setUsergroupMembers: (id, userIds) => void state.usergroups.set(id, [...userIds]),
    setChannel: (id, channel) => void state.channels.set(id, { ...channel }),
    reset: () => {
      calls.clear();
      failures.clear();
    },
    socket,
    ids: { teamId: state.teamId, appId: state.appId, botUserId: state.botUserId, botId: state.botId },
    close: async () => {
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
