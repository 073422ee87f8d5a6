// Owns the names of the outbox's kinds of work: one list, so a misspelt kind is a compile error, not an item that no
// worker ever claims (the worker claims only the kinds it has handlers for, so a typo would wait forever).
export const OUTBOX_KINDS = [
  // Chat: each surface's adapter handles these (Slack and Teams alike, but the Slack-only ephemeral and home tab and
  // the Teams-only desk answer and welcome).
  'chat.card.refresh',
  'chat.thread.line',
  'chat.escalation.post',
  'chat.approval.request',
  'chat.notice',
  'chat.ephemeral',
  'chat.home.publish',
  'chat.desk.answer',
  'chat.welcome',
  // The networks: what the desk says or does to a resident's post.
  'network.reply',
  'network.moderate',
  'network.auto_reply',
  // Time: response clocks, the weekly digest, an escalation's windows, a surge's holding line.
  'clock.remind',
  'clock.due',
  'clock.digest',
  'escalation.window',
  'holding_line.agree',
] as const;

export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** The handlers for some kinds: what an adapter or the desk registers. */
export type OutboxHandlers<H> = Readonly<Partial<Record<OutboxKind, H>>>;
