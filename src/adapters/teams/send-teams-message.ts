// Owns putting one of a case's messages in Teams: post it once (services/post-once.ts), or replace it in place
// (PUT) when it exists. Every card carries a mark (case, purpose), so a post whose outcome was unknown (a 5xx, a
// timeout) is looked for through Microsoft Graph before it is posted again (find-teams-message.ts); where Graph
// cannot look, it is posted again and may show twice.
import type { ConversationReference } from '@microsoft/teams.api';
import { DeskError, PermanentError, RateLimitError } from '../../services/errors.js';
import { postOnce, type PostOnceResult } from '../../services/post-once.js';
import { cardMessage, type AdaptiveCard } from './adaptive-elements.js';
import { markCard } from './teams-card-mark.js';
import { refFor } from './teams-conversations.js';
import { SURFACE, type TeamsDeps } from './teams-deps.js';

export interface TeamsCaseMessage {
  readonly caseId: string;
  readonly purpose: string;
  /** A channel id, a channel thread ("19:…;messageid=…") or a 1:1 chat id. */
  readonly conversationId: string;
  /** Given when already known (a 1:1 chat just opened); else looked up from conversationId. */
  readonly ref?: ConversationReference;
  readonly threadId?: string | null;
  readonly card: AdaptiveCard;
  /** Cards and requests are redrawn on every refresh; a thread line never changes. */
  readonly redraw: boolean;
}

export async function sendTeamsMessage(deps: TeamsDeps, m: TeamsCaseMessage): Promise<PostOnceResult> {
  const existing = await deps.cardMessages.get(m.caseId, SURFACE, m.purpose);
  if (existing?.messageId) {
    if (m.redraw) await updateTeamsMessage(deps, { caseId: m.caseId, purpose: m.purpose, conversationId: existing.channel, card: m.card }, existing.messageId);
    return { channel: existing.channel, ts: existing.messageId, created: false };
  }
  const posted = await postOnce(deps.cardMessages, {
    surface: SURFACE,
    caseId: m.caseId,
    purpose: m.purpose,
    channel: m.conversationId,
    threadTs: m.threadId ?? null,
    certainlyNotSent,
    post: async () => {
      const ref = m.ref ?? (await refFor(deps, m.conversationId));
      const sent = await deps.transport.send(ref, cardMessage(markCard(m.card, m.caseId, m.purpose)));
      return { channel: m.conversationId, ts: sent.id };
    },
    find: (window) => deps.messageFinder.find({ conversationId: m.conversationId, threadId: m.threadId ?? null }, window, m.caseId, m.purpose),
    // Without Graph nothing can be found, so waiting for a slow post to land would gain nothing before posting again.
    unanswered: (e) => deps.messageFinder.canLook && unanswered(e),
  });
  // Found from an earlier attempt: it may show an older state of the case.
  if (!posted.created && m.redraw) await updateTeamsMessage(deps, { caseId: m.caseId, purpose: m.purpose, conversationId: posted.channel, card: m.card }, posted.ts);
  return posted;
}

/** Replaces a posted card for everyone (PUT); one deleted in Teams is forgotten, so the next refresh posts it again. */
export async function updateTeamsMessage(deps: TeamsDeps, m: Pick<TeamsCaseMessage, 'caseId' | 'purpose' | 'conversationId' | 'card'>, activityId: string): Promise<void> {
  try {
    await deps.transport.update(await refFor(deps, m.conversationId), activityId, cardMessage(markCard(m.card, m.caseId, m.purpose)));
  } catch (e) {
    if (!(e instanceof PermanentError && /answered 404\b/.test(e.message))) throw e;
    await deps.cardMessages.forget(m.caseId, SURFACE, m.purpose);
    throw new Error(`the ${m.purpose} message of ${m.caseId} was deleted in Teams; it will be posted again`, { cause: e });
  }
}

/** Teams certainly did not post: it said 429 or refused (4xx), or we never got as far as calling it. */
export function certainlyNotSent(e: unknown): boolean {
  return e instanceof RateLimitError || e instanceof PermanentError;
}

/** No answer at all (our timeout, a dropped connection): the post may still be on its way and land later. */
function unanswered(e: unknown): boolean {
  return e instanceof DeskError && e.code === 'teams_unreachable';
}
