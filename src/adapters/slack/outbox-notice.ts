// Owns the chat.notice outbox kind on Slack: reminders, breaches, surges, blocks and emergency mode,
// to whoever noticeRecipients says, each message once (keyed by the job), mentioning who must see it.
import { noticeRecipients, parseNoticeAudience, type NoticeRecipients } from '../../policy/notice-recipients.js';
import type { Person } from '../../policy/policy-people-schema.js';
import { payloadString } from '../../services/load-case-view.js';
import type { OutboxHandler, OutboxJob } from '../../services/outbox-handler.js';
import { withSlackErrors } from './map-slack-error.js';
import { TRIAGE_PURPOSE } from './outbox-card-refresh.js';
import { sendCaseMessage } from './send-case-message.js';
import type { SlackDeps } from './slack-deps.js';
import { escapeAndCut, mrkdwn, userMention } from './slack-text.js';

export function createNoticeHandler(deps: SlackDeps): OutboxHandler {
  return (job) => withSlackErrors(() => sendNotice(deps, job));
}

async function sendNotice(deps: SlackDeps, job: OutboxJob): Promise<Record<string, unknown>> {
  const text = payloadString(job.payload, 'text');
  const caseId = typeof job.payload['caseId'] === 'string' ? job.payload['caseId'] : null;
  const ownerId = typeof job.payload['ownerId'] === 'string' ? job.payload['ownerId'] : null;
  const to = noticeRecipients(deps.ctx.policy, parseNoticeAudience(job.payload['audience']), ownerId);
  const link = job.payload['linkToCard'] === true && caseId ? await cardPermalink(deps, caseId) : null;
  const where: string[] = [];
  const post = async (key: string, channel: string, threadTs: string | null, people: readonly Person[]) => {
    const message = render(text, people, link);
    if (caseId) await sendCaseMessage(deps, { caseId, purpose: `notice:${job.key}:${key}`, channel, threadTs, ...message });
    // A desk-wide notice has no case to key a message row on: it goes straight out (a retry after a lost answer may repeat it).
    else {
      await deps.pacer.waitForTurn('slack', channel, `${job.key}:${key}`);
      await deps.client.chat.postMessage({ channel, ...message });
    }
    where.push(channel);
  };
  if (to.inCardThread && caseId) {
    const card = await deps.cardMessages.get(caseId, 'slack', TRIAGE_PURPOSE);
    if (card?.messageId) await post('thread', card.channel, card.messageId, to.notify);
    else if (deps.ctx.policy.channels.triage.slack) await post('triage', deps.ctx.policy.channels.triage.slack, null, to.notify);
  }
  for (const channel of channelsOf(to)) await post(`channel:${channel}`, channel, null, to.notify);
  for (const person of to.direct.filter((p) => p.slack)) {
    const dm = await deps.client.conversations.open({ users: person.slack as string });
    if (dm.channel?.id) await post(`dm:${person.slack}`, dm.channel.id, null, []);
  }
  return { postedTo: where };
}

function channelsOf(to: NoticeRecipients): string[] {
  return to.channels.map((c) => c.slack).filter((c): c is string => Boolean(c));
}

/** A link to the case's card where it was posted (chat.getPermalink needs no scope), or null before it is. */
async function cardPermalink(deps: SlackDeps, caseId: string): Promise<string | null> {
  const card = await deps.cardMessages.get(caseId, 'slack', TRIAGE_PURPOSE);
  if (!card?.messageId) return null;
  const answer = await deps.client.chat.getPermalink({ channel: card.channel, message_ts: card.messageId });
  return answer.permalink ?? null;
}

function render(text: string, people: readonly Person[], link: string | null) {
  const mentions = people.filter((p) => p.slack).map((p) => userMention(p.slack as string)).join(' ');
  const body = `${escapeAndCut(text, 2500).text}${link ? ` <${link}|Open the card>` : ''}${mentions ? `\n${mentions}` : ''}`;
  return { text, blocks: [{ type: 'section' as const, text: mrkdwn(body) }] };
}
