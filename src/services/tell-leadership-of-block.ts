// Owns telling leadership of a block once the network has carried it out: the account, the rule, the date and when it may appeal (002 §6.3.3).
import { DateTime } from 'luxon';
import type { Case, ModerationAction } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { localDate } from '../policy/describe-account-record.js';
import { appealDate } from '../policy/moderation-ladder.js';
import type { DeskContext } from './desk-context.js';
import type { OutboxItem } from './ports.js';

const SOURCE = '002 §6.3.3';

/**
 * Dated by the block's `case.moderation.done` event, so a retry after a crash writes the same notice
 * under the same keys (the outbox keeps one). No done event, no block, nothing to tell.
 */
export async function tellLeadershipOfBlock(ctx: DeskContext, c: Case, block: ModerationAction, mention: Mention): Promise<void> {
  const done = (await ctx.store.events.forCase(c.id)).find((s) => s.event.type === 'case.moderation.done' && s.event.data.moderationId === block.id);
  if (!done) return;
  const items = blockNotices(ctx, c, block, mention, new Date(done.event.at));
  await ctx.store.transaction((uow) => uow.outbox.enqueue(items));
}

/** One `chat.notice` per surface for leadership: the Chief Executive is made aware of every block. */
export function blockNotices(ctx: Pick<DeskContext, 'policy' | 'surfaces'>, c: Case, block: ModerationAction, mention: Mention, blockedAt: Date): OutboxItem[] {
  const { policy } = ctx;
  const zone = policy.calendar.timeZone;
  const appealFrom = appealDate(blockedAt, policy);
  const rule = policy.houseRules.find((r) => r.id === block.ruleId);
  const network = policy.networks[mention.network]?.displayName ?? mention.network;
  const who = [mention.author.name, mention.author.handle ? `(@${mention.author.handle})` : ''].filter(Boolean).join(' ') || mention.author.id;
  const at = DateTime.fromJSDate(blockedAt, { zone }).toFormat('HH:mm');
  const text =
    `Account blocked on ${network}: ${who}, for ${rule?.title ?? block.ruleId}${rule ? ` (${rule.source})` : ''}, ` +
    `on ${localDate(blockedAt, zone)} at ${at}. An appeal is possible from ${localDate(appealFrom, zone)}. ` +
    `Case ${c.id}. For the Chief Executive's attention (${SOURCE}); lifting a block needs leadership's approval.`;
  return ctx.surfaces.map((surface) => ({
    key: `leadership:block:${surface}:${c.id}:${block.id}`,
    kind: 'chat.notice',
    caseId: c.id,
    payload: {
      caseId: c.id, surface, audience: 'leadership', ownerId: null, text,
      authorKey: c.authorKey, ruleId: block.ruleId, blockedAt: blockedAt.toISOString(), appealFrom: appealFrom.toISOString(),
    },
  }));
}
