// Owns the chat.notice outbox kind on Teams (reminders, breaches, surges, blocks, emergency mode): to whoever
// noticeRecipients says (the same policy function Slack uses), each message once, naming who must see it; a
// person Teams will not let the bot write to is named in the case's thread instead (reach-person.ts).
import type { ConversationReference } from '@microsoft/teams.api';
import { noticeRecipients, parseNoticeAudience } from '../../policy/notice-recipients.js';
import type { Person } from '../../policy/policy-people-schema.js';
import { PermanentError } from '../../services/errors.js';
import { payloadString } from '../../services/load-case-view.js';
import type { OutboxHandler, OutboxJob } from '../../services/outbox-handler.js';
import { cardMessage } from './adaptive-elements.js';
import { cardDeepLink } from './card-deep-link.js';
import { cardThread } from './outbox-thread-line.js';
import { renderLineCard } from './render-line-card.js';
import { sendTeamsMessage } from './send-teams-message.js';
import { deliverToPerson } from './reach-person.js';
import { directChat, refFor } from './teams-conversations.js';
import { SURFACE, TRIAGE_PURPOSE, type TeamsDeps } from './teams-deps.js';
import { mentionOf } from './teams-text.js';

type InTeams = Person & { teams: string };

export function createNoticeHandler(deps: TeamsDeps): OutboxHandler {
  return (job) => {
    const caseId = typeof job.payload['caseId'] === 'string' ? job.payload['caseId'] : null;
    return caseId ? deps.locks.run(caseId, () => sendNotice(deps, job, caseId)) : sendNotice(deps, job, null);
  };
}

async function sendNotice(deps: TeamsDeps, job: OutboxJob, caseId: string | null): Promise<Record<string, unknown>> {
  const text = payloadString(job.payload, 'text');
  const ownerId = typeof job.payload['ownerId'] === 'string' ? job.payload['ownerId'] : null;
  const to = noticeRecipients(deps.ctx.policy, parseNoticeAudience(job.payload['audience']), ownerId);
  const notify = inTeams(to.notify);
  const link = await cardLink(deps, job, caseId);
  const where: string[] = [];
  const post = async (key: string, conversationId: string, threadId: string | null, people: readonly InTeams[], ref?: ConversationReference) => {
    const card = renderLineCard(text, people.map((p) => mentionOf(p.teams, p.name)), people.length ? 'Attention' : undefined, link);
    if (caseId) await sendTeamsMessage(deps, { caseId, purpose: `notice:${job.key}:${key}`, conversationId, threadId, card, redraw: false, ...(ref ? { ref } : {}) });
    // A desk-wide notice has no case to key a message row on: it goes straight out (a retry after a lost answer may repeat it).
    else await deps.transport.send(ref ?? (await refFor(deps, conversationId)), cardMessage(card));
    where.push(conversationId);
  };
  if (to.inCardThread && caseId) {
    const posted = await deps.cardMessages.get(caseId, SURFACE, TRIAGE_PURPOSE);
    const triage = deps.ctx.policy.channels.triage.teams;
    if (posted?.messageId) {
      const thread = await cardThread(deps, caseId, 'the notice');
      await post('thread', thread.conversationId, thread.rootId, notify);
    } else if (triage) await post('triage', triage, null, notify);
  }
  for (const channel of to.channels.map((c) => c.teams).filter((c): c is string => Boolean(c))) await post(`channel:${channel}`, channel, null, notify);
  for (const person of inTeams(to.direct)) {
    const key = `chat:${person.teams}`;
    // Open (or create) the 1:1 chat only if this notice has not reached the person already.
    const done = caseId ? await deps.cardMessages.get(caseId, SURFACE, `notice:${job.key}:${key}`) : null;
    if (done?.messageId) continue;
    if (caseId) {
      const what = `The notice "${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
      await deliverToPerson(deps, { caseId, userId: person.teams, name: person.name, what }, (reach) =>
        reach.kind === 'chat' ? post(key, reach.conversationId, null, [], reach.ref) : post(key, reach.conversationId, reach.threadId, [person]),
      );
    } else await postDeskWide(deps, person, (ref) => post(key, ref.conversation.id, null, [], ref), (channel) => post(key, channel, null, [person]));
  }
  return { postedTo: where };
}

/** "Open the card" for a notice that asks for it (a case given to someone), once the card is posted. */
async function cardLink(deps: TeamsDeps, job: OutboxJob, caseId: string | null): Promise<{ title: string; url: string } | undefined> {
  if (job.payload['linkToCard'] !== true || !caseId) return undefined;
  const card = await deps.cardMessages.get(caseId, SURFACE, TRIAGE_PURPOSE);
  return card?.messageId ? { title: 'Open the card', url: cardDeepLink(card, deps.tenantId) } : undefined;
}

/** A notice about no case has no thread to fall back to: the triage channel, naming the person, and the log says why. */
async function postDeskWide(deps: TeamsDeps, person: InTeams, inChat: (ref: ConversationReference) => Promise<void>, inChannel: (channel: string) => Promise<void>): Promise<void> {
  try {
    return await inChat(await directChat(deps, person.teams, person.name));
  } catch (e) {
    // Unreachable, or their chat refused it (the app removed since): a 429 or an outage is retried instead.
    const triage = deps.ctx.policy.channels.triage.teams;
    if (!(e instanceof PermanentError) || !triage) throw e;
    deps.log.warn({ user: person.teams, err: e, hint: e.hint }, 'a desk-wide notice for one person goes to the triage channel, naming them');
    await inChannel(triage);
  }
}

function inTeams(people: readonly Person[]): InTeams[] {
  return people.filter((p): p is InTeams => typeof p.teams === 'string');
}
