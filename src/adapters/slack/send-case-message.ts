// Owns putting one of a case's messages in Slack: post it once (post-once.ts), or edit it in place when it exists.
import type { types } from '@slack/bolt';
import { deskMetadata, findDeskMessage } from './message-metadata.js';
import { slackErrorCode } from './map-slack-error.js';
import { certainlyNotSent } from './map-slack-error.js';
import { postOnce, type PostOnceResult } from '../../services/post-once.js';
import type { SlackDeps } from './slack-deps.js';

export interface CaseMessage {
  readonly caseId: string;
  readonly purpose: string;
  readonly channel: string;
  readonly threadTs?: string | null;
  readonly text: string;
  readonly blocks?: types.KnownBlock[];
}

/** Posts the message if it was never posted, else brings the posted one up to date. */
export async function sendCaseMessage(deps: SlackDeps, m: CaseMessage): Promise<PostOnceResult> {
  const existing = await deps.cardMessages.get(m.caseId, 'slack', m.purpose);
  if (existing?.messageId) {
    // A thread line never changes; cards and requests are redrawn.
    if (m.blocks) await updateMessage(deps, { ...m, channel: existing.channel }, existing.messageId);
    return { channel: existing.channel, ts: existing.messageId, created: false };
  }
  // Before the post is reserved: a deferral here leaves nothing to look for on the next attempt.
  await deps.pacer.waitForTurn('slack', m.channel, `${m.caseId}:${m.purpose}`);
  const posted = await postOnce(deps.cardMessages, {
    surface: 'slack',
    certainlyNotSent,
    caseId: m.caseId,
    purpose: m.purpose,
    channel: m.channel,
    threadTs: m.threadTs ?? null,
    post: async () => {
      const res = await deps.client.chat.postMessage({
        channel: m.channel,
        text: m.text,
        ...(m.blocks ? { blocks: m.blocks } : {}),
        ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
        metadata: deskMetadata(m.caseId, m.purpose),
        // A resident's link must not unfurl into the team's channel.
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!res.ts) throw new Error('chat.postMessage answered ok without a ts');
      return { channel: res.channel ?? m.channel, ts: res.ts };
    },
    find: (window) => findDeskMessage(deps.client, { channel: m.channel, threadTs: m.threadTs ?? null, ...window }, m.caseId, m.purpose),
  });
  // Found from an earlier attempt: it may show an older state of the case.
  if (!posted.created && m.blocks) await updateMessage(deps, { ...m, channel: posted.channel }, posted.ts);
  return posted;
}

/** Edits a posted message; one deleted in Slack is forgotten, so the next refresh posts it again. */
export async function updateMessage(deps: SlackDeps, m: CaseMessage, ts: string): Promise<void> {
  try {
    await deps.client.chat.update({ channel: m.channel, ts, text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
  } catch (e) {
    if (slackErrorCode(e) !== 'message_not_found') throw e;
    await deps.cardMessages.forget(m.caseId, 'slack', m.purpose);
    throw new Error(`the ${m.purpose} message of ${m.caseId} was deleted in Slack; it will be posted again`, { cause: e });
  }
}
