// Owns building realistic case histories for the data-protection tests: a resident's post through intake,
// then the events a team would add (a reply quoting them, a moderation, a safeguarding referral, a close).
import { randomUUID } from 'node:crypto';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { CaseEvent, CaseEventType, EventDataMap } from '../../../src/domain/events.js';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import type { Clock } from '../../../src/services/ports.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { sampleMention } from '../../helpers/test-desk.js';

export interface SettableClock extends Clock {
  set(iso: string): void;
}

export function settableClock(start: string): SettableClock {
  let t = new Date(start);
  return { now: () => t, set: (iso) => { t = new Date(iso); } };
}

export async function dataProtectionContext(db: Db, clock: Clock): Promise<DeskContext> {
  const base = await loadPolicy(null);
  const policy = {
    ...base,
    people: [
      { id: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager' as const] },
      { id: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer' as const] },
    ],
  };
  return { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
}

export interface HistoryOptions {
  readonly network?: string;
  readonly authorId: string;
  readonly text: string;
  readonly reply?: string;
  readonly note?: string;
  readonly moderated?: boolean;
  readonly safeguarding?: boolean;
  readonly kind?: string;
  /** Closes the case at this instant. */
  readonly closedAt?: string;
}

/** Intake opens the case; the rest is appended as the services would, and the case row kept in step. */
export async function buildHistory(ctx: DeskContext, o: HistoryOptions): Promise<string> {
  const mention = mentionSchema.parse(sampleMention({
    network: o.network ?? 'x', text: o.text, url: `https://x.com/resident_${o.authorId}/status/${randomUUID().slice(0, 8)}`,
    author: { id: o.authorId, name: `Resident ${o.authorId}`, handle: `resident_${o.authorId}`, followers: 12, verified: false },
  }));
  const [outcome] = await ingestMentions(ctx, [mention]);
  const caseId = outcome!.caseId;
  const at = o.closedAt ?? '2026-03-02T10:00:00.000Z';
  const steps: Array<[CaseEventType, unknown]> = [
    ['case.claimed', {}],
    ['case.classified', { serviceTag: 'waste', kind: o.kind ?? 'service_request', note: o.note ?? null }],
  ];
  if (o.reply) steps.push(['case.reply.requested', { replyId: 'r1', text: o.reply, visibility: 'public', awaitingApproval: false }], ['case.reply.sent', { replyId: 'r1', networkReplyId: `nr-${caseId}` }]);
  if (o.moderated) steps.push(['case.moderation.requested', { moderationId: 'm1', action: 'hide', ruleId: 'abuse', awaitingApproval: false, note: `hid ${o.authorId}'s abuse` }], ['case.moderation.done', { moderationId: 'm1' }]);
  if (o.safeguarding) steps.push(['case.escalated', { escalationId: 'e1', target: { type: 'safeguarding' }, reason: `worried about ${o.authorId}` }]);
  if (o.closedAt) steps.push(['case.closed', { outcome: 'replied', note: null }]);
  await ctx.store.transaction(async (uow) => {
    let c = (await uow.cases.get(caseId))!;
    const before = c.version;
    const events: CaseEvent[] = [];
    for (const [type, data] of steps) {
      const e = { type, caseId, caseVersion: c.version + 1, at, actor: { personId: 'ana', name: 'Ana Patel', surface: 'slack' }, rule: null, data: data as EventDataMap[typeof type] } as CaseEvent;
      c = evolveCase(c, e);
      events.push(e);
    }
    await uow.events.append(events);
    if (!(await uow.cases.update(c, before))) throw new Error('the case moved while its history was built');
  });
  return caseId;
}
