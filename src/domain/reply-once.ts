// Owns "one reply per resident, never two by accident": a reply form sends at most once; a reply made since
// the form was opened, or the same text again, needs a person's explicit choice before anything more is sent.
import type { Case, Reply } from './case.js';
import type { CaseCommand } from './commands.js';
import { cutByGrapheme } from './cut-text.js';
import { refuse, type Confirmation, type Refusal } from './refusal.js';

type SubmitReply = Extract<CaseCommand, { type: 'case.reply.submit' }>;

export const FURTHER_REPLY_LABEL = 'Send a further reply';
export const SAME_TEXT_LABEL = 'Send the same text again';

/**
 * A reply submitted from a form decides for itself whether what changed since matters (a reply since, the
 * same text): a classification or an escalation made while someone writes does not hold the reply up.
 */
export function judgesItsOwnChanges(cmd: CaseCommand): boolean {
  return cmd.type === 'case.reply.submit' && cmd.form !== undefined;
}

export function checkReplyOnce(c: Case, cmd: SubmitReply, formatTime: (iso: string) => string): Refusal | null {
  const sent = cmd.form ? c.replies.find((r) => r.formKey === cmd.form?.key) : undefined;
  if (sent) {
    return refuse('already_done', 'reply:form-sends-once', `This form has already sent its reply: ${describe(sent, formatTime)}. Nothing more was sent.`);
  }
  const confirmed = new Set(cmd.confirmed ?? []);
  const needed: Array<{ confirmation: Confirmation; why: string }> = [];
  const since = cmd.form ? live(c.replies.slice(cmd.form.repliesSeen)) : [];
  if (since.length) {
    const why = `Since you opened this form, ${since.map((r) => describe(r, formatTime)).join('; ')}.`;
    needed.push({ confirmation: { value: `further:${c.replies.length}`, label: FURTHER_REPLY_LABEL }, why });
  }
  const same = live(c.replies).find((r) => sameWords(r.text, cmd.text));
  if (same) {
    const why = `${same.by} already sent this same text to the resident on this case at ${formatTime(same.at)}.`;
    needed.push({ confirmation: { value: `same-text:${same.id}`, label: SAME_TEXT_LABEL }, why });
  }
  const missing = needed.filter((n) => !confirmed.has(n.confirmation.value));
  if (!missing.length) return null;
  const choose = missing.map((n) => `"${n.confirmation.label}"`).join(' and ');
  const message = `${missing.map((n) => n.why).join(' ')} Nothing was sent. To send yours anyway, choose ${choose} and send again.`;
  return refuse('needs_confirmation', missing[0]?.confirmation.value.startsWith('further') ? 'reply:replied-since' : 'reply:same-text', message, needed.map((n) => n.confirmation));
}

/** Replies the resident has had or is about to have: not those sent back by a manager or failed at the network. */
function live(replies: readonly Reply[]): Reply[] {
  return replies.filter((r) => r.status !== 'rejected' && r.status !== 'failed');
}

function describe(r: Reply, formatTime: (iso: string) => string): string {
  const when = formatTime(r.at);
  const what = r.status === 'sent' ? `replied at ${when}` : r.status === 'sending' ? `sent a reply at ${when} (being posted now)` : `drafted a reply at ${when}, waiting for approval`;
  return `${r.by} ${what}: "${cutByGrapheme(r.text, 300).text}"`;
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-GB');
  return norm(a) === norm(b);
}
