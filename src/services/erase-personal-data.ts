// Owns an erasure request (UK GDPR Art 17) for one author or one case: approved by a role the policy names,
// recorded as an event on every case it touched, with what was held back and why.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actor.js';
import { findPersonById } from '../policy/policy-directory.js';
import { heldBackFromErasure } from '../policy/retention-schedule.js';
import type { DeskContext } from './desk-context.js';
import { eraseCaseData, type CaseErasure } from './erase-case-data.js';
import { DeskError } from './errors.js';

export type ErasureScope = { readonly caseId: string } | { readonly authorKey: string };

export interface ErasureRequest {
  readonly scope: ErasureScope;
  /** A reference, not a name: "data subject, DP-2026-114". */
  readonly requestedBy: string;
  /** The policy person id of whoever approved it; they must hold an approver role. */
  readonly approverId: string;
  readonly lawfulBasis: string;
}

export interface ErasureResult {
  readonly erasureId: string;
  readonly cases: readonly CaseErasure[];
  readonly accountForgotten: boolean;
}

export async function erasePersonalData(ctx: DeskContext, request: ErasureRequest): Promise<ErasureResult> {
  const approver = approverOf(ctx, request.approverId);
  if (!request.requestedBy.trim()) throw new DeskError('erasure_unrequested', 'say who asked (a reference such as "data subject, DP-2026-114")');
  if (!request.lawfulBasis.trim()) throw new DeskError('erasure_no_basis', 'give the lawful basis, e.g. "UK GDPR Art 17(1)(a)"');
  const caseIds = await casesInScope(ctx, request.scope);
  const erasureId = randomUUID();
  const record = {
    erasureId, trigger: 'request' as const, requestedBy: request.requestedBy.trim(), lawfulBasis: request.lawfulBasis.trim(),
    approvedBy: { personId: approver.personId, name: approver.name, role: approver.roles.find((r) => ctx.policy.dataProtection.erasure.approverRoles.includes(r)) ?? '' },
  };
  const cases: CaseErasure[] = [];
  for (const caseId of caseIds) cases.push(await eraseCaseData(ctx, caseId, record, approver, (c) => heldBackFromErasure(c, ctx.policy.dataProtection)));
  const keepsSome = cases.some((c) => c.outcome === 'held_back');
  const accountForgotten = 'authorKey' in request.scope && !keepsSome ? await ctx.store.personalData.forgetAccount(request.scope.authorKey) : false;
  return { erasureId, cases, accountForgotten };
}

function approverOf(ctx: DeskContext, personId: string): Actor {
  const person = findPersonById(ctx.policy, personId);
  const roles = ctx.policy.dataProtection.erasure.approverRoles;
  if (!person) throw new DeskError('erasure_unapproved', `no person "${personId}" in the policy: the approver must be one (with role ${roles.join(' or ')})`);
  if (!person.roles.some((r) => roles.includes(r))) {
    throw new DeskError('erasure_unapproved', `${person.name} cannot approve an erasure: it needs the role ${roles.join(' or ')} (dataProtection.erasure.approverRoles)`);
  }
  return { personId: person.id, name: person.name, initials: person.initials, roles: person.roles, surface: 'cli' };
}

async function casesInScope(ctx: DeskContext, scope: ErasureScope): Promise<string[]> {
  if ('caseId' in scope) {
    if (!(await ctx.store.cases.get(scope.caseId))) throw new DeskError('case_not_found', `no case ${scope.caseId}`);
    return [scope.caseId];
  }
  const cases = await ctx.store.personalData.casesOfAuthor(scope.authorKey);
  if (cases.length === 0) throw new DeskError('author_not_found', `no cases from ${scope.authorKey} (network:authorId, e.g. x:12345)`);
  return cases.map((c) => c.id);
}
