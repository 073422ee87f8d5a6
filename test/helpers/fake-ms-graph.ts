// Owns a fake Microsoft Graph on 127.0.0.1 for tests (test/helpers/fake-graph-api.ts is Meta's Graph API): the
// app catalog look-up, a user's installed apps (list, install, the installation's chat) and a group's transitive
// members (paged by @odata.nextLink), and the messages of a team's channels, a thread's replies and chats (what a
// fake Bot Connector holds, newest first, paged), answering in the shapes Microsoft documents: 201, 403 without
// consent, 404 for an unknown user, group or team, 409 for an app already installed, 429 with Retry-After on demand.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeldMessage } from './fake-bot-connector.js';
import { readJsonBody } from './read-json-body.js';
import { createRecorder } from './recorder.js';

export interface MsGraphCall {
  readonly method: string;
  /** Below /v1.0, decoded: /users/{id}/teamwork/installedApps */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly authorization: string;
  status: number;
}

export interface MsGraphFailure {
  readonly status: number;
  /** Seconds, sent as Retry-After. */
  readonly retryAfter?: number;
  readonly code?: string;
}

export interface FakeMsGraphOptions {
  /** The app's id in the tenant catalog (TEAMS_APP_CATALOG_ID) and its manifest id (externalId). */
  readonly catalogId: string;
  readonly externalId: string;
  /** The bot's id, which Teams puts in a 1:1 chat's id. */
  readonly botId?: string;
  /** Entra users the fake knows; anyone else is a 404. */
  readonly users: readonly string[];
  /** Group id → member ids; a member that is itself a group here is expanded (transitive). */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** Which application permissions an admin granted; all of them unless said. */
  readonly consent?: Partial<Consent>;
  /** Members per page, to exercise paging. Default 2. */
  readonly pageSize?: number;
  /** The team (its Entra group id) whose channels hold what the fake Bot Connector holds, and how to read it. */
  readonly team?: { readonly aadGroupId: string; readonly messages: () => readonly HeldMessage[] };
  /** Messages per page at most, whatever $top asks (Graph's own largest is 50). Default 50. */
  readonly messagePageSize?: number;
}

export interface Consent {
  /** TeamsAppInstallation.ReadWriteSelfForUser.All */
  installation: boolean;
  /** GroupMember.Read.All */
  groupMembers: boolean;
  /** AppCatalog.Read.All */
  catalog: boolean;
  /** ChannelMessage.Read.Group, resource-specific: the team owner consented when the app was added. */
  channelMessages: boolean;
  /** ChatMessage.Read.Chat, resource-specific. */
  chatMessages: boolean;
}

export interface FakeMsGraph {
  /** MICROSOFT_GRAPH_URL for the desk (the desk adds /v1.0). */
  readonly url: string;
  readonly calls: readonly MsGraphCall[];
  callsTo(method: string, path: RegExp): MsGraphCall[];
  /** The next call matching gets this failure (queued in order). */
  failNext(method: string, path: RegExp, failure: MsGraphFailure): void;
  /** Decides, for every call with no queued failure, whether Graph fails it (null: answer). */
  setChaos(chaos: ((call: { method: string; path: string }) => MsGraphFailure | null) | null): void;
  readonly consent: Consent;
  /** Users the app is installed for (personal scope), with the installation id. */
  readonly installedFor: Map<string, string>;
  chatIdOf(userId: string): string;
  /** Changes who is in a group, as an admin would in Entra. */
  setGroupMembers(groupId: string, members: readonly string[]): void;
  close(): Promise<void>;
}

const INSTALL_ROLES = 'TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All';

export async function startFakeMsGraph(o: FakeMsGraphOptions): Promise<FakeMsGraph> {
  const consent: Consent = { installation: true, groupMembers: true, catalog: true, channelMessages: true, chatMessages: true, ...o.consent };
  const users = new Set(o.users.map((u) => u.toLowerCase()));
  const groups = new Map(Object.entries(o.groups ?? {}).map(([g, m]) => [g.toLowerCase(), m]));
  const installedFor = new Map<string, string>();
  const recorder = createRecorder<MsGraphCall>();
  const failures: Array<{ method: string; path: RegExp; failure: MsGraphFailure }> = [];
  let chaos: ((call: { method: string; path: string }) => MsGraphFailure | null) | null = null;
  const pageSize = o.pageSize ?? 2;
  const botId = o.botId ?? 'local-unauthenticated-bot';
  const chatIdOf = (userId: string) => `19:${userId}_${botId}@unq.gbl.spaces`;
  const teamsApp = { id: o.catalogId, externalId: o.externalId, displayName: 'Mention Desk', distributionMethod: 'organization' };
  let origin = '';

  function transitive(groupId: string, seen = new Set<string>()): string[] {
    if (seen.has(groupId)) return [];
    seen.add(groupId);
    return (groups.get(groupId) ?? []).flatMap((m) => (groups.has(m.toLowerCase()) ? [m, ...transitive(m.toLowerCase(), seen)] : [m]));
  }

  function handle(method: string, path: string, q: Record<string, string>, body: unknown): Answer {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'appCatalogs' && parts[1] === 'teamsApps' && method === 'GET') {
      if (!consent.catalog) return denied();
      const wanted = /externalId eq '([^']*)'/.exec(q['$filter'] ?? '')?.[1];
      return [200, { '@odata.context': `${origin}/v1.0/$metadata#appCatalogs/teamsApps`, value: wanted === o.externalId ? [{ ...teamsApp, version: '0.1.0' }] : [] }];
    }
    if (parts[0] === 'users' && parts[2] === 'teamwork' && parts[3] === 'installedApps') {
      if (!consent.installation) return forbidden(`Missing role permissions on the request. API requires one of '${INSTALL_ROLES}'. Roles on the request ''. Resource specific consent grants on the request ''.`);
      const user = (parts[1] ?? '').toLowerCase();
      if (!users.has(user)) return notFound(`User '${parts[1]}' not found`);
      const installation = installedFor.get(user);
      if (parts.length === 4 && method === 'GET') {
        const wanted = /teamsApp\/id eq '([^']*)'/.exec(q['$filter'] ?? '')?.[1];
        return [200, { '@odata.context': `${origin}/v1.0/$metadata#users('${user}')/teamwork/installedApps(teamsApp())`, value: installation && wanted === o.catalogId ? [{ id: installation, teamsApp }] : [] }];
      }
      if (parts.length === 4 && method === 'POST') {
        const bind = String((body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'] ?? '');
        if (!bind.endsWith(`/appCatalogs/teamsApps/${o.catalogId}`)) return notFound(`The app '${bind}' is not in the app catalog`);
        if (installation) return [409, graphError('Conflict', 'App is already installed.')];
        installedFor.set(user, Buffer.from(`${user}##${o.catalogId}`).toString('base64'));
        return [201, null];
      }
      if (parts.length === 6 && parts[5] === 'chat' && method === 'GET') {
        if (decodeURIComponent(parts[4] ?? '') !== installation) return notFound('The installation does not exist');
        return [200, { '@odata.context': `${origin}/v1.0/$metadata#chats/$entity`, id: chatIdOf(user) }];
      }
    }
    if (parts[0] === 'groups' && parts[2] === 'transitiveMembers' && method === 'GET') {
      if (!consent.groupMembers) return denied();
      const group = (parts[1] ?? '').toLowerCase();
      if (!groups.has(group)) return notFound(`Resource '${parts[1]}' does not exist or one of its queried reference-property objects are not present.`, 'Request_ResourceNotFound');
      const all = transitive(group);
      const size = Math.min(pageSize, Number(q['$top'] ?? pageSize));
      const from = Number(q['$skiptoken'] ?? 0);
      const value = all.slice(from, from + size).map((id) => ({ '@odata.type': groups.has(id.toLowerCase()) ? '#microsoft.graph.group' : '#microsoft.graph.user', id }));
      const next = from + size < all.length ? { '@odata.nextLink': `${origin}/v1.0/groups/${parts[1]}/transitiveMembers?$select=id&$top=${size}&$skiptoken=${from + size}` } : {};
      return [200, { '@odata.context': `${origin}/v1.0/$metadata#directoryObjects(id)`, value, ...next }];
    }
    if ((parts[0] === 'teams' || parts[0] === 'chats') && method === 'GET') return messagesAt(parts, q);
    return [400, graphError('BadRequest', `Resource not found for the segment '${parts[0] ?? ''}'.`)];
  }

  /** /teams/{group}/channels/{channel}/messages[/{id}/replies] or /chats/{chat}/messages: newest first, paged. */
  function messagesAt(parts: string[], q: Record<string, string>): Answer {
    const inChat = parts[0] === 'chats';
    const where = inChat ? parts[1] : parts[3];
    const isList = inChat ? parts.length === 3 && parts[2] === 'messages' : parts[2] === 'channels' && parts[4] === 'messages' && (parts.length === 5 || (parts.length === 7 && parts[6] === 'replies'));
    if (!isList || !where) return [400, graphError('BadRequest', `Resource not found for the segment '${parts.at(-1) ?? ''}'.`)];
    if (!(inChat ? consent.chatMessages : consent.channelMessages)) {
      return forbidden(`Missing role permissions on the request. API requires one of '${inChat ? 'ChatMessage.Read.Chat, Chat.Read.All' : 'ChannelMessage.Read.Group, ChannelMessage.Read.All, Group.Read.All'}'. Roles on the request ''. Resource specific consent grants on the request ''.`);
    }
    if (!inChat && parts[1]?.toLowerCase() !== o.team?.aadGroupId.toLowerCase()) return notFound(`No team found with Group Id ${parts[1]}`);
    const conversation = parts.length === 7 ? `${where};messageid=${parts[5]}` : where;
    const all = (o.team?.messages() ?? []).filter((m) => m.conversationId === conversation).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id));
    const size = Math.min(o.messagePageSize ?? 50, Number(q['$top'] ?? 20), 50);
    const from = Number(q['$skiptoken'] ?? 0);
    const value = all.slice(from, from + size).map((m) => chatMessage(m, botId, parts.length === 7 ? (parts[5] ?? null) : null));
    const rest = new URLSearchParams({ ...q, $skiptoken: String(from + size) });
    const next = from + size < all.length ? { '@odata.nextLink': `${origin}/v1.0/${parts.map(encodeURIComponent).join('/')}?${rest}` } : {};
    return [200, { '@odata.context': `${origin}/v1.0/$metadata#chatMessages`, '@odata.count': value.length, value, ...next }];
  }

  const server = createServer((req, res) => void serve(req, res));
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(u.pathname.replace(/^\/v1\.0/, ''));
    const body = await readJsonBody(req);
    const call: MsGraphCall = { method: req.method ?? 'GET', path, query: Object.fromEntries(u.searchParams), body, authorization: req.headers.authorization ?? '', status: 0 };
    const i = failures.findIndex((f) => f.method === call.method && f.path.test(path));
    const failure = i >= 0 ? failures.splice(i, 1)[0]!.failure : (chaos?.(call) ?? null);
    const [status, answer, headers] = !/^Bearer \S+/.test(call.authorization)
      ? ([401, graphError('InvalidAuthenticationToken', 'Access token is empty.')] as Answer)
      : failure
        ? failed(failure)
        : handle(call.method, path, call.query, body);
    call.status = status;
    recorder.push(call);
    res.writeHead(status, { ...(answer === null ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(answer === null ? undefined : JSON.stringify(answer));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    calls: recorder.items,
    callsTo: (method, path) => recorder.items.filter((c) => c.method === method && path.test(c.path)),
    failNext: (method, path, failure) => void failures.push({ method, path, failure }),
    setChaos: (c) => void (chaos = c),
    consent,
    installedFor,
    chatIdOf,
    setGroupMembers: (groupId, members) => void groups.set(groupId.toLowerCase(), members),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Answer = [status: number, body: unknown, headers?: Record<string, string>];

function graphError(code: string, message: string): { error: Record<string, unknown> } {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
}

/** A chatMessage as Graph lists it: a bot's card is an attachment whose content is the card's JSON as a string. */
function chatMessage(m: HeldMessage, botId: string, replyToId: string | null): Record<string, unknown> {
  const attachments = ((m.activity['attachments'] ?? []) as Array<{ contentType?: string; content?: unknown }>).map((a, i) => ({
    id: `${m.id}-${i}`, contentType: a.contentType ?? null, contentUrl: null, content: typeof a.content === 'string' ? a.content : JSON.stringify(a.content ?? null), name: null, thumbnailUrl: null, teamsAppId: null,
  }));
  return {
    id: m.id, replyToId, etag: String(m.lastModifiedAt.getTime()), messageType: 'message',
    createdDateTime: m.createdAt.toISOString(), lastModifiedDateTime: m.lastModifiedAt.toISOString(), deletedDateTime: null,
    subject: null, summary: null, importance: 'normal', locale: 'en-us',
    from: { application: { '@odata.type': '#microsoft.graph.teamworkApplicationIdentity', id: botId, displayName: 'Mention Desk', applicationIdentityType: 'bot' }, device: null, user: null },
    body: { contentType: 'html', content: attachments.map((a) => `<attachment id="${a.id}"></attachment>`).join('') || String(m.activity['text'] ?? '') },
    attachments, mentions: [], reactions: [],
  };
}

function forbidden(message: string): Answer {
  return [403, graphError('Forbidden', message)];
}

/** What directory APIs answer when the app lacks the permission. */
function denied(): Answer {
  return [403, graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')];
}

function notFound(message: string, code = 'NotFound'): Answer {
  return [404, graphError(code, message)];
}

function failed(f: MsGraphFailure): Answer {
  if (f.status === 429) return [429, graphError(f.code ?? 'TooManyRequests', 'Too many requests.'), f.retryAfter === undefined ? {} : { 'retry-after': String(f.retryAfter) }];
  return [f.status, graphError(f.code ?? 'ServiceUnavailable', 'fake failure')];
}
