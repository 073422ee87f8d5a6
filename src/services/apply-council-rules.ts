// Before a reply or a moderation request runs: the council's reply rules and approval ladder.
import { hasRole, type Actor } from '../domain/actor.js';
import type { CaseCommand } from '../domain/commands.js';
import type { FieldErrors } from '../cards/command-from-action.js';
import type { DeskContext } from './desk-context.js';

export type RuledCommand =
  | { readonly kind: 'command'; readonly command: CaseCommand }
  | { readonly kind: 'invalid'; readonly fieldErrors: FieldErrors };

export async function applyCouncilRules(ctx: DeskContext, _caseId: string, command: CaseCommand, actor: Actor): Promise<RuledCommand> {
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
