// Who is who, from the policy: chat identity → actor with roles; who leads which service.
import type { Actor } from '../domain/actor.js';
import type { PermissionTable } from '../domain/decision.js';
import type { Role } from '../domain/roles.js';
import type { Person } from './policy-people-schema.js';
import type { Policy, ServiceArea } from './policy-schema.js';

export type ChatSurface = 'slack' | 'teams';

export interface ChatIdentity {
  readonly surface: ChatSurface;
  readonly userId: string;
  /** Groups the platform says the user belongs to (Slack user groups, Entra groups). */
  readonly groupIds?: readonly string[];
  /** The platform's display name, used when the policy does not know the person. */
  readonly displayName?: string;
}

export function findPerson(policy: Policy, surface: ChatSurface, userId: string): Person | null {
  return policy.people.find((p) => p[surface] === userId) ?? null;
}

export function findPersonById(policy: Policy, personId: string): Person | null {
  return policy.people.find((p) => p.id === personId) ?? null;
}

/**
 * Resolves an actor. A person unknown to the policy still gets an actor (with the roles their
 * groups give, possibly none) so refusals can name them and say which role they lack.
 */
export function resolveActor(policy: Policy, who: ChatIdentity): Actor {
  const person = findPerson(policy, who.surface, who.userId);
  const groupRoles = policy.groups
    .filter((g) => g[who.surface] !== undefined && (who.groupIds ?? []).includes(g[who.surface] as string))
    .flatMap((g) => g.roles);
  const roles = [...new Set<Role>([...(person?.roles ?? []), ...groupRoles])];
  const name = person?.name ?? who.displayName ?? who.userId;
  return {
    personId: person?.id ?? `${who.surface}:${who.userId}`,
    name,
    initials: person?.initials ?? initialsOf(name),
    roles,
    surface: who.surface,
  };
}

export function permissionTable(policy: Policy): PermissionTable {
  return policy.permissions;
}

/** People who may own a case: those whose roles may claim one (a case can only go to someone who could take it). */
export function caseWorkers(policy: Policy): Person[] {
  const allowed = policy.permissions['case.claim'] ?? [];
  return policy.people.filter((p) => p.roles.some((r) => allowed.includes(r)));
}

export function findService(policy: Policy, tag: string): ServiceArea | null {
  return policy.services.find((s) => s.tag === tag) ?? null;
}

export function isLeadOf(policy: Policy, personId: string, serviceTag: string): boolean {
  return findService(policy, serviceTag)?.leads.includes(personId) ?? false;
}

/** "Ana Patel" → "AP": the sign-off when the policy gives no initials (002 §5.5). */
export function initialsOf(name: string): string {
  const letters = name.split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase()).join('');
  return letters.slice(0, 4) || 'CT';
}

export interface EscalationRecipients {
  /** Where the escalation card goes on each surface, when the policy names a channel. */
  readonly channel: Policy['channels']['triage'] | null;
  /** Who it is for: notified in the channel, or messaged directly when there is no channel. */
  readonly people: readonly Person[];
  /** A service's deputies and officers (issue 18): they get the card too, by direct message when there is no channel. */
  readonly alsoDirect?: readonly Person[];
}

/**
 * A service lead escalation goes to the service's channel and its leads (001 "Assigning tasks");
 * leadership's to the leadership channel; a safeguarding referral to the safeguarding lead (004 §2).
 */
export function escalationRecipients(policy: Policy, target: { type: 'service_lead'; serviceTag: string } | { type: 'leadership' } | { type: 'safeguarding' }): EscalationRecipients {
  if (target.type === 'service_lead') {
    const service = findService(policy, target.serviceTag);
    const byId = (ids: readonly string[]) => ids.map((id) => findPersonById(policy, id)).filter((p): p is Person => p !== null);
    const people = byId(service?.leads ?? []);
    const alsoDirect = byId([...(service?.deputies ?? []), ...(service?.officers ?? [])]).filter((p) => !people.includes(p));
    return { channel: service?.channel ?? null, people, alsoDirect };
  }
  const role = target.type === 'leadership' ? 'leadership' : 'safeguarding_lead';
  const channel = target.type === 'leadership' ? policy.channels.leadership : policy.channels.safeguarding;
  return { channel, people: policy.people.filter((p) => p.roles.includes(role)) };
}
