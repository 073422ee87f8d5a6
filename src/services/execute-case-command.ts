// The one use case behind every button on every surface: check, decide, save atomically, plan effects.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import type { CaseCommand } from '../domain/commands.js';
import { decideCaseCommand } from '../domain/decide-case-command.js';
import type { Decision, DecisionContext } from '../domain/decision.js';
import type { AppendedCaseEvent, CaseEvent } from '../domain/events.js';
import { evolveCase } from '../domain/evolve-case.js';
import { refuse, type Refusal } from '../domain/refusal.js';
import { judgesItsOwnChanges } from '../domain/reply-once.js';
import { caseWorkers, isLeadOf, permissionTable } from '../policy/policy-directory.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import { serviceMayReply, serviceRole } from '../policy/service-people.js';
import type { DeskContext } from './desk-context.js';
import { clockEvents } from './clock-events.js';
import { planSideEffects } from './plan-side-effects.js';
import { redrawsThread, refreshThreadOnCorrection } from './thread-correction-refresh.js';
import type { Store, UnitOfWork } from './ports.js';
import { createCaseCommandRounds, type CaseCommandRounds, type LostRace, type Planned, type Saved } from './case-command-rounds.js';

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

/**
 * Decides on the committed case, read without a lock or a transaction, and saves a change in one statement on
 * condition that the case is still at the version decided on (compare-and-set, the one arbiter across replicas).
 * Commands on one case in this process take turns in rounds (case-command-rounds.ts), so a crowd on one card is
 * refused from one read and the winner's save instead of queueing for the row lock; there is never a second winner.
 */
export function executeCaseCommand(ctx: DeskContext, req: CommandRequest): Promise<CommandResult> {
  return roundsFor(ctx.store).run<CommandResult>(req.caseId, {
    plan: (current) => planCommand(ctx, req, current),
    // Other replicas kept saving first.
    gaveUp: () => ({ ok: false, refusal: refuse('stale', 'concurrency:version', 'Someone else changed this case at the same moment; the card has been refreshed, please try again.'), case: null }),
  });
}

const rounds = new WeakMap<Store, CaseCommandRounds>();

/** One set of rounds per store: every command of this process on one database takes turns with the others. */
function roundsFor(store: Store): CaseCommandRounds {
  const known = rounds.get(store);
  if (known) return known;
  const created = createCaseCommandRounds((caseId) => store.cases.get(caseId), MAX_ATTEMPTS);
  rounds.set(store, created);
  return created;
}

/** The answer on the committed case `current`, or the change to save on condition it is still current. */
async function planCommand(ctx: DeskContext, req: CommandRequest, current: Case | null): Promise<Planned<CommandResult>> {
  if (!current) return { answer: { ok: false, refusal: refuse('not_found', 'case:exists', `There is no case ${req.caseId}.`), case: null } };
  const decision = decideCaseCommand(current, req.command, decisionContext(ctx, req.actor));
  if (!decision.ok) return { answer: { ok: false, refusal: decision.refusal, case: current } };
  if (req.seenVersion !== null && req.seenVersion !== current.version && !judgesItsOwnChanges(req.command)) return { answer: staleRefusal(current) };
  const changed = decision.events.reduce<Case>((c, e) => evolveCase(c, e), current);
  // Every event of a case is appended with a version bump, so the history read here is that of `current`.
  const events = [...decision.events, ...(await clockEvents(ctx, ctx.store, current, changed, decision.events, req.actor))];
  const next = events.slice(decision.events.length).reduce<Case>((c, e) => evolveCase(c, e), changed);
  return { save: () => saveChange(ctx, current, next, events) };
}

/**
 * One statement (a round trip), unless the change also redraws the other open cards of its thread: that reads
 * them, so it needs the save's transaction.
 */
function saveChange(ctx: DeskContext, from: Case, next: Case, events: readonly CaseEvent[]): Promise<Saved<CommandResult> | LostRace> {
  if (redrawsThread(from, next)) return ctx.store.transaction((uow) => saveOn(ctx, uow, from, next, events));
  return saveOn(ctx, ctx.store, from, next, events);
}

async function saveOn(ctx: DeskContext, uow: UnitOfWork, from: Case, next: Case, events: readonly CaseEvent[]): Promise<Saved<CommandResult> | LostRace> {
  const identified = uow.caseChanges.identify(events);
  const outcome = await uow.caseChanges.save({ case: next, expectedVersion: from.version, events: identified, outbox: planSideEffects(ctx, next, identified) });
  if (!outcome.saved) return { lostTo: outcome.current };
  await refreshThreadOnCorrection(ctx, uow, from, next);
  return { answer: { ok: true, case: next, events: outcome.events }, committed: next };
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
    serviceRole: (personId, tag) => serviceRole(ctx.policy, personId, tag),
    serviceMayReply: (tag) => serviceMayReply(ctx.policy, tag),
  };
}

export type { Decision };
