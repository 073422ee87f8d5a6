// Owns turning "post in this channel" or "write to this person" into a conversation reference the Bot Connector
// takes: the one Teams gave us for it, or one built from any stored reference (same bot, tenant, serviceUrl).
import type { ConversationReference } from '@microsoft/teams.api';
import { PermanentError, RateLimitError } from '../../services/errors.js';
import { GraphRefusal } from './ms-graph.js';
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

/** A person the bot cannot write to directly: the caller falls back to a visible post and records why. */
export class PersonUnreachableError extends PermanentError {
  constructor(readonly person: string, readonly reason: string, hint: string | null) {
    super(`cannot message ${person} directly in Teams: ${reason}`, hint);
  }
}

const NO_GRAPH = 'Mention Desk cannot install the app for them: Microsoft Graph is off (it needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID)';
const REACH_HINT = 'Grant the app TeamsAppInstallation.ReadWriteSelfForUser.All, or pre-install it with a Teams app setup policy (manifests/teams/README.md, "Reaching everyone").';

/**
 * The 1:1 chat with a person: the one they have with the bot; else, with Graph, the app installed for them and
 * its chat (Microsoft's proactive-installation guide); else a new one (createConversation), which Teams allows
 * only when the app already reaches them (installed for them, or in a team they are in).
 * Throws PersonUnreachableError when none works; a 429 (from either), or a Bot Connector outage, is thrown as is
 * for the outbox to retry.
 */
export async function directChat(deps: TeamsDeps, aadObjectId: string, name: string): Promise<ConversationReference> {
  const known = await deps.refs.get(userKey(aadObjectId));
  if (known) return known;
  const template = await deps.refs.latest();
  if (!template) throw new PersonUnreachableError(name, 'the bot has not been installed anywhere yet', NOT_INSTALLED);
  const tenantId = template.conversation.tenantId;
  const remember = async (conversationId: string): Promise<ConversationReference> => {
    const ref: ConversationReference = {
      ...template,
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) },
      user: { id: aadObjectId, name, aadObjectId, role: 'user' },
    };
    await deps.refs.save(userKey(aadObjectId), ref);
    return ref;
  };
  const reasons: string[] = [];
  if (deps.appChats) {
    try {
      const { chatId, installed } = await deps.appChats.chatWith(aadObjectId);
      deps.log.info({ user: aadObjectId, installed }, installed ? 'installed Mention Desk for a person through Microsoft Graph' : 'found the bot\'s chat with a person through Microsoft Graph');
      return await remember(chatId);
    } catch (e) {
      // A 429 is waited out by the outbox; anything else (a refusal, an outage) leaves createConversation to try.
      if (e instanceof RateLimitError) throw e;
      reasons.push(e instanceof GraphRefusal && e.hint ? `${e.message} (${e.hint})` : e instanceof Error ? e.message : String(e));
    }
  } else reasons.push(NO_GRAPH);
  try {
    // Teams takes the person's Entra object id as the member id; the tenant says which directory it is in.
    const created = await deps.transport.createConversation(template.serviceUrl, {
      members: [{ id: aadObjectId, name, role: 'user' }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    });
    return await remember(created.id);
  } catch (e) {
    if (!(e instanceof PermanentError)) throw e;
    reasons.push(`Teams would not open a chat (${e.message})`);
  }
  throw new PersonUnreachableError(name, reasons.join('; '), REACH_HINT);
}
