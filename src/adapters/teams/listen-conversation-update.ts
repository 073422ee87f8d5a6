// Owns conversationUpdate: when the bot is added to a team, a channel or a chat, remember where it can post
// (the channel the installer picked included), say hello there with what to do next (welcome-text.ts), and,
// in a picked channel, bring the open cases' cards to Teams (cases that arrived before the install have none yet).
import type { OutboxItem } from '../../services/ports.js';
import type { DeskTeamsApp } from './create-teams-app.js';
import { rememberConversation } from './remember-conversation.js';
import type { TeamsDeps } from './teams-deps.js';
import { fromAnotherTenant } from './tenant-guard.js';
import { SURFACE } from './teams-deps.js';
import type { InstallPlace } from './welcome-text.js';

export const WELCOME_KIND = 'chat.welcome';

/** A conversation with no channel picked: a team (its General channel), a 1:1 chat or a group chat. */
function placeOf(conversationType: unknown): InstallPlace {
  return conversationType === 'personal' ? 'personal' : conversationType === 'groupChat' ? 'groupChat' : 'team';
}
const OPEN_CARDS_LIMIT = 200;

export function registerConversationUpdate(app: DeskTeamsApp, deps: TeamsDeps): void {
  app.on('conversationUpdate', async ({ activity, ref }) => {
    if (fromAnotherTenant(deps.tenantId, activity)) return void deps.log.warn({ tenant: activity.conversation?.tenantId }, 'a Teams install in another tenant was turned away');
    const keys = await rememberConversation(deps, activity, ref);
    const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id) ?? false;
    deps.log.info({ keys, botAdded, eventType: activity.channelData?.eventType }, 'Teams told the bot where it can post');
    if (!botAdded) return;
    const channel = activity.channelData?.settings?.selectedChannel?.id;
    if (!channel) {
      // No channel picked, or a 1:1 or group chat: never silent, the hello says what the admin does next.
      const conversationId = activity.conversation.id.split(';')[0] ?? activity.conversation.id;
      const installer = activity.from?.aadObjectId;
      const payload = { surface: SURFACE, conversationId, place: placeOf(activity.conversation.conversationType), ...(installer ? { installerAadId: installer } : {}) };
      return void (await deps.ctx.store.outbox.enqueue([{ key: `teams:welcome:${conversationId}`, kind: WELCOME_KIND, payload }]));
    }
    // Through the outbox like every Bot Connector call, once per channel (the keys), with Retry-After honoured.
    const open = await deps.ctx.store.cases.list({ states: ['new', 'claimed', 'waiting'], limit: OPEN_CARDS_LIMIT });
    const items: OutboxItem[] = [
      { key: `teams:welcome:${channel}`, kind: WELCOME_KIND, payload: { surface: SURFACE, conversationId: channel } },
      ...open.map((c): OutboxItem => ({ key: `card:${SURFACE}:${c.id}:install:${channel}`, kind: 'chat.card.refresh', caseId: c.id, payload: { caseId: c.id, surface: SURFACE } })),
    ];
    await deps.ctx.store.outbox.enqueue(items);
  });
}
