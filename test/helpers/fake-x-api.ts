// Owns a fake X API v2 on 127.0.0.1 for tests: the mentions timeline with since_id and next_token pages,
// DM events newest first with next_token pages, posting replies, hiding, blocking and sending DMs, in
// the shapes X documents (DM endpoints refuse app-only tokens, as X does); records calls; fails on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface XCall {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: Record<string, unknown>;
  readonly authorization: string;
  status: number;
}

export interface XFailure {
  readonly status: number;
  readonly body?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  readonly afterProcessing?: boolean;
  /** Only a call whose query passes this is failed (e.g. the second page: q => !!q.pagination_token). */
  readonly onlyIf?: (query: Record<string, string>) => boolean;
}

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  referenced_tweets?: Array<{ type: string; id: string }>;
}

export interface FakeXUser {
  id: string;
  name: string;
  username: string;
  verified: boolean;
  public_metrics: { followers_count: number; following_count: number; tweet_count: number; listed_count: number };
}

/** A DM event with every field X can return for it (GET answers keep only those asked for). */
export interface FakeDmEvent {
  id: string;
  event_type: 'MessageCreate';
  text: string;
  sender_id: string;
  dm_conversation_id: string;
  created_at: string;
  referenced_tweets?: Array<{ id: string }>;
  attachments?: { media_keys: string[] };
}

export interface FakeXApi {
  /** X_API_URL for the desk. */
  readonly url: string;
  readonly calls: readonly XCall[];
  callsTo(method: string, path: string | RegExp): XCall[];
  failNext(method: string, path: string | RegExp, failure: XFailure): void;
  /** A new mention of the council by `author` (newest id so far); returns its id. */
  mention(author: FakeXUser, text: string, inReplyTo?: string): string;
  /**
   * A direct message to the council from `sender`, or (sender = the council, `to` someone) one the
   * council sent outside the desk, as from the X app; returns its event id.
   */
  directMessage(sender: FakeXUser, text: string, extra?: Partial<Pick<FakeDmEvent, 'referenced_tweets' | 'attachments' | 'created_at'>> & { to?: FakeXUser }): string;
  /** Every DM event, oldest first: received and sent (through the API or directMessage). */
  readonly dms: readonly FakeDmEvent[];
  /** Posts the council's account made through the API (replies). */
  readonly posted: readonly FakeTweet[];
  readonly hidden: ReadonlyMap<string, boolean>;
  readonly blocked: ReadonlySet<string>;
  close(): Promise<void>;
}

let nextId = 1_890_000_000_000_000_000n;
const newId = () => String(++nextId);

export function xUser(id: string, username: string, followers = 250, verified = false): FakeXUser {
  return { id, name: username.replace(/_/g, ' '), username, verified, public_metrics: { followers_count: followers, following_count: 10, tweet_count: 100, listed_count: 0 } };
}

/** `pageSize` stands in for X's page length, so a test can see next_token paging with a few mentions. */
/** `tokenOwnerId`: whose account the user-context access token belongs to (GET /2/users/me); default userId. */
export async function startFakeXApi(o: { userId: string; bearerToken: string; pageSize?: number; tokenOwnerId?: string }): Promise<FakeXApi> {
  const calls: XCall[] = [];
  const failures: Array<{ method: string; path: string | RegExp; failure: XFailure }> = [];
  const mentions: FakeTweet[] = [];
  const users = new Map<string, FakeXUser>();
  const posted: FakeTweet[] = [];
  const hidden = new Map<string, boolean>();
  const blocked = new Set<string>();
  const dms: FakeDmEvent[] = [];
  // One-to-one conversation ids are the two user ids, lower first.
  const conversationWith = (other: string) => [o.userId, other].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).join('-');
  const matches = (p: string | RegExp, path: string) => (typeof p === 'string' ? p === path : p.test(path));

  function mentionsPage(q: Record<string, string>): unknown {
    const newestFirst = mentions.filter((t) => !q['since_id'] || BigInt(t.id) > BigInt(q['since_id'])).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const size = Math.min(Number(q['max_results'] ?? 10), o.pageSize ?? 100);
    const offset = q['pagination_token'] ? Number(Buffer.from(q['pagination_token'], 'base64url').toString()) : 0;
    const data = newestFirst.slice(offset, offset + size);
    if (!data.length) return { meta: { result_count: 0 } };
    const more = offset + size < newestFirst.length;
    const meta = { newest_id: data[0]!.id, oldest_id: data[data.length - 1]!.id, result_count: data.length, ...(more ? { next_token: Buffer.from(String(offset + size)).toString('base64url') } : {}) };
    const authors = [...new Set(data.map((t) => t.author_id))].map((a) => users.get(a)).filter(Boolean);
    return { data, includes: { users: authors }, meta };
  }

  /** GET /2/dm_events and the conversation lookups: newest first, next_token pages, only the fields asked for. */
  function dmEventsPage(events: FakeDmEvent[], q: Record<string, string>): unknown {
    const types = q['event_types']?.split(',');
    const newestFirst = events.filter((e) => !types || types.includes(e.event_type)).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const size = Math.min(Number(q['max_results'] ?? 100), o.pageSize ?? 100);
    const offset = q['pagination_token'] ? Number(Buffer.from(q['pagination_token'], 'base64url').toString()) : 0;
    const page = newestFirst.slice(offset, offset + size);
    const fields = new Set(['id', 'event_type', 'text', ...(q['dm_event.fields']?.split(',') ?? [])]);
    const data = page.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => fields.has(k))));
    const more = offset + size < newestFirst.length;
    const meta = { result_count: data.length, ...(more ? { next_token: Buffer.from(String(offset + size)).toString('base64url') } : {}), ...(offset ? { previous_token: Buffer.from(String(Math.max(0, offset - size))).toString('base64url') } : {}) };
    const expand = q['expansions']?.split(',').includes('sender_id');
    const senders = expand ? [...new Set(page.map((e) => e.sender_id))].map((id) => users.get(id)).filter(Boolean) : [];
    return { ...(data.length ? { data } : {}), ...(senders.length ? { includes: { users: senders } } : {}), meta };
  }

  function sendDm(conversationId: string, text: string): [number, unknown] {
    if (!text) return [400, { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request', errors: [{ message: 'text: must not be empty' }] }];
    const e: FakeDmEvent = { id: newId(), event_type: 'MessageCreate', text, sender_id: o.userId, dm_conversation_id: conversationId, created_at: new Date().toISOString() };
    dms.push(e);
    return [201, { data: { dm_conversation_id: conversationId, dm_event_id: e.id } }];
  }

  function handle(method: string, path: string, q: Record<string, string>, body: Record<string, unknown>, auth: string): [number, unknown] {
    const reading = method === 'GET';
    if (reading ? auth !== `Bearer ${o.bearerToken}` && !auth.startsWith('OAuth ') : !/^OAuth .*oauth_signature="[^"]+"/.test(auth)) {
      return [401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }];
    }
    let m: RegExpExecArray | null;
    if (reading && path === '/2/users/me') {
      if (!auth.startsWith('OAuth ')) return [403, { title: 'Unsupported Authentication', detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.', type: 'https://api.twitter.com/2/problems/unsupported-authentication', status: 403 }];
      const id = o.tokenOwnerId ?? o.userId;
      return [200, { data: { id, name: 'Example Council', username: id === o.userId ? 'examplecouncil' : 'someone_else' } }];
    }
    if (reading && (m = /^\/2\/users\/(\d+)\/mentions$/.exec(path)) && m[1] === o.userId) return [200, mentionsPage(q)];
    if (reading && (m = /^\/2\/users\/(\d+)\/tweets$/.exec(path))) {
      const since = q['start_time'] ? Date.parse(q['start_time']) : 0;
      return [200, { data: posted.filter((t) => Date.parse(t.created_at) >= since).reverse(), meta: { result_count: posted.length } }];
    }
    if (method === 'POST' && path === '/2/tweets') {
      const text = String(body['text'] ?? '');
      if (posted.some((t) => t.text === text)) return [403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }];
      const replyTo = (body['reply'] as { in_reply_to_tweet_id?: string } | undefined)?.in_reply_to_tweet_id;
      const t: FakeTweet = { id: newId(), text, author_id: o.userId, created_at: new Date().toISOString(), conversation_id: replyTo ?? '', referenced_tweets: replyTo ? [{ type: 'replied_to', id: replyTo }] : undefined };
      posted.push(t);
      return [201, { data: { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] } }];
    }
    if (method === 'PUT' && (m = /^\/2\/tweets\/(\d+)\/hidden$/.exec(path))) {
      hidden.set(m[1]!, Boolean(body['hidden']));
      return [200, { data: { hidden: Boolean(body['hidden']) } }];
    }
    if (method === 'POST' && /^\/2\/users\/\d+\/blocking$/.test(path)) {
      blocked.add(String(body['target_user_id']));
      return [200, { data: { blocking: true } }];
    }
    if (method === 'DELETE' && (m = /^\/2\/users\/\d+\/blocking\/(\d+)$/.exec(path))) {
      blocked.delete(m[1]!);
      return [200, { data: { blocking: false } }];
    }
    if (/^\/2\/dm_(events|conversations)\b/.test(path) && !auth.startsWith('OAuth ')) {
      // X: "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint."
      return [403, { title: 'Unsupported Authentication', detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].', type: 'https://api.twitter.com/2/problems/unsupported-authentication', status: 403 }];
    }
    if (reading && path === '/2/dm_events') return [200, dmEventsPage(dms, q)];
    if ((m = /^\/2\/dm_conversations\/with\/(\d+)\/(messages|dm_events)$/.exec(path))) {
      const conversation = conversationWith(m[1]!);
      if (method === 'POST' && m[2] === 'messages') return sendDm(conversation, String(body['text'] ?? ''));
      if (reading && m[2] === 'dm_events') return [200, dmEventsPage(dms.filter((d) => d.dm_conversation_id === conversation), q)];
    }
    if ((m = /^\/2\/dm_conversations\/([\d-]+)\/(messages|dm_events)$/.exec(path))) {
      const conversation = m[1]!;
      if (method === 'POST' && m[2] === 'messages') return sendDm(conversation, String(body['text'] ?? ''));
      if (reading && m[2] === 'dm_events') return [200, dmEventsPage(dms.filter((d) => d.dm_conversation_id === conversation), q)];
    }
    return [404, { title: 'Not Found Error', detail: `Could not find ${method} ${path}`, type: 'about:blank', status: 404 }];
  }

  const server = createServer((req, res) => void serve(req, res));
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const call: XCall = { method: req.method ?? 'GET', path: u.pathname, query: Object.fromEntries(u.searchParams), body, authorization: req.headers.authorization ?? '', status: 200 };
    calls.push(call);
    const i = failures.findIndex((f) => f.method === call.method && matches(f.path, call.path) && (f.failure.onlyIf?.(call.query) ?? true));
    const failure = i >= 0 ? failures.splice(i, 1)[0]!.failure : null;
    let [status, answer] = failure && !failure.afterProcessing ? [0, null] : handle(call.method, call.path, call.query, body, call.authorization);
    if (failure) [status, answer] = [failure.status, failure.body ?? { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: failure.status }];
    call.status = status;
    res.writeHead(status, { 'content-type': 'application/json', ...failure?.headers });
    res.end(JSON.stringify(answer));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (method, path) => calls.filter((c) => c.method === method && matches(path, c.path)),
    failNext: (method, path, failure) => void failures.push({ method, path, failure }),
    mention(author, text, inReplyTo) {
      users.set(author.id, author);
      const id = newId();
      mentions.push({ id, text, author_id: author.id, created_at: new Date().toISOString(), conversation_id: inReplyTo ?? id, ...(inReplyTo ? { referenced_tweets: [{ type: 'replied_to', id: inReplyTo }] } : {}) });
      return id;
    },
    directMessage(sender, text, { to, ...extra } = {}) {
      users.set(sender.id, sender);
      const other = sender.id === o.userId ? to?.id : sender.id;
      if (!other) throw new Error('fake X: the council\'s own DM needs `to`');
      const e: FakeDmEvent = { id: newId(), event_type: 'MessageCreate', text, sender_id: sender.id, dm_conversation_id: conversationWith(other), created_at: new Date().toISOString(), ...extra };
      dms.push(e);
      return e.id;
    },
    dms,
    posted,
    hidden,
    blocked,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
