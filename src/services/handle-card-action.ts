// The surface-neutral click: parse the action, apply the council's rules, run the command.
// Slack and Teams both call this, so no rule is written twice.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import type { CaseCommand } from '../domain/commands.js';
import type { Refusal } from '../domain/refusal.js';
import { commandFromAction, type FieldErrors } from '../cards/command-from-action.js';
import type { DeskContext } from './desk-context.js';
import { executeCaseCommand } from './execute-case-command.js';
import { applyCouncilRules } from './apply-council-rules.js';

export interface CardActionRequest {
  readonly actionId: string;
  readonly caseId: string;
  readonly seenVersion: number | null;
  readonly args: Readonly<Record<string, string | undefined>>;
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly actor: Actor;
}

export type CardActionOutcome =
  | { readonly kind: 'done'; readonly case: Case }
  | { readonly kind: 'refused'; readonly refusal: Refusal; readonly case: Case | null }
  | { readonly kind: 'invalid'; readonly fieldErrors: FieldErrors };

export async function handleCardAction(ctx: DeskContext, req: CardActionRequest): Promise<CardActionOutcome> {
  const parsed = commandFromAction(req.actionId, req.args, req.values, ctx.policy);
  if (!parsed.ok) return { kind: 'invalid', fieldErrors: parsed.fieldErrors };
  const ruled = await applyCouncilRules(ctx, req.caseId, parsed.command, req.actor);
  if (ruled.kind !== 'command') return ruled;
  return runCommand(ctx, req, ruled.command);
}

async function runCommand(ctx: DeskContext, req: CardActionRequest, command: CaseCommand): Promise<CardActionOutcome> {
  const result = await executeCaseCommand(ctx, { caseId: req.caseId, seenVersion: req.seenVersion, command, actor: req.actor });
  return result.ok ? { kind: 'done', case: result.case } : { kind: 'refused', refusal: result.refusal, case: result.case };
}

/** A refusal answered by showing the form again (the case changed, a choice is needed, the form already sent). */
export function redrawsForm(refusal: Refusal): boolean {
  return refusal.code === 'stale' || refusal.code === 'needs_confirmation' || refusal.code === 'already_done';
}
