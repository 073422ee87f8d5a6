// Owns "correct the facts once, then stop" (004 §6) on a card: a thread whose rumour was answered is not offered another reply.
import type { Case } from '../domain/case.js';
import type { CardButton, Tone } from './card-model.js';

/** The case on the same thread that was closed with the facts corrected. */
export interface ThreadCorrection {
  readonly caseId: string;
}

/**
 * On a thread where the facts were already corrected, a further reply is not suggested: the card says so and
 * the Reply button is no longer the suggested action (it stays, plain, for a genuine new question).
 */
export function factsCorrectedBanners(c: Case, thread: ThreadCorrection | null): Array<{ tone: Tone; text: string }> {
  if (!thread || c.state === 'closed') return [];
  return [{ tone: 'info', text: `The facts were already corrected on this thread (${thread.caseId}). Correct once, then stop (004 §6): no further reply is suggested; close it as monitored unless it asks something new.` }];
}

export function replyAfterCorrection(buttons: readonly CardButton[], thread: ThreadCorrection | null): CardButton[] {
  if (!thread) return [...buttons];
  return buttons.map((b) => (b.actionId === 'case.reply.submit' ? { ...b, label: 'Reply anyway', style: 'default' as const } : b));
}
