// The one use case behind every button on every surface: check, decide, save atomically, plan effects.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import type { CaseCommand } from '../domain/commands.js';
import { decideCaseCommand } from '../domain/decide-case-command.js';
import type { Decision, DecisionContext } from '../domain/decision.js';
import type { AppendedCaseEvent } from '../domain/events.js';
import { evolveCase } from '../domain/evolve-case.js';
import { refuse, type Refusal } from '../domain/refusal.js';
import { judgesItsOwnChanges } from '../domain/reply-once.js';
import { caseWorkers, isLeadOf, permissionTable } from '../policy/policy-directory.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import type { DeskContext } from './desk-context.js';
import { clockEvents } from './clock-events.js';
import { planSideEffects } from './plan-side-effects.js';
import type { UnitOfWork } from './ports.js';

export interface CommandRequest {
  readonly caseId: string;
  /** The version the person was looking at; null when they acted without a card (e.g. a slash command). */
  readonly seenVersion: number | null;
  readonly command: CaseCommand;
  readonly actor: Actor;
}

export type CommandResult =
  | { readonly ok: true; readonly case: Case; readonly events: readonly AppendedCaseEvent[] }
  | { readonly ok: false; readonly refusal: Refusal; readonly case: Case | null };

const MAX_ATTEMPTS = 3;

export async function executeCaseCommand(ctx: DeskContext, req: CommandRequest): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await ctx.store.transaction((uow) => attemptCommand(ctx, uow, req));
    if (result !== 'lost_race') return result;
    // Someone else saved first: go round again, so the refusal describes what they did.
    if (attempt >= MAX_ATTEMPTS) {
      return { ok: false, refusal: refuse('stale', 'concurrency:version', 'Someone else changed this case at the same moment; the card has been refreshed, please try again.'), case: null };
    }
  }
}

async function attemptCommand(ctx: DeskContext, uow: UnitOfWork, req: CommandRequest): Promise<CommandResult | 'lost_race'> {
  const current = await uow.cases.get(req.caseId);
  if (!current) return { ok: false, refusal: refuse('not_found', 'case:exists', `There is no case ${req.caseId}.`), case: null };
  const decision = decideCaseCommand(current, req.command, decisionContext(ctx, req.actor));
  if (!decision.ok) return { ok: false, refusal: decision.refusal, case: current };
  if (req.seenVersion !== null && req.seenVersion !== current.version && !judgesItsOwnChanges(req.command)) return staleRefusal(current);
  const changed = decision.events.reduce<Case>((c, e) => evolveCase(c, e), current);
  const events = [...decision.events, ...(await clockEvents(ctx, uow, current, changed, decision.events, req.actor))];
  const next = events.slice(decision.events.length).reduce<Case>((c, e) => evolveCase(c, e), changed);
  if (!(await uow.cases.update(next, current.version))) return 'lost_race';
  const stored = await uow.events.append(events);
  await uow.outbox.enqueue(planSideEffects(ctx, next, stored));
  return { ok: true, case: next, events: stored };
}

function staleRefusal(current: Case): CommandResult {
  const message = 'This case changed since your card was drawn; the card has been refreshed, please check and try again.';
  return { ok: false, refusal: refuse('stale', 'concurrency:version', message), case: current };
}

export function decisionContext(ctx: Pick<DeskContext, 'clock' | 'policy'>, actor: Actor): DecisionContext {
  return {
    actor,
    now: ctx.clock.now(),
    permissions: permissionTable(ctx.policy),
    isLeadOf: (personId, tag) => isLeadOf(ctx.policy, personId, tag),
    canWorkCases: (personId) => caseWorkers(ctx.policy).some((p) => p.id === personId),
    formatTime: (iso) => formatLocalTime(iso, ctx.policy.calendar.timeZone),
  };
}

export type { Decision };
