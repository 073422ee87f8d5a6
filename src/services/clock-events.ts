// The deadline events a change brings with it: clocks it starts, stops, or moves on after a pause.
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import { buildDeadlineSet } from '../domain/deadline-event.js';
import type { CaseEvent } from '../domain/events.js';
import { deadlineChanges, resumedDeadlines, type DeadlineChange } from '../policy/clock-triggers.js';
import type { DeskContext } from './desk-context.js';
import type { UnitOfWork } from './ports.js';

export async function clockEvents(ctx: DeskContext, uow: UnitOfWork, before: Case, after: Case, events: readonly CaseEvent[], actor: Actor): Promise<CaseEvent[]> {
  const now = ctx.clock.now();
  const changes: DeadlineChange[] = deadlineChanges(ctx.policy, ctx.calendar, before, after, events, now);
  if (events.some((e) => e.type === 'case.resumed')) {
    const pausedAt = await lastPause(uow, after.id);
    if (pausedAt) changes.push(...resumedDeadlines(ctx.calendar, after, pausedAt, now).filter((r) => !changes.some((c) => c.clockId === r.clockId)));
  }
  return changes.map((c) => buildDeadlineSet(after.id, after.version, actor, now, c.clockId, c.due));
}

async function lastPause(uow: UnitOfWork, caseId: string): Promise<Date | null> {
  const history = await uow.events.forCase(caseId);
  const waiting = history.filter((e) => e.event.type === 'case.waiting').at(-1);
  return waiting ? new Date(waiting.event.at) : null;
}
