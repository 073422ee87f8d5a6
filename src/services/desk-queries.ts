// Owns the lists people ask for: my open cases, the unclaimed queue (oldest first), one case by id.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { DeskContext } from './desk-context.js';
import { parseEmergencyArgs, type EmergencyRequest } from './emergency-mode.js';
import { mayViewCase } from '../policy/service-people.js';

export const LIST_LIMIT = 20;

export async function myOpenCases(ctx: DeskContext, actor: Actor, limit = LIST_LIMIT): Promise<ListedCase[]> {
  const cases = await ctx.store.cases.list({ states: ['claimed', 'waiting'], ownerId: actor.personId, limit });
  return withMentions(cases, (id) => ctx.store.mentions.get(id));
}

export async function unclaimedQueue(ctx: DeskContext, limit = LIST_LIMIT, actor?: Actor): Promise<ListedCase[]> {
  // A service officer sees only their service's cases (issue 18).
  const cases = (await ctx.store.cases.list({ states: ['new'], limit })).filter((c) => !actor || mayViewCase(ctx.policy, actor, c));
  return withMentions(cases, (id) => ctx.store.mentions.get(id));
}

export interface ListedCase {
  readonly case: Case;
  readonly mention: Mention;
}

/** Loads the mentions of a page of cases, skipping any whose mention is gone. */
export async function withMentions(cases: readonly Case[], load: (mentionId: string) => Promise<{ mention: Mention } | null>): Promise<ListedCase[]> {
  const rows = await Promise.all(cases.map(async (c) => ({ case: c, stored: await load(c.mentionId) })));
  return rows.filter((r) => r.stored !== null).map((r) => ({ case: r.case, mention: (r.stored as { mention: Mention }).mention }));
}

/** The `desk` command on every surface: `mine`, `queue`, `case ID`, `help`. */
export type DeskRequest =
  | { readonly verb: 'mine' }
  | { readonly verb: 'queue' }
  | { readonly verb: 'case'; readonly caseId: string }
  | { readonly verb: 'emergency'; readonly request: EmergencyRequest | null }
  | { readonly verb: 'help'; readonly unknown: string | null }
  /** Out of office (issue 18): `away FROM TO`, `away off`, `away PERSON FROM TO` (comms managers). */
  | { readonly verb: 'away'; readonly args: readonly string[] };

export function parseDeskCommand(text: string): DeskRequest {
  const [verb = 'help', arg, ...rest] = text.trim().split(/\s+/).filter(Boolean);
  const v = verb.toLowerCase();
  if (v === 'emergency') return { verb: 'emergency', request: parseEmergencyArgs(arg ? [arg, ...rest] : []) };
  if (v === 'mine' || v === 'queue') return { verb: v };
  if (v === 'away') return { verb: 'away', args: arg ? [arg, ...rest] : [] };
  if (v === 'case' && arg) return { verb: 'case', caseId: arg.toUpperCase() };
  return { verb: 'help', unknown: v === 'help' ? null : verb };
}

export const DESK_HELP: ReadonlyArray<readonly [string, string]> = [
  ['mine', 'your open cases and when each needs a response'],
  ['queue', 'unclaimed cases, oldest first'],
  ['case MD-1042', "one case's card, with its buttons"],
  ['emergency on LINK MESSAGE', 'emergency mode (comms managers): banner on every card, replies offer the message and link, leadership told'],
  ['emergency off', 'back to normal'],
  ['away 2026-12-07 2026-12-11', 'out of office (first and last day): escalations you hold go to your deputy; `away off` to clear'],
  ['help', 'this list'],
];

/**
 * The desk shows residents' posts: only people the policy gives a role (directly or by group) read it.
 * Null when they may; otherwise what to tell them.
 */
export function deskAccessRefusal(actor: Actor): string | null {
  return actor.roles.length ? null : `The desk is for the people in the council's policy file, and ${actor.name} is not in it yet: ask a comms manager to add you.`;
}
