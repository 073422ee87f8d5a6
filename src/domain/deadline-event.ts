// A clock's deadline set or cleared, as one event alongside the change that caused it.
import type { Actor } from './actor.js';
import type { CaseEvent } from './events.js';

export function buildDeadlineSet(caseId: string, caseVersion: number, actor: Actor, at: Date, clockId: string, due: string | null): CaseEvent<'case.deadline.set'> {
  return {
    type: 'case.deadline.set',
    caseId,
    caseVersion,
    at: at.toISOString(),
    actor: { personId: actor.personId, name: actor.name, surface: actor.surface },
    rule: `clock:${clockId}`,
    data: { name: clockId, due },
  };
}
