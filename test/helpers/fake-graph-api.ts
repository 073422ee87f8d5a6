// Owns a fake Meta Graph API on 127.0.0.1 for tests: comments, replies, Messenger sends, hide, delete,
// page bans and Instagram lookups, in the shapes Meta documents; records every call; fails on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphCall {
  readonly method: string;
  /** Without the version prefix, e.g. '/123_456/comments'. */
  readonly path: string;
  /** The Graph API version the call named ('v25.0'), or '' when it named none. */
  readonly version: string;
  readonly query: Record<string, string>;
  readonly body: Record<string, unknown>;
  readonly authorization: string;
  /** What the fake answered. */
  status: number;
}

export interface GraphFailure {
  readonly status: number;
  /** Graph's error object, e.g. { code: 100, error_subcode: 33, message: '…' }; default a 500 "unknown error". */
  readonly error?: Record<string, unknown>;
  /** The fake does the work, then answers with the failure: an unknown outcome for the caller. */
  readonly afterProcessing?: boolean;
  readonly headers?: Record<string, string>;
}

export interface FakeComment {
  id: string;
  parent: string;
  from: { id: string; name?: string; username?: string };
  message: string;
  created_time: string;
  is_hidden?: boolean;
}

export interface FakeGraphApi {
  /** META_GRAPH_API_URL for the desk (the host; the desk adds its version): 'http://127.0.0.1:PORT'. */
  readonly url: string;
  readonly calls: readonly GraphCall[];
  callsTo(method: string, path: string | RegExp): GraphCall[];
  /** Queue a failure for the next call matching; queued failures are used in order. */
  failNext(method: string, path: string | RegExp, failure: GraphFailure): void;
  /** Comments (and replies, Messenger sends) the fake holds, by parent id. */
  commentsOn(parentId: string): FakeComment[];
  readonly hidden: ReadonlyMap<string, boolean>;
  readonly deleted: ReadonlySet<string>;
  readonly blocked: ReadonlySet<string>;
  /** Answers for Instagram lookups (GET /{comment-id}, mentioned_comment …), by object id. */
  setObject(id: string, body: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startFakeGraphApi(o: { pageId: string; instagramAccountId?: string }): Promise<FakeGraphApi> {
  const calls: GraphCall[] = [];
  const failures: Array<{ method: string; path: string | RegExp; failure: GraphFailure }> = [];
  const comments: FakeComment[] = [];
  const hidden = new Map<string, boolean>();
  const deleted = new Set<string>();
  const blocked = new Set<string>();
  const objects = new Map<string, Record<string, unknown>>();
  let seq = 0;
  const matches = (p: string | RegExp, path: string) => (typeof p === 'string' ? p === path : p.test(path));

  function handle(method: string, path: string, q: Record<string, string>, body: Record<string, unknown>): [number, unknown] {
    const parts = path.split('/').filter(Boolean);
    const [id, edge] = [parts[0] ?? '', parts[1]];
    if (deleted.has(id)) return graphError(400, { code: 100, error_subcode: 33, message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` });
    const now = new Date().toISOString();
    if (method === 'POST' && (edge === 'comments' || edge === 'replies')) {
      const isIg = edge === 'replies';
      const from = isIg ? { id: o.instagramAccountId ?? 'ig', username: 'examplecouncil' } : { id: o.pageId, name: 'Example Council' };
      const c: FakeComment = { id: `${id}_${++seq}`, parent: id, from, message: String(body['message'] ?? ''), created_time: now };
      comments.push(c);
      return [200, { id: c.id }];
    }
    if (method === 'GET' && (edge === 'comments' || edge === 'replies')) {
      const data = comments.filter((c) => c.parent === id).reverse().map((c) => (edge === 'replies' ? { id: c.id, text: c.message, from: c.from, timestamp: c.created_time } : { id: c.id, message: c.message, from: c.from, created_time: c.created_time }));
      return [200, { data, paging: { cursors: {} } }];
    }
    if (method === 'POST' && id === o.pageId && edge === 'messages') {
      const recipient = (body['recipient'] ?? {}) as Record<string, string>;
      const to = recipient['id'] ?? recipient['comment_id'] ?? recipient['post_id'] ?? '';
      // Facebook takes one private reply per comment or visitor post, and refuses the second with #10900.
      if (!recipient['id'] && comments.some((c) => c.parent === `messages:${to}`)) {
        return [400, { error: { message: '(#10900) Activity already replied to', type: 'OAuthException', code: 10900, fbtrace_id: 'AbCdEf' } }];
      }
      const message = (body['message'] ?? {}) as Record<string, string>;
      const mid = `m_${++seq}`;
      comments.push({ id: mid, parent: `messages:${to}`, from: { id: o.pageId }, message: message['text'] ?? '', created_time: now });
      return [200, { recipient_id: to, message_id: mid }];
    }
    if (method === 'GET' && id === o.pageId && edge === 'conversations') {
      const data = comments.filter((c) => c.parent === `messages:${q['user_id']}`).reverse().map((c) => ({ id: c.id, message: c.message, from: c.from, created_time: c.created_time }));
      return [200, { data: data.length ? [{ id: `t_${q['user_id']}`, messages: { data } }] : [] }];
    }
    if (id === o.pageId && edge === 'blocked') {
      const ids = [body['user'], body['psid'], q['user'], q['psid']].flat().filter((x): x is string => typeof x === 'string');
      if (method === 'POST') {
        ids.forEach((x) => blocked.add(x));
        return [200, Object.fromEntries(ids.map((x) => [x, true]))];
      }
      ids.forEach((x) => blocked.delete(x));
      return [200, { success: true }];
    }
    if (!edge && method === 'POST' && ('is_hidden' in body || 'hide' in body)) {
      hidden.set(id, Boolean(body['is_hidden'] ?? body['hide']));
      return [200, { success: true }];
    }
    if (!edge && method === 'DELETE') {
      deleted.add(id);
      return [200, { success: true }];
    }
    if (!edge && method === 'GET' && objects.has(id)) return [200, objects.get(id)];
    return graphError(400, { code: 100, message: `Unsupported ${method.toLowerCase()} request to /${path}` });
  }

  const server = createServer((req, res) => void serve(req, res));
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const version = /^\/(v\d+\.\d+)(?=\/)/.exec(u.pathname)?.[1] ?? '';
    const path = version ? u.pathname.slice(version.length + 1) : u.pathname;
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const call: GraphCall = { method: req.method ?? 'GET', path, version, query: Object.fromEntries(u.searchParams), body, authorization: req.headers.authorization ?? '', status: 200 };
    calls.push(call);
    const i = failures.findIndex((f) => f.method === call.method && matches(f.path, path));
    const failure = i >= 0 ? failures.splice(i, 1)[0]!.failure : null;
    let [status, answer] = failure && !failure.afterProcessing ? [0, null] : handle(call.method, path, call.query, body);
    if (failure) [status, answer] = [failure.status, { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1, fbtrace_id: 'Afake', ...failure.error } }];
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
    commentsOn: (parentId) => comments.filter((c) => c.parent === parentId),
    hidden,
    deleted,
    blocked,
    setObject: (id, body) => void objects.set(id, body),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function graphError(status: number, error: Record<string, unknown>): [number, unknown] {
  return [status, { error: { type: 'OAuthException', fbtrace_id: 'Afake', ...error } }];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, type: string): Record<string, unknown> {
  if (!raw) return {};
  if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}
