// What a new mention opens: the case, its first events (a safeguarding referral at once when needed),
// and the out-of-hours reply where the policy asks for one. Clocks count from the resident's post.
import { systemActor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import { decideCaseCommand } from '../domain/decide-case-command.js';
import type { CaseEvent } from '../domain/events.js';
import { evolveCase } from '../domain/evolve-case.js';
import { authorKey, type Mention } from '../domain/mention.js';
import { buildCaseOpened } from '../domain/open-case.js';
import { analyseSentiment } from '../policy/sentiment.js';
import { autoReplyNightKey, outOfHoursAutoReply } from '../policy/out-of-hours.js';
import type { PostTime } from '../policy/post-time.js';
import { deadlinesFor } from '../policy/response-clocks.js';
import { readMention, type MentionReading } from '../policy/read-mention.js';
import { safeguardingMessage } from '../policy/safeguarding.js';
import type { DeskContext } from './desk-context.js';
import { decisionContext } from './execute-case-command.js';
import type { OutboxItem } from './ports.js';

export interface OpenedCase {
  readonly case: Case;
  readonly events: readonly CaseEvent[];
  readonly extraEffects: readonly OutboxItem[];
}

/**
 * `reading` is the mention read once through every detector (src/policy/read-mention.ts); intake reading a
 * batch passes it along, otherwise it is read here.
 */
export function openCaseForMention(
  ctx: DeskContext, caseId: string, mentionId: string, mention: Mention, receivedAt: Date, posted: PostTime,
  reading: MentionReading = readMention(ctx.policy, mention, ctx.learned?.current()),
): OpenedCase {
  const from = posted.countsFrom;
  const opened = buildCaseOpened(
    {
      caseId,
      mentionId,
      network: mention.network,
      authorKey: authorKey(mention),
      receivedAt,
      postedAt: from,
      postedAtAdjusted: posted.adjusted,
      postedOutOfHours: !ctx.calendar.isOpen(from),
      risk: reading.risk,
      sentiment: analyseSentiment(mention.text).label,
      deadlines: { ...deadlinesFor(ctx.policy, ctx.calendar, 'opened', from), ...foiDeadlines(ctx, reading, from) },
    },
    systemActor(),
  );
  const openedCase = evolveCase(null, opened);
  const referral = safeguardingReferral(ctx, openedCase, reading);
  const referred = referral.reduce<Case>((x, e) => evolveCase(x, e), openedCase);
  const routed = reputationalRouting(ctx, referred, reading);
  const c = routed.reduce<Case>((x, e) => evolveCase(x, e), referred);
  return { case: c, events: [opened, ...referral, ...routed], extraEffects: outOfHoursReply(ctx, c, mention, receivedAt) };
}

/** A safeguarding concern or a threat goes at once to the safeguarding lead, in or out of hours (004 §2). */
function safeguardingReferral(ctx: DeskContext, c: Case, reading: MentionReading): readonly CaseEvent[] {
  if (!reading.safeguarding.length) return [];
  const reason = [safeguardingMessage(reading.safeguarding), reading.safeguardingNote].filter(Boolean).join(' ');
  const decision = decideCaseCommand(c, { type: 'case.escalate', target: { type: 'safeguarding' }, reason }, decisionContext(ctx, systemActor()));
  return decision.ok ? decision.events : [];
}

/**
 * High reputational risk (an influential author, the press, a controversial subject) is routed to the comms
 * manager at once and offered for leadership escalation (001 triage matrix option 5); the offer is on the card.
 */
function reputationalRouting(ctx: DeskContext, c: Case, reading: MentionReading): readonly CaseEvent[] {
  if (!reading.reputational.length) return [];
  const decision = decideCaseCommand(c, { type: 'case.reputation.flag', reasons: reading.reputational }, decisionContext(ctx, systemActor()));
  return decision.ok ? decision.events : [];
}

/**
 * An FOI request is received when it is posted (FOIA s.10(1)): when the bot recognises one, its
 * clock starts now, from the post; an officer classifying it later keeps that start.
 */
function foiDeadlines(ctx: DeskContext, reading: MentionReading, postedAt: Date): Record<string, string> {
  if (!reading.foi) return {};
  return deadlinesFor(ctx.policy, ctx.calendar, 'classified_foi', postedAt);
}

/**
 * Where the policy asks for it, one out-of-hours reply. Judged at arrival, not at the post: the
 * reply goes now, so it must say what is true now (a Sunday post read on Monday morning gets none).
 * One per author per closed spell: the key makes a second impossible.
 */
function outOfHoursReply(ctx: DeskContext, c: Case, mention: Mention, receivedAt: Date): OutboxItem[] {
  const text = outOfHoursAutoReply(ctx.policy, ctx.calendar, mention, receivedAt);
  if (!text) return [];
  const key = `ooh:${autoReplyNightKey(ctx.calendar, authorKey(mention), receivedAt)}`;
  return [{ key, kind: 'network.auto_reply', caseId: c.id, payload: { caseId: c.id, text } }];
}
