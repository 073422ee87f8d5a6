// Decisions on the moderation ladder: request an action, approve or reject it, and the network's answer.
import { hasRole, isSystem } from '../actor.js';
import type { Case, ModerationAction } from '../case.js';
import type { CaseCommand } from '../commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from '../decision.js';
import { checkOwnerOrManager, checkState, firstRefusal } from '../guards.js';
import { refuse, type Refusal } from '../refusal.js';

type Of<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export function decideModerate(c: Case, cmd: Of<'case.moderate'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkState(c, ['claimed', 'waiting'], 'moderate it'),
    () => checkOwnerOrManager(c, ctx, 'moderate it'),
    () => (cmd.ruleId ? null : refuse('invalid', 'moderation:rule', 'Choose the house rule this breaks: every moderation action records its rule (002 §6.3.3).')),
    () => checkNotAlreadyPending(c, cmd.action),
  );
  if (r) return rejected(r);
  const moderationId = `mod-${c.moderation.length + 1}`;
  const data = { moderationId, action: cmd.action, ruleId: cmd.ruleId, awaitingApproval: cmd.needsApproval, note: cmd.note ?? null };
  return new EventBuilder(c, ctx).add('case.moderation.requested', data, cmd.ruleId).accept();
}

/**
 * Warnings and blocks are approved by a comms manager (002 §6.3.3); lifting a block is decided
 * with the Chief Executive (002 §6.3.3), so an unblock needs leadership.
 */
export function decideModerationVerdict(
  c: Case,
  cmd: Of<'case.moderation.approve'> | Of<'case.moderation.reject'>,
  ctx: DecisionContext,
): Decision {
  const found = c.moderation.find((m) => m.id === cmd.moderationId);
  if (!found) return rejected(refuse('not_found', 'moderation:exists', `There is no moderation request ${cmd.moderationId} on this case.`));
  const r = firstRefusal(
    () => (found.status === 'awaiting_approval' ? null : refuse('wrong_state', 'moderation:awaiting-approval', `That request was already ${found.status}.`)),
    () => checkApprover(found, ctx),
  );
  if (r) return rejected(r);
  const b = new EventBuilder(c, ctx);
  if (cmd.type === 'case.moderation.approve') return b.add('case.moderation.approved', { moderationId: found.id }, found.ruleId).accept();
  return b.add('case.moderation.rejected', { moderationId: found.id, reason: cmd.reason }, found.ruleId).accept();
}

export function decideModerationOutcome(
  c: Case,
  cmd: Of<'case.moderation.done'> | Of<'case.moderation.failed'>,
  ctx: DecisionContext,
): Decision {
  const found = c.moderation.find((m) => m.id === cmd.moderationId);
  if (!found) return rejected(refuse('not_found', 'moderation:exists', `There is no moderation request ${cmd.moderationId} on this case.`));
  if (found.status !== 'approved') return rejected(refuse('wrong_state', 'moderation:approved', `Moderation ${found.id} is ${found.status}, not approved.`));
  const b = new EventBuilder(c, ctx);
  if (cmd.type === 'case.moderation.done') return b.add('case.moderation.done', { moderationId: found.id }, found.ruleId).accept();
  return b.add('case.moderation.failed', { moderationId: found.id, error: cmd.error }, found.ruleId).accept();
}

function checkNotAlreadyPending(c: Case, action: ModerationAction['action']): Refusal | null {
  const pending = c.moderation.find((m) => m.action === action && (m.status === 'awaiting_approval' || m.status === 'approved'));
  return pending ? refuse('invalid', 'moderation:one-pending', `A ${action} is already under way on this case (${pending.id}, ${pending.status.replace('_', ' ')}).`) : null;
}

function checkApprover(m: ModerationAction, ctx: DecisionContext): Refusal | null {
  if (isSystem(ctx.actor)) return null;
  if (m.action === 'unblock') {
    return hasRole(ctx.actor, 'leadership') ? null : refuse('not_permitted', 'moderation:unblock-approver', 'Lifting a block is decided with the Chief Executive: only leadership can approve it (002 §6.3.3).');
  }
  return hasRole(ctx.actor, 'comms_manager') ? null : refuse('not_permitted', 'moderation:approver', `Only a comms manager can approve a ${m.action} (002 §6.3.3).`);
}
