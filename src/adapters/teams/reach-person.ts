// Owns where a message for one person goes: their 1:1 chat with the bot (opened or installed for them as
// teams-conversations.ts can), or, when Teams will not let the bot write to them, the case card's thread in the
// triage channel with an @mention of them, the miss recorded on the case with its reason. Never a silent loss.
import type { ConversationReference } from '@microsoft/teams.api';
import { PermanentError } from '../../services/errors.js';
import { recordUndeliveredMessage } from '../../services/record-undelivered-message.js';
import { cardThread } from './outbox-thread-line.js';
import { directChat, PersonUnreachableError } from './teams-conversations.js';
import type { TeamsDeps } from './teams-deps.js';
import { mentionOf, type TeamsMention } from './teams-text.js';

export type PersonReach =
  | { readonly kind: 'chat'; readonly conversationId: string; readonly ref: ConversationReference }
  | { readonly kind: 'thread'; readonly conversationId: string; readonly threadId: string; readonly mention: TeamsMention; readonly reason: string };

export interface ReachRequest {
  readonly caseId: string;
  readonly userId: string;
  readonly name: string;
  /** What the message is, for the record: "The escalation". */
  readonly what: string;
}

export async function reachPerson(deps: TeamsDeps, r: ReachRequest): Promise<PersonReach> {
  try {
    const ref = await directChat(deps, r.userId, r.name);
    return { kind: 'chat', conversationId: ref.conversation.id, ref };
  } catch (e) {
    if (!(e instanceof PersonUnreachableError)) throw e;
    return fallBack(deps, r, e.reason, e.hint);
  }
}

/**
 * Sends with `post` where reachPerson says; a chat Teams refuses the message in (403: the app was removed, 404:
 * the chat is gone) falls back to the thread too. A 429 or an outage is thrown, for the outbox to retry.
 */
export async function deliverToPerson<T>(deps: TeamsDeps, r: ReachRequest, post: (reach: PersonReach) => Promise<T>): Promise<T> {
  const reach = await reachPerson(deps, r);
  try {
    return await post(reach);
  } catch (e) {
    if (reach.kind !== 'chat' || !(e instanceof PermanentError)) throw e;
    return post(await fallBack(deps, r, `Teams refused it in their chat with the bot (${e.message})`, e.hint));
  }
}

async function fallBack(deps: TeamsDeps, r: ReachRequest, reason: string, hint: string | null): Promise<PersonReach> {
  const thread = await cardThread(deps, r.caseId, `${r.what.toLowerCase()} for ${r.name}`);
  deps.log.warn({ caseId: r.caseId, user: r.userId, reason, hint }, "a direct message falls back to the case's thread in the triage channel");
  await recordUndeliveredMessage(deps.ctx, { caseId: r.caseId, person: r.name, what: r.what, reason, instead: `It was posted in the case's thread in the Teams triage channel, mentioning ${r.name}.` });
  return { kind: 'thread', conversationId: thread.conversationId, threadId: thread.rootId, mention: mentionOf(r.userId, r.name), reason };
}
