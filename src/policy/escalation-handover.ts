// Owns the hand-over chain for a service escalation nobody acknowledges (issue 18): the lead has the
// acknowledgement window (default 4 working hours), then a deputy, then the comms manager; a lead marked
// away is skipped at once. Pure: who is away and when is passed in.
import type { Escalation, EscalationHolder } from '../domain/case.js';
import { findService } from './policy-directory.js';
import type { Policy } from './policy-schema.js';
import { addDuration } from './response-clocks.js';
import type { WorkingCalendar } from './working-calendar.js';

export interface Hop {
  readonly toPersonId: string;
  readonly toName: string;
  readonly stage: 'deputy' | 'manager';
}

/** When the person now holding the escalation must have acknowledged it by. */
export function acknowledgeDue(policy: Policy, calendar: WorkingCalendar, serviceTag: string, from: Date): Date {
  const within = findService(policy, serviceTag)?.acknowledgeWithin ?? { workingMinutes: 240 };
  return addDuration(calendar, from, within);
}

/** Whoever holds it now: the holder it was passed or handed to, else the service's leads. */
export function currentHolders(policy: Policy, esc: Escalation): string[] {
  if (esc.holder) return [esc.holder.personId];
  return esc.target.type === 'service_lead' ? (findService(policy, esc.target.serviceTag)?.leads ?? []) : [];
}

/** Everyone now holding it is away (out of office): the chain moves on without waiting for the window. */
export function allHoldersAway(policy: Policy, esc: Escalation, isAway: (personId: string) => boolean): boolean {
  const holders = currentHolders(policy, esc);
  return holders.length > 0 && holders.every(isAway);
}

/** The next hop: a deputy who is not away, then a comms manager who is not away (any, if all are); null at the end. */
export function nextHop(policy: Policy, esc: Escalation, isAway: (personId: string) => boolean): Hop | null {
  if (esc.target.type !== 'service_lead') return null;
  const stage: EscalationHolder['stage'] | 'lead' = esc.holder?.stage ?? 'lead';
  if (stage === 'manager') return null;
  if (stage === 'lead' || stage === 'colleague') {
    const deputies = findService(policy, esc.target.serviceTag)?.deputies ?? [];
    const deputy = deputies.find((id) => !isAway(id) && id !== esc.holder?.personId);
    const person = deputy ? policy.people.find((p) => p.id === deputy) : undefined;
    if (person) return { toPersonId: person.id, toName: person.name, stage: 'deputy' };
  }
  const managers = policy.people.filter((p) => p.roles.includes('comms_manager'));
  const manager = managers.find((p) => !isAway(p.id)) ?? managers[0];
  return manager ? { toPersonId: manager.id, toName: manager.name, stage: 'manager' } : null;
}
