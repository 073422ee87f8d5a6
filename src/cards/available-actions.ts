// Which buttons a case card shows: only what its state allows, on that network. Decided once for every surface.
import type { Case } from '../domain/case.js';
import type { NetworkCapability } from '../policy/policy-rules-schema.js';
import type { CardButton } from './card-model.js';

export function availableActions(c: Case, network: NetworkCapability | null): CardButton[] {
  if (c.state === 'closed') return [{ actionId: 'case.reopen', label: 'Reopen', style: 'default' }];
  const buttons: CardButton[] = [];
  if (c.state === 'new') buttons.push({ actionId: 'case.claim', label: 'Claim', style: 'primary' });
  else buttons.push({ actionId: 'case.release', label: 'Release', style: 'default' });
  buttons.push({ actionId: 'case.reassign', label: 'Reassign', style: 'default', opens: 'reassign' });
  buttons.push({ actionId: 'case.classify', label: 'Classify', style: 'default', opens: 'classify' });
  buttons.push({ actionId: 'case.escalate', label: 'Escalate', style: 'default', opens: 'escalate' });
  if (c.state !== 'new' && canReply(network)) buttons.push({ actionId: 'case.reply.submit', label: 'Reply', style: 'primary', opens: 'reply' });
  if (c.state === 'claimed') buttons.push({ actionId: 'case.wait', label: 'Waiting on resident', style: 'default' });
  if (c.state === 'waiting') buttons.push({ actionId: 'case.resume', label: 'Resume', style: 'default' });
  if (c.state !== 'new' && moderationActions(network).length) buttons.push({ actionId: 'case.moderate', label: 'Moderate', style: 'danger', opens: 'moderate' });
  buttons.push({ actionId: 'case.close', label: 'Close', style: 'default', opens: 'close' });
  return buttons.concat(approvalButtons(c));
}

/** Pending approvals and escalation answers get their own buttons, so the right person can act from the card. */
function approvalButtons(c: Case): CardButton[] {
  const buttons: CardButton[] = [];
  for (const r of c.replies.filter((x) => x.status === 'awaiting_approval')) {
    const whose = r.forEscalation ? `${r.by}'s reply` : `reply ${r.id}`;
    buttons.push({ actionId: 'case.reply.approve', label: `Approve ${whose}`, style: 'primary', args: { replyId: r.id } });
    buttons.push({ actionId: 'case.reply.reject', label: `Send back reply ${r.id}`, style: 'default', opens: 'reject-reply', args: { replyId: r.id } });
  }
  for (const m of c.moderation.filter((x) => x.status === 'awaiting_approval')) {
    buttons.push({ actionId: 'case.moderation.approve', label: `Approve ${m.action}`, style: 'danger', args: { moderationId: m.id } });
    buttons.push({ actionId: 'case.moderation.reject', label: `Reject ${m.action}`, style: 'default', opens: 'reject', args: { moderationId: m.id } });
  }
  return buttons;
}

export function canReply(network: NetworkCapability | null): boolean {
  return !!network && !network.replyOnNetwork && network.actions.includes('reply');
}

/** The moderation actions the network supports; warn is a private message, so it needs DMs. */
export function moderationActions(network: NetworkCapability | null): Array<'hide' | 'unhide' | 'delete' | 'warn' | 'block' | 'unblock'> {
  if (!network) return [];
  const list: Array<'hide' | 'unhide' | 'delete' | 'warn' | 'block' | 'unblock'> = [];
  for (const a of ['hide', 'unhide', 'delete', 'block', 'unblock'] as const) if (network.actions.includes(a)) list.push(a);
  if (network.directMessages && (network.actions.includes('private_reply') || network.actions.includes('reply'))) list.push('warn');
  return list;
}

/** Buttons an escalation card carries for its target (src/cards/escalation-answer-actions.ts). */
export { escalationCardButtons } from './escalation-answer-actions.js';
