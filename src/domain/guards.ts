// Lifecycle guards shared by the decisions: role, ownership and state checks with their words.
import { hasRole, isSystem } from './actor.js';
import type { Case, CaseState } from './case.js';
import type { CaseCommandType } from './commands.js';
import type { DecisionContext } from './decision.js';
import { refuse, type Refusal } from './refusal.js';

/** Commands only the bot sends, reporting what a network or chat platform did. */
const SYSTEM_ONLY: ReadonlySet<CaseCommandType> = new Set([
  'case.reply.sent',
  'case.reply.failed',
  'case.moderation.done',
  'case.moderation.failed',
  'case.note',
  'case.escalation.handover',
  'case.reputation.flag',
]);

export function checkPermission(type: CaseCommandType, ctx: DecisionContext): Refusal | null {
  if (isSystem(ctx.actor)) return null;
  const allowed = SYSTEM_ONLY.has(type) ? [] : (ctx.permissions[type] ?? []);
  if (hasRole(ctx.actor, ...allowed)) return null;
  const who = allowed.length ? allowed.map((r) => r.replace('_', ' ')).join(' or ') : 'the bot';
  return refuse('not_permitted', `permission:${type}`, `Only ${who} can do that (${describe(type)}).`);
}

export function checkNotClosed(c: Case, what: string): Refusal | null {
  if (c.state !== 'closed') return null;
  return refuse('wrong_state', 'lifecycle:closed', `This case is closed (${c.outcome ?? 'no outcome'}); reopen it before you ${what}.`);
}

export function checkState(c: Case, allowed: readonly CaseState[], what: string): Refusal | null {
  if (allowed.includes(c.state)) return null;
  const closed = checkNotClosed(c, what);
  if (closed) return closed;
  if (c.state === 'new') return refuse('wrong_state', 'lifecycle:unclaimed', `Nobody holds this case yet; claim it before you ${what}.`);
  return refuse('wrong_state', `lifecycle:${c.state}`, `You can't ${what} while the case is ${c.state}.`);
}

/** Only the claimant, or a comms manager, acts on a claimed case (DOMAIN.md, People and roles). */
export function checkOwnerOrManager(c: Case, ctx: DecisionContext, what: string): Refusal | null {
  if (isSystem(ctx.actor) || hasRole(ctx.actor, 'comms_manager')) return null;
  if (c.owner?.personId === ctx.actor.personId) return null;
  if (!c.owner) return refuse('not_owner', 'lifecycle:owner-only', `Nobody holds this case yet; claim it before you ${what}.`);
  return refuse('not_owner', 'lifecycle:owner-only', `${c.owner.name} holds this case; only they or a comms manager can ${what}.`);
}

export function firstRefusal(...checks: Array<() => Refusal | null>): Refusal | null {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return null;
}

function describe(type: CaseCommandType): string {
  return type.replace(/^case\./, '').replaceAll('.', ' ');
}
