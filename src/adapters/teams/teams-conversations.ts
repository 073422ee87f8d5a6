// Owns turning "post in this channel" or "write to this person" into a conversation reference the Bot Connector
// takes: the one Teams gave us for it, or one built from any stored reference (same bot, tenant, serviceUrl).
import type { ConversationReference } from '@microsoft/teams.api';
import { PermanentError } from '../../services/errors.js';
import { userKey } from './pg-conversation-ref-repository.js';
import type { TeamsDeps } from './teams-deps.js';

const NOT_INSTALLED = 'Add the Mention Desk app to the team that holds the triage channel (Teams: Apps > Manage your apps > Upload, then "Add to a team"), so Teams tells the bot where it may post.';

/** A reference for a conversation id: a channel, a channel thread ("…;messageid=…") or a 1:1 chat. */
export async function refFor(deps: TeamsDeps, conversationId: string): Promise<ConversationReference> {
  const base = conversationId.split(';')[0] ?? conversationId;
  const exact = await deps.refs.get(base);
  if (exact) return { ...exact, conversation: { ...exact.conversation, id: conversationId } };
  const template = await deps.refs.latest();
  if (!template) throw new PermanentError(`Teams has not told the bot about any team or chat yet, so it cannot post to ${base}`, NOT_INSTALLED);
  // Borrowed from another conversation: only the bot, the tenant and the serviceUrl carry over.
  const { tenantId } = template.conversation;
  const conversationType = conversationId.startsWith('a:') ? 'personal' : 'channel'; // 1:1 chat ids start "a:"
  return { serviceUrl: template.serviceUrl, channelId: template.channelId, bot: template.bot, conversation: { id: conversationId, conversationType, ...(tenantId ? { tenantId } : {}) } };
}

/** The 1:1 chat with a person: the one they have with the bot, or a new one (createConversation). */
export async function directChat(deps: TeamsDeps, aadObjectId: string, name: string): Promise<ConversationReference> {
  const known = await deps.refs.get(userKey(aadObjectId));
  if (known) return known;
  const template = await deps.refs.latest();
  if (!template) throw new PermanentError(`cannot open a Teams chat with ${name}: the bot has not been installed anywhere yet`, NOT_INSTALLED);
  const tenantId = template.conversation.tenantId;
  // Teams takes the person's Entra object id as the member id; the tenant says which directory it is in.
  const created = await deps.transport.createConversation(template.serviceUrl, {
    members: [{ id: aadObjectId, name, role: 'user' }],
    ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
  });
  const ref: ConversationReference = {
    ...template,
    conversation: { id: created.id, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) },
    user: { id: aadObjectId, name, aadObjectId, role: 'user' },
  };
  await deps.refs.save(userKey(aadObjectId), ref);
  return ref;
}
