// Owns putting on a case's record that a message meant for one person could not reach them directly, and why
// (e.g. Teams would not let the bot write to them): once per message, however often its delivery is retried.
import { systemActor } from '../domain/actor.js';
import type { DeskContext } from './desk-context.js';
import { executeCaseCommand } from './execute-case-command.js';

/** The rule id the note carries, so reports and the FOI trail can find every undelivered direct message. */
export const UNDELIVERED_RULE = 'delivery:direct-message';

export interface UndeliveredMessage {
  readonly caseId: string;
  /** Who it was for. */
  readonly person: string;
  /** What it was, in words: "The escalation", "The reminder". */
  readonly what: string;
  /** Where it went instead, in words. */
  readonly instead: string;
  readonly reason: string;
}

export function undeliveredText(m: UndeliveredMessage): string {
  return `${m.what} could not be sent to ${m.person} directly: ${m.reason}. ${m.instead}`;
}

export async function recordUndeliveredMessage(ctx: DeskContext, m: UndeliveredMessage): Promise<void> {
  const text = undeliveredText(m);
  // A retry after the note was stored (but before the outbox heard) must not note it twice.
  const already = (await ctx.store.events.forCase(m.caseId)).some((s) => s.event.type === 'case.noted' && s.event.rule === UNDELIVERED_RULE && s.event.data.text === text);
  if (already) return;
  const result = await executeCaseCommand(ctx, { caseId: m.caseId, seenVersion: null, command: { type: 'case.note', text, rule: UNDELIVERED_RULE }, actor: systemActor() });
  if (!result.ok) throw new Error(`could not record on ${m.caseId} that a message to ${m.person} was not delivered: ${result.refusal.message}`);
}
