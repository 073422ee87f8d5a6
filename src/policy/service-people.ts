// Owns who is who in a service area (issue 18): leads, deputies and officers, whether the service may reply
// itself, the sign-off its replies carry, and which cases a service officer may see.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import { findPersonById, findService } from './policy-directory.js';
import type { Policy } from './policy-schema.js';

export type ServiceRole = 'lead' | 'deputy' | 'officer';

export function serviceRole(policy: Policy, personId: string, serviceTag: string): ServiceRole | null {
  const s = findService(policy, serviceTag);
  if (!s) return null;
  if (s.leads.includes(personId)) return 'lead';
  if (s.deputies.includes(personId)) return 'deputy';
  return s.officers.includes(personId) ? 'officer' : null;
}

export function serviceMayReply(policy: Policy, serviceTag: string): boolean {
  return findService(policy, serviceTag)?.mayReply ?? false;
}

/** Everyone in a service, leads first: who an escalation may be passed to, and who gets its card. */
export function servicePeople(policy: Policy, serviceTag: string): Array<{ id: string; name: string; role: ServiceRole }> {
  const s = findService(policy, serviceTag);
  if (!s) return [];
  const ids: Array<[string, ServiceRole]> = [...s.leads.map((id) => [id, 'lead'] as [string, ServiceRole]), ...s.deputies.map((id) => [id, 'deputy'] as [string, ServiceRole]), ...s.officers.map((id) => [id, 'officer'] as [string, ServiceRole])];
  const seen = new Set<string>();
  return ids.flatMap(([id, role]) => {
    const p = findPersonById(policy, id);
    if (!p || seen.has(id)) return [];
    seen.add(id);
    return [{ id, name: p.name, role }];
  });
}

/** The initials a service's own reply is signed with (002 §5.5): the service's sign-off, else the writer's. */
export function serviceSignOff(policy: Policy, serviceTag: string, writerInitials: string): string {
  return findService(policy, serviceTag)?.signOff ?? writerInitials;
}

/** The services a person belongs to, by their place in them. */
export function servicesOf(policy: Policy, personId: string): string[] {
  return policy.services.filter((s) => serviceRole(policy, personId, s.tag) !== null).map((s) => s.tag);
}

/**
 * A service officer (and nobody else of the comms team or leadership) sees only their service's cases: those
 * classified to it or escalated to it. Anyone with another role sees every case (issue 18).
 */
export function mayViewCase(policy: Policy, actor: Actor, c: Case): boolean {
  const onlyOfficer = actor.roles.length > 0 && actor.roles.every((r) => r === 'service_officer');
  if (!onlyOfficer) return true;
  const mine = new Set(servicesOf(policy, actor.personId));
  if (c.classification && mine.has(c.classification.serviceTag)) return true;
  return c.escalations.some((e) => e.target.type === 'service_lead' && mine.has(e.target.serviceTag));
}
