// Owns a fake X API v2 on 127.0.0.1 for tests: the mentions timeline with since_id and next_token pages,
// posting replies, hiding, blocking and DMs, in the shapes X documents; records calls; fails on demand.
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

export interface FakeXApi {
  /** X_API_URL for the desk. */
  readonly url: string;
  readonly calls: readonly XCall[];
  callsTo(method: string, path: string | RegExp): XCall[];
  failNext(method: string, path: string | RegExp, failure: XFailure): void;
  /** A new mention of the council by `author` (newest id so far); returns its id. */
  mention(author: FakeXUser, text: string, inReplyTo?: string): string;
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
export async function startFakeXApi(o: { userId: string; bearerToken: string; pageSize?: number }): Promise<FakeXApi> {
  const calls: XCall[] = [];
  const failures: Array<{ method: string; path: string | RegExp; failure: XFailure }> = [];
  const mentions: FakeTweet[] = [];
  const users = new Map<string, FakeXUser>();
  const posted: FakeTweet[] = [];
  const hidden = new Map<string, boolean>();
  const blocked = new Set<string>();
  const dms: Array<{ id: string; text: string; sender_id: string; participant: string; created_at: string }> = [];
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

  function handle(method: string, path: string, q: Record<string, string>, body: Record<string, unknown>, auth: string): [number, unknown] {
    const reading = method === 'GET';
    if (reading ? auth !== `Bearer ${o.bearerToken}` && !auth.startsWith('OAuth ') : !/^OAuth .*oauth_signature="[^"]+"/.test(auth)) {
      return [401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }];
    }
    let m: RegExpExecArray | null;
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
    if ((m = /^\/2\/dm_conversations\/with\/(\d+)\/(messages|dm_events)$/.exec(path))) {
      if (method === 'POST') {
        const e = { id: newId(), text: String(body['text'] ?? ''), sender_id: o.userId, participant: m[1]!, created_at: new Date().toISOString() };
        dms.push(e);
        return [201, { data: { dm_conversation_id: `${o.userId}-${m[1]}`, dm_event_id: e.id } }];
      }
      return [200, { data: dms.filter((d) => d.participant === m![1]).reverse(), meta: {} }];
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
