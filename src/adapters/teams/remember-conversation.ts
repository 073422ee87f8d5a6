// Owns remembering where Teams lets the bot write: the team and the channel picked at install, any channel
// the bot is used in, and each person's 1:1 chat, as conversation references in conversation_refs.
import type { ConversationReference } from '@microsoft/teams.api';
import { seenKey, userKey } from './pg-conversation-ref-repository.js';
import type { TeamsDeps } from './teams-deps.js';

export interface SeenActivity {
  readonly conversation: { readonly id: string; readonly conversationType?: unknown };
  readonly from?: { readonly id?: string | undefined; readonly aadObjectId?: string | undefined } | undefined;
  readonly channelData?: {
    readonly team?: { readonly id?: string | undefined; readonly aadGroupId?: string | undefined } | undefined;
    readonly channel?: { readonly id?: string | undefined } | undefined;
    readonly settings?: { readonly selectedChannel?: { readonly id?: string | undefined } | undefined } | undefined;
  } | undefined;
}

/** Every place this activity says the bot can reach; returns the keys it stored. */
export async function rememberConversation(deps: Pick<TeamsDeps, 'refs'>, activity: SeenActivity, ref: ConversationReference): Promise<string[]> {
  const at = (id: string): ConversationReference => ({ ...ref, conversation: { ...ref.conversation, id } });
  const saved = new Map<string, ConversationReference>();
  const data = activity.channelData;
  if (activity.conversation.conversationType === 'personal') {
    const aad = activity.from?.aadObjectId;
    if (aad) saved.set(userKey(aad), ref);
  } else {
    // A channel thread's id is "<channel>;messageid=<root>": the channel is what later posts need.
    const base = activity.conversation.id.split(';')[0] ?? activity.conversation.id;
    const channels = [base, data?.team?.id, data?.channel?.id, data?.settings?.selectedChannel?.id].filter((id): id is string => Boolean(id));
    for (const id of channels) saved.set(id, at(id));
    await rememberTeam(deps, [...new Set(channels)], data?.team);
  }
  // The person's MRI, for the user ids a card's refresh names (load-personal-view.ts).
  const aad = activity.from?.aadObjectId;
  if (aad && activity.from?.id) saved.set(seenKey(aad), ref);
  for (const [key, value] of saved) await deps.refs.save(key, value);
  return [...saved.keys()];
}

/**
 * Which team these channels are in, for reading them through Graph: Teams names the team's Entra group on the
 * install and other team events; a message names only the team's id, whose group an earlier event recorded.
 */
async function rememberTeam(deps: Pick<TeamsDeps, 'refs'>, channelIds: readonly string[], team: { id?: string | undefined; aadGroupId?: string | undefined } | undefined): Promise<void> {
  const group = team?.aadGroupId ?? (team?.id ? await deps.refs.teamOf(team.id) : null);
  if (group) await deps.refs.saveTeamOf(channelIds, group);
}
