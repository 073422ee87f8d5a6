// Owns the fake Web API's answers: the documented success shapes of the methods Mention Desk uses,
// and the documented error strings for the mistakes worth catching in tests.

export type SlackBody = Record<string, unknown>;

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  display_name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
}

/** A channel the fake knows by id: conversations.info answers for it, and posting honours membership. */
export interface FakeSlackChannel {
  name: string;
  /** Whether the bot is in it (default true): posting to a channel it is not in is not_in_channel, as in Slack. */
  member?: boolean;
  archived?: boolean;
  private?: boolean;
}

export interface FakeSlackState {
  teamId: string;
  appId: string;
  botUserId: string;
  botId: string;
  socketUrl: () => string;
  users: Map<string, FakeSlackUser>;
  usergroups: Map<string, string[]>;
  /** Channels the fake knows; posting to any other is allowed (most tests never declare their channels). */
  channels: Map<string, FakeSlackChannel>;
  /** Messages posted per channel, oldest first, as conversations.history and .replies return them. */
  messages: Map<string, SlackBody[]>;
  nextTs: () => string;
  nextId: (prefix: string) => string;
}

type Handler = (body: SlackBody, token: string, state: FakeSlackState) => SlackBody;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function message(body: SlackBody, state: FakeSlackState, ts: string): SlackBody {
  return {
    type: 'message',
    text: body.text ?? '',
    user: state.botUserId,
    bot_id: state.botId,
    app_id: state.appId,
    ts,
    ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
    ...(str(body.thread_ts) ? { thread_ts: body.thread_ts } : {}),
    ...(typeof body.metadata === 'object' && body.metadata !== null ? { metadata: body.metadata } : {}),
  };
}

function stored(s: FakeSlackState, channel: string): SlackBody[] {
  const list = s.messages.get(channel) ?? [];
  s.messages.set(channel, list);
  return list;
}

/**
 * Newest first, between `oldest` and `latest` (inclusive when asked), one page of `limit` (100 by default) with a
 * cursor to the next; metadata only when asked for with include_all_metadata, as Slack does.
 */
function page(messages: SlackBody[], body: SlackBody): SlackBody {
  const oldest = Number(str(body.oldest) ?? '0');
  const latest = Number(str(body.latest) ?? 'Infinity');
  const inclusive = body.inclusive === 'true' || body.inclusive === true;
  const inside = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
  const withMetadata = body.include_all_metadata === 'true' || body.include_all_metadata === true;
  const all = messages
    .filter((m) => inside(Number(m.ts)))
    .map((m) => (withMetadata ? m : Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'metadata'))))
    .reverse();
  const from = Number(str(body.cursor) ?? '0');
  const limit = Number(str(body.limit) ?? body.limit ?? 100);
  const next = from + limit < all.length ? String(from + limit) : '';
  return { messages: all.slice(from, from + limit), has_more: next !== '', response_metadata: { next_cursor: next } };
}

function view(body: SlackBody, state: FakeSlackState, existingId?: string): SlackBody {
  const requested = (typeof body.view === 'object' && body.view !== null ? body.view : {}) as SlackBody;
  const id = existingId ?? state.nextId('V');
  return {
    id,
    team_id: state.teamId,
    type: requested.type ?? 'modal',
    blocks: requested.blocks ?? [],
    private_metadata: requested.private_metadata ?? '',
    callback_id: requested.callback_id ?? '',
    external_id: requested.external_id ?? str(body.external_id) ?? '',
    state: { values: {} },
    hash: state.nextId('h'),
    title: requested.title,
    submit: requested.submit,
    close: requested.close,
    clear_on_close: false,
    notify_on_close: false,
    previous_view_id: null,
    root_view_id: id,
    app_id: state.appId,
    app_installed_team_id: state.teamId,
    bot_id: state.botId,
  };
}

function userObject(user: FakeSlackUser, teamId: string): SlackBody {
  const realName = user.real_name ?? user.name ?? user.id;
  const displayName = user.display_name ?? '';
  return {
    id: user.id,
    team_id: teamId,
    name: user.name ?? realName.toLowerCase().replace(/\s+/g, '.'),
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? 'Europe/London',
    tz_label: 'British Summer Time',
    tz_offset: 3600,
    is_bot: user.is_bot ?? false,
    is_admin: false,
    is_owner: false,
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: displayName,
      display_name_normalized: displayName,
      team: teamId,
    },
  };
}

export const methods: Record<string, Handler> = {
  'auth.test': (_body, _token, s) => ({
    ok: true,
    url: 'https://mention-desk-test.slack.com/',
    team: 'Mention Desk Test',
    user: 'mention_desk',
    team_id: s.teamId,
    user_id: s.botUserId,
    bot_id: s.botId,
    is_enterprise_install: false,
  }),
  'chat.postMessage': (body, _token, s) => {
    const channel = str(body.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const known = s.channels.get(channel);
    if (known?.archived) return { ok: false, error: 'is_archived' };
    if (known && known.member === false) return { ok: false, error: known.private ? 'channel_not_found' : 'not_in_channel' };
    if (!str(body.text) && body.blocks === undefined) return { ok: false, error: 'no_text' };
    const ts = s.nextTs();
    const posted = message(body, s, ts);
    stored(s, channel).push(posted);
    return { ok: true, channel, ts, message: posted };
  },
  'chat.update': (body, _token, s) => {
    const channel = str(body.channel);
    const ts = str(body.ts);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const list = stored(s, channel);
    const index = list.findIndex((m) => m.ts === ts);
    if (!ts || index < 0) return { ok: false, error: 'message_not_found' };
    const before = list[index] as SlackBody;
    const updated = { ...message(body, s, ts as string), ...(before.thread_ts ? { thread_ts: before.thread_ts } : {}), ...(before.metadata ? { metadata: before.metadata } : {}), edited: { user: s.botUserId, ts: s.nextTs() } };
    list[index] = updated;
    return { ok: true, channel, ts, text: body.text ?? '', message: updated };
  },
  'conversations.info': (body, _token, s) => {
    const id = str(body.channel) ?? '';
    const c = s.channels.get(id);
    // A private channel the bot is not in is invisible to it.
    if (!c || (c.private && c.member === false)) return { ok: false, error: 'channel_not_found' };
    return { ok: true, channel: { id, name: c.name, is_channel: !c.private, is_private: c.private ?? false, is_archived: c.archived ?? false, is_member: c.member ?? true } };
  },
  'conversations.history': (body, _token, s) => {
    const channel = str(body.channel);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const top = stored(s, channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    return { ok: true, ...page(top, body) };
  },
  'conversations.replies': (body, _token, s) => {
    const channel = str(body.channel);
    const ts = str(body.ts);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const thread = stored(s, channel).filter((m) => m.ts === ts || m.thread_ts === ts);
    if (!thread.length) return { ok: false, error: 'thread_not_found' };
    // Replies come oldest first; the parent stays first.
    const answer = page(thread, { ...body, limit: thread.length || 1 });
    return { ok: true, ...answer, messages: (answer.messages as SlackBody[]).reverse() };
  },
  'chat.getPermalink': (body, _token, s) => {
    const channel = str(body.channel);
    const ts = str(body.message_ts);
    if (!channel || !stored(s, channel).some((m) => m.ts === ts)) return { ok: false, error: 'message_not_found' };
    return { ok: true, channel, permalink: `https://example.slack.com/archives/${channel}/p${ts?.replace('.', '')}` };
  },
  'chat.postEphemeral': (body, _token, s) => {
    if (!str(body.channel)) return { ok: false, error: 'channel_not_found' };
    if (!str(body.user)) return { ok: false, error: 'user_not_in_channel' };
    return { ok: true, message_ts: s.nextTs() };
  },
  'views.open': (body, _token, s) => {
    if (!str(body.trigger_id) && !str(body.interactivity_pointer)) return { ok: false, error: 'invalid_arguments' };
    return { ok: true, view: view(body, s) };
  },
  'views.update': (body, _token, s) => {
    if (!str(body.view_id) && !str(body.external_id)) return { ok: false, error: 'not_found' };
    return { ok: true, view: view(body, s, str(body.view_id)) };
  },
  'views.publish': (body, _token, s) => {
    if (!str(body.user_id)) return { ok: false, error: 'invalid_arguments' };
    return { ok: true, view: view(body, s) };
  },
  'usergroups.users.list': (body, _token, s) => {
    const members = s.usergroups.get(str(body.usergroup) ?? '');
    return members ? { ok: true, users: [...members] } : { ok: false, error: 'no_such_subteam' };
  },
  'users.info': (body, _token, s) => {
    const user = s.users.get(str(body.user) ?? '');
    return user ? { ok: true, user: userObject(user, s.teamId) } : { ok: false, error: 'user_not_found' };
  },
  'conversations.open': (body) => {
    const users = str(body.users)?.split(',') ?? [];
    const first = users[0];
    if (first === undefined) return { ok: false, error: 'users_list_not_supplied' };
    // Deterministic DM ids make assertions easy: U0ANA -> D0ANA.
    return { ok: true, no_op: true, already_open: true, channel: { id: `D${first.slice(1)}` } };
  },
  'apps.connections.open': (_body, token, s) => {
    // Slack only accepts an app-level token here; a bot token means the wiring is wrong.
    if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    return { ok: true, url: s.socketUrl() };
  },
};
