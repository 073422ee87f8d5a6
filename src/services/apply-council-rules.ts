// Before a reply or a moderation request runs: the council's reply rules and approval ladder.
import type { Actor } from '../domain/actor.js';
import type { CaseCommand } from '../domain/commands.js';
import type { FieldErrors } from '../cards/command-from-action.js';
import { needsApproval } from '../policy/moderation-ladder.js';
import { checkReplyRules } from '../policy/reply-rules.js';
import type { DeskContext } from './desk-context.js';
import { serviceSignOff } from '../policy/service-people.js';

export type RuledCommand =
  | { readonly kind: 'command'; readonly command: CaseCommand }
  | { readonly kind: 'invalid'; readonly fieldErrors: FieldErrors };

export async function applyCouncilRules(ctx: DeskContext, caseId: string, command: CaseCommand, actor: Actor): Promise<RuledCommand> {
  if (command.type === 'case.reply.submit') return applyReplyRules(ctx, caseId, command, actor);
  if (command.type === 'case.escalation.draft') return applyServiceReplyRules(ctx, caseId, command, actor);
  if (command.type === 'case.moderate') {
    // The ladder's rule (src/policy/moderation-ladder.ts): a manager's own warning or block is the consulted
    // decision; lifting a block always waits for leadership (002 §6.3.3).
    return { kind: 'command', command: { ...command, needsApproval: needsApproval(ctx.policy, command.action, actor.roles) } };
  }
  return { kind: 'command', command };
}

/** A service's own reply meets the same reply rules, signed with the service's sign-off (issue 18). */
async function applyServiceReplyRules(ctx: DeskContext, caseId: string, command: Extract<CaseCommand, { type: 'case.escalation.draft' }>, actor: Actor): Promise<RuledCommand> {
  const c = await ctx.store.cases.get(caseId);
  const esc = c?.escalations.find((e) => e.id === command.escalationId);
  const tag = esc?.target.type === 'service_lead' ? esc.target.serviceTag : null;
  if (!tag) return { kind: 'command', command };
  const ruled = await applyReplyRules(ctx, caseId, { type: 'case.reply.submit', text: command.text, visibility: command.visibility }, { ...actor, initials: serviceSignOff(ctx.policy, tag, actor.initials) });
  if (ruled.kind !== 'command' || ruled.command.type !== 'case.reply.submit') return ruled;
  return { kind: 'command', command: { ...command, text: ruled.command.text, needsManager: ruled.command.needsApproval ?? false } };
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
  // Blocked on any of the author's cases (same author key), not only this one.
  const { blocked } = await ctx.store.accounts.history(c.authorKey);
  const check = checkReplyRules({
    policy: ctx.policy, mention: stored.mention, case: c, initials: actor.initials, now: ctx.clock.now(),
    draft: { text: command.text, visibility: command.visibility }, accountBlocked: blocked,
  });
  if (check.violations.length) {
    const fieldErrors: Record<string, string> = {};
    for (const v of check.violations) fieldErrors[v.field] = fieldErrors[v.field] ? `${fieldErrors[v.field]} ${v.message}` : v.message;
    return { kind: 'invalid', fieldErrors };
  }
  return { kind: 'command', command: { ...command, text: check.finalText, needsApproval: check.needsApproval !== null } };
}
