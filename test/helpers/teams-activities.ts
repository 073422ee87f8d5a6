// Owns Teams activities in the shapes the Bot Connector POSTs them to /api/messages, and the POST.
import { randomUUID } from 'node:crypto';

export interface TeamsFixture {
  serviceUrl: string;
  /** The bot's Microsoft app id; Teams addresses the bot as "28:<appId>". */
  botAppId?: string;
  botName?: string;
  tenantId?: string;
}

export const TENANT_ID = '72f988bf-0000-4000-8000-2d7cd011db47';
export const TEAM_ID = '19:c1aa0e3a9b3d4c8a8f2f0e1d2c3b4a59@thread.tacv2'; // also the General channel id
export const DESK_CHANNEL_ID = '19:5a1d0c2e7f8b4e6d9c3a2b1f0e9d8c7b@thread.tacv2';
/** The team's Entra group id, which Teams gives on team events (channelData.team.aadGroupId) and Graph names it by. */
export const TEAM_AAD_GROUP_ID = 'b0f5a0d2-0000-4000-8000-00000000team';
export const USER = { id: '29:1a2b3c-fake-user', name: 'Priya Shah', aadObjectId: '6f1c2d3e-0000-4000-8000-00000000a11c' };

type Activity = Record<string, unknown>;

function base(fx: TeamsFixture, type: string): Activity {
  const botAppId = fx.botAppId ?? 'local-unauthenticated-bot';
  return {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: fx.serviceUrl,
    recipient: { id: `28:${botAppId}`, name: fx.botName ?? 'Mention Desk' },
    locale: 'en-GB',
    localTimezone: 'Europe/London',
  };
}

function tenant(fx: TeamsFixture) {
  return fx.tenantId ?? TENANT_ID;
}

/** Bot installed in a team: membersAdded holds the bot; the channel the installer picked is in settings. */
export function buildBotAddedToTeam(
  fx: TeamsFixture,
  /** selectedChannelId null: no channel picked (the classic team install): Teams then sends no settings. */
  opts: { teamId?: string; teamName?: string; selectedChannelId?: string | null } = {},
): Activity {
  const teamId = opts.teamId ?? TEAM_ID;
  const activity = base(fx, 'conversationUpdate');
  return {
    ...activity,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant(fx), id: teamId },
    membersAdded: [{ id: (activity.recipient as { id: string }).id }],
    channelData: {
      team: { aadGroupId: TEAM_AAD_GROUP_ID, name: opts.teamName ?? 'Comms Team', id: teamId },
      eventType: 'teamMemberAdded',
      tenant: { id: tenant(fx) },
      ...(opts.selectedChannelId === null ? {} : { settings: { selectedChannel: { id: opts.selectedChannelId ?? DESK_CHANNEL_ID } } }),
    },
  };
}

export const GROUP_CHAT_ID = '19:7c2f0a9e4b1d4f3a8e6c5b2a1d0f9e8c@thread.v2';

/** The app added to a person's 1:1 chat (personal scope): membersAdded holds the bot; `from` is the person. */
export function buildBotAddedToPersonal(fx: TeamsFixture): Activity {
  const activity = base(fx, 'conversationUpdate');
  return {
    ...activity,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: tenant(fx), id: `a:1personal-${USER.aadObjectId}` },
    membersAdded: [{ id: (activity.recipient as { id: string }).id }],
    channelData: { tenant: { id: tenant(fx) } },
  };
}

/** The app added to a group chat: membersAdded holds the bot; no team, no channel. */
export function buildBotAddedToGroupChat(fx: TeamsFixture): Activity {
  const activity = base(fx, 'conversationUpdate');
  return {
    ...activity,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: tenant(fx), id: GROUP_CHAT_ID },
    membersAdded: [{ id: (activity.recipient as { id: string }).id }],
    channelData: { tenant: { id: tenant(fx) } },
  };
}

/** A channel post in the desk queue channel that @mentions the bot (the root of its own thread). */
export function buildChannelMessage(fx: TeamsFixture, opts: { text: string; channelId?: string; teamId?: string }): Activity {
  const activity = base(fx, 'message');
  const channelId = opts.channelId ?? DESK_CHANNEL_ID;
  const recipient = activity.recipient as { id: string; name: string };
  const mention = `<at>${recipient.name}</at>`;
  return {
    ...activity,
    text: `${mention} ${opts.text}`,
    textFormat: 'plain',
    from: { ...USER },
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: tenant(fx),
      id: `${channelId};messageid=${activity.id as string}`,
    },
    entities: [
      { type: 'mention', mentioned: { id: recipient.id, name: recipient.name }, text: mention },
      { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' },
    ],
    channelData: {
      teamsChannelId: channelId,
      teamsTeamId: opts.teamId ?? TEAM_ID,
      channel: { id: channelId },
      team: { id: opts.teamId ?? TEAM_ID },
      tenant: { id: tenant(fx) },
    },
  };
}

/** A 1:1 chat message from a user to the bot. */
export function buildPersonalMessage(fx: TeamsFixture, opts: { text: string }): Activity {
  return {
    ...base(fx, 'message'),
    text: opts.text,
    textFormat: 'plain',
    from: { ...USER },
    conversation: { conversationType: 'personal', tenantId: tenant(fx), id: `a:1personal-${USER.aadObjectId}` },
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
    channelData: { tenant: { id: tenant(fx) } },
  };
}

/** A click on an Action.Execute button of a card the bot posted in the desk channel. */
export function buildCardAction(
  fx: TeamsFixture,
  /** trigger 'automatic': Teams asking for the card's refresh as this user looks at it; 'manual': a click. */
  opts: { verb: string; data?: Record<string, unknown>; cardActivityId?: string; channelId?: string; user?: typeof USER; trigger?: 'automatic' | 'manual' },
): Activity {
  const channelId = opts.channelId ?? DESK_CHANNEL_ID;
  const cardActivityId = opts.cardActivityId ?? '1700000000001';
  return {
    ...base(fx, 'invoke'),
    name: 'adaptiveCard/action',
    from: { ...(opts.user ?? USER) },
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: tenant(fx),
      id: `${channelId};messageid=${cardActivityId}`,
    },
    replyToId: cardActivityId,
    value: {
      action: { type: 'Action.Execute', id: `${opts.verb}-button`, verb: opts.verb, data: opts.data ?? {} },
      trigger: opts.trigger ?? 'manual',
    },
    channelData: {
      channel: { id: channelId },
      team: { id: TEAM_ID },
      tenant: { id: tenant(fx) },
      source: { name: 'message' },
    },
  };
}

export interface PostedActivity {
  status: number;
  body: unknown;
}

/** POSTs an activity as the Bot Connector does; `jwt` becomes the Bearer token. */
export async function postActivity(
  baseUrl: string,
  activity: Activity,
  options: { jwt?: string; path?: string } = {},
): Promise<PostedActivity> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.jwt !== undefined) headers.authorization = `Bearer ${options.jwt}`;
  const res = await fetch(new URL(options.path ?? '/api/messages', baseUrl), {
    method: 'POST',
    headers,
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown ;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, body };
}
