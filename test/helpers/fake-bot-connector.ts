// Owns a loopback stand-in for the Bot Connector (the bot's outgoing calls) and for the Bot
// Framework token issuer (OpenID metadata + JWKS, and JWTs signed with its RSA key). It holds what was
// posted (and replaced), so a fake Microsoft Graph can list it as Teams would.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readJsonBody } from './read-json-body.js';
import { createRecorder } from './recorder.js';

export interface ConnectorCall {
  method: string;
  /** Path below the serviceUrl, decoded: /v3/conversations/19:abc@thread.tacv2/activities */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
  /** What the fake answered, e.g. { id } for a posted activity. */
  response: unknown;
}

/** afterProcessing: Teams posts (or replaces) the message, then the answer is a 5xx: an unknown outcome for the caller. */
export type ConnectorFailure = { status: 429; retryAfter?: number } | { status: 500 | 502; afterProcessing?: boolean } | { status: 403 };

/** A message Teams holds: what a POST to a conversation's activities made, as the last PUT left it. */
export interface HeldMessage {
  /** The conversation it was posted to: a channel, a channel thread ("…;messageid=…") or a chat. */
  readonly conversationId: string;
  readonly id: string;
  activity: Record<string, unknown>;
  readonly createdAt: Date;
  lastModifiedAt: Date;
}
/** What a chaos function may do to one call: fail it, slow it (then answer), hang it (never answer), or leave it. */
export type ConnectorChaos = ConnectorFailure | { delayMs: number } | { hang: true } | null;

export interface BotFrameworkClaims {
  aud: string;
  serviceurl: string;
  iss?: string;
  /** Seconds from now; negative for an expired token. Default 3600. */
  expiresIn?: number;
}

export interface FakeBotConnector {
  /** Ends in a slash and has a region path, as Teams sends it: http://127.0.0.1:PORT/uk/ */
  serviceUrl: string;
  /** Pass to createTeamsApp({ openIdMetadataUrl }); JWKS lives at the sibling /keys. */
  openIdMetadataUrl: string;
  calls: readonly ConnectorCall[];
  /** Every message posted and not deleted, oldest first. */
  readonly messages: readonly HeldMessage[];
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** The next connector call (not the issuer's) is answered with this failure. */
  failNext(failure: ConnectorFailure): void;
  /** Entra object ids the app is not installed for: createConversation with them is refused (403) as Teams does. */
  readonly unreachable: Set<string>;
  /** Conversation ids where posting is refused (403), as Teams does once the app is removed from a chat. */
  readonly refuseIn: Set<string>;
  /** Decides, for every call with no queued failure, whether the connector misbehaves (null: behave). */
  setChaos(chaos: ((call: { method: string; path: string }) => ConnectorChaos) | null): void;
  /** A Bot Connector JWT signed with the issuer's key, or with `signWith` (an unknown key). */
  signJwt(claims: BotFrameworkClaims, options?: { signWith?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

const REGION = '/uk';
const ISSUER = 'https://api.botframework.com';

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'fake-bf-key-1';
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] };
  const recorder = createRecorder<ConnectorCall>();
  const failures: ConnectorFailure[] = [];
  const unreachable = new Set<string>();
  const refuseIn = new Set<string>();
  const messages: HeldMessage[] = [];
  let chaos: ((call: { method: string; path: string }) => ConnectorChaos) | null = null;
  let seq = 0;

  const server = createServer((req, res) => {
    void readJsonBody(req).then(async (body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
      if (req.method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration') {
        return reply(res, 200, {
          issuer: ISSUER,
          jwks_uri: `${origin}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.method === 'GET' && url.pathname === '/v1/.well-known/keys') return reply(res, 200, jwks);

      const path = decodeURIComponent(url.pathname.startsWith(`${REGION}/`) ? url.pathname.slice(REGION.length) : url.pathname);
      const call = { method: req.method ?? 'GET', path, query: url.search, headers: req.headers, body };
      let failure: ConnectorFailure | undefined = failures.shift();
      const mischief = failure || !chaos ? null : chaos(call);
      if (mischief && 'hang' in mischief) {
        // Never answers and never acts: the caller's own timeout is all that ends the call.
        recorder.push({ ...call, status: 0, response: null });
        return;
      }
      if (mischief && 'delayMs' in mischief) await new Promise((resolve) => setTimeout(resolve, mischief.delayMs));
      else if (mischief) failure = mischief;
      const acts = failure && 'afterProcessing' in failure && failure.afterProcessing;
      const done = refusesChat(call, unreachable) ?? refusesPost(call, refuseIn) ?? answer(call, acts ? undefined : failure, () => ++seq);
      hold(messages, call, done);
      const [status, payload, headers] = acts && done[0] < 300 ? answer(call, failure, () => ++seq) : done;
      recorder.push({ ...call, status, response: payload });
      reply(res, status, payload, headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    serviceUrl: `${origin}${REGION}/`,
    openIdMetadataUrl: `${origin}/v1/.well-known/openidconfiguration`,
    calls: recorder.items,
    messages,
    waitFor: (predicate, timeoutMs = 2000) => recorder.waitFor(predicate, timeoutMs, 'a Bot Connector call'),
    failNext: (failure) => void failures.push(failure),
    unreachable,
    refuseIn,
    setChaos: (c) => void (chaos = c),
    signJwt: (claims, options = {}) => signJwt(claims, options.signWith ?? privateKey, options.kid ?? kid),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

type Answer = [status: number, body: unknown, headers?: Record<string, string>];

function answer(call: Omit<ConnectorCall, 'status' | 'response'>, failure: ConnectorFailure | undefined, nextId: () => number): Answer {
  if (!/^Bearer \S+/.test(String(call.headers.authorization ?? ''))) {
    return [401, { error: { code: 'Unauthorized', message: 'missing bearer token' } }];
  }
  if (failure?.status === 429) {
    const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
    return [429, { error: { code: 'Throttled', message: 'Too many requests' } }, headers];
  }
  if (failure) return [failure.status, { error: { code: failure.status === 403 ? 'BotNotInConversationRoster' : 'ServiceError', message: 'fake failure' } }];

  const parts = call.path.split('/').filter(Boolean); // v3, conversations, {id}, activities, {activityId}
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return notFound();
  if (parts.length === 2 && call.method === 'POST') {
    const n = nextId();
    return [201, { id: `a:fake-conversation-${n}`, activityId: messageId(n) }];
  }
  if (parts.length === 4 && parts[3] === 'activities' && call.method === 'POST') return [201, { id: messageId(nextId()) }];
  if (parts.length === 5 && parts[3] === 'activities') {
    if (call.method === 'PUT') return [200, { id: parts[4] }];
    if (call.method === 'POST') return [201, { id: messageId(nextId()) }];
    if (call.method === 'DELETE') return [200, {}];
  }
  return notFound();
}

/** Keeps what a successful post, replace or delete did to the conversation, as Teams would show it. */
function hold(messages: HeldMessage[], call: Omit<ConnectorCall, 'status' | 'response'>, [status, payload]: Answer): void {
  const conversationId = /^\/v3\/conversations\/([^/]+)\/activities/.exec(call.path)?.[1];
  if (!conversationId || status >= 300) return;
  const activity = (call.body ?? {}) as Record<string, unknown>;
  const activityId = call.path.split('/')[5];
  const now = new Date();
  if (call.method === 'POST') {
    // A reply (POST …/activities/{id}) goes into the thread of {id}, as toThreadedConversationId names it.
    const where = activityId && !conversationId.includes(';') ? `${conversationId};messageid=${activityId}` : conversationId;
    messages.push({ conversationId: where, id: (payload as { id: string }).id, activity, createdAt: now, lastModifiedAt: now });
    return;
  }
  const i = messages.findIndex((m) => m.id === activityId);
  if (i < 0) return;
  if (call.method === 'PUT') Object.assign(messages[i]!, { activity, lastModifiedAt: now });
  if (call.method === 'DELETE') messages.splice(i, 1);
}

/** createConversation with someone the bot cannot reach (app not installed for them, no team in common). */
function refusesChat(call: Omit<ConnectorCall, 'status' | 'response'>, unreachable: ReadonlySet<string>): Answer | null {
  if (call.method !== 'POST' || call.path !== '/v3/conversations') return null;
  const members = ((call.body as { members?: Array<{ id?: string }> } | undefined)?.members ?? []).map((m) => m.id ?? '');
  if (!members.some((id) => unreachable.has(id))) return null;
  return [403, { error: { code: 'BadArgument', message: "Bot is not installed in user's personal scope" } }];
}

function refusesPost(call: Omit<ConnectorCall, 'status' | 'response'>, refuseIn: ReadonlySet<string>): Answer | null {
  const conversation = /^\/v3\/conversations\/([^/]+)\/activities/.exec(call.path)?.[1];
  if (!conversation || !refuseIn.has(conversation)) return null;
  return [403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }];
}

/** Teams message ids are numeric (epoch ms); the SDK's toThreadedConversationId insists on it. */
function messageId(n: number): string {
  return String(1_700_000_000_000 + n);
}

function notFound(): Answer {
  return [404, { error: { code: 'NotFound', message: 'no such route on the fake Bot Connector' } }];
}

function signJwt(claims: BotFrameworkClaims, key: KeyObject, kid: string): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: claims.iss ?? ISSUER,
    aud: claims.aud,
    serviceurl: claims.serviceurl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + (claims.expiresIn ?? 3600),
  };
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(payload)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url');
  return `${unsigned}.${signature}`;
}


function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
