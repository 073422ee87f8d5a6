// Before a reply or a moderation request runs: the council's reply rules and approval ladder.
import { hasRole, type Actor } from '../domain/actor.js';
import type { CaseCommand } from '../domain/commands.js';
import type { Case } from '../domain/case.js';
import type { FieldErrors } from '../cards/command-from-action.js';
import { checkReplyRules } from '../policy/reply-rules.js';
import type { DeskContext } from './desk-context.js';

export type RuledCommand =
  | { readonly kind: 'command'; readonly command: CaseCommand }
  | { readonly kind: 'invalid'; readonly fieldErrors: FieldErrors };

export async function applyCouncilRules(ctx: DeskContext, caseId: string, command: CaseCommand, actor: Actor): Promise<RuledCommand> {
  if (command.type === 'case.reply.submit') return applyReplyRules(ctx, caseId, command, actor);
  if (command.type === 'case.moderate') {
    return { kind: 'command', command: { ...command, needsApproval: moderationNeedsApproval(ctx, command.action, actor) } };
  }
  return { kind: 'command', command };
}

/** A manager's own warning or block is the consulted decision (002 §6.3.3); lifting a block needs leadership. */
function moderationNeedsApproval(ctx: DeskContext, action: string, actor: Actor): boolean {
  if (!(ctx.policy.moderation.needsApproval as readonly string[]).includes(action)) return false;
  if (action === 'unblock') return !hasRole(actor, 'leadership');
  return !hasRole(actor, 'comms_manager');
}

/**
 * The reply rules (src/policy/reply-rules.ts) on the draft: the sign-off is added here, a broken
 * rule comes back on the field it concerns, and a political reply in purdah waits for approval.
 */
async function applyReplyRules(ctx: DeskContext, caseId: string, command: Extract<CaseCommand, { type: 'case.reply.submit' }>, actor: Actor): Promise<RuledCommand> {
  const c = await ctx.store.cases.get(caseId);
  const stored = c ? await ctx.store.mentions.get(c.mentionId) : null;
  // No case: let the command service refuse it in its own words.
  if (!c || !stored) return { kind: 'command', command };
  const check = checkReplyRules({
    policy: ctx.policy, mention: stored.mention, case: c, initials: actor.initials, now: ctx.clock.now(),
    draft: { text: command.text, visibility: command.visibility }, accountBlocked: blockedOnThisCase(c),
  });
  if (check.violations.length) {
    const fieldErrors: Record<string, string> = {};
    for (const v of check.violations) fieldErrors[v.field] = fieldErrors[v.field] ? `${fieldErrors[v.field]} ${v.message}` : v.message;
    return { kind: 'invalid', fieldErrors };
  }
  return { kind: 'command', command: { ...command, text: check.finalText, needsApproval: check.needsApproval !== null } };
}

/** Blocks recorded on this case; blocks from the author's other cases need an account query the store does not offer yet. */
function blockedOnThisCase(c: Case): boolean {
  const last = c.moderation.filter((m) => m.status === 'done' && (m.action === 'block' || m.action === 'unblock')).at(-1);
  return last?.action === 'block';
}
