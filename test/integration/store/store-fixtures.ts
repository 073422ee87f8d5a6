// Owns the small, valid domain objects the store tests write: mentions, opened cases, events.
import { randomUUID } from 'node:crypto';
import { systemActor } from '../../../src/domain/actor.js';
import type { Case } from '../../../src/domain/case.js';
import type { CaseEvent } from '../../../src/domain/events.js';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import { mentionSchema, type Mention } from '../../../src/domain/mention.js';
import { buildCaseOpened } from '../../../src/domain/open-case.js';
import type { Clock, UnitOfWork } from '../../../src/services/ports.js';

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function makeMention(overrides: Partial<Mention> = {}): Mention {
  return mentionSchema.parse({
    network: 'facebook',
    externalId: uniqueId('fb'),
    url: 'https://facebook.example/posts/1',
    text: 'The bins on Elm Road were not collected again — third week running.',
    postedAt: '2026-03-02T09:15:00Z',
    kind: 'comment',
    author: { id: uniqueId('author'), name: 'Jo Bloggs', handle: 'jo.b', followers: 120, verified: false },
    ...overrides,
  });
}

export function openedEvent(caseId: string, mentionId: string, at = '2026-03-02T09:16:00.000Z'): CaseEvent<'case.opened'> {
  return buildCaseOpened(
    {
      caseId,
      mentionId,
      network: 'facebook',
      authorKey: 'facebook:author-1',
      receivedAt: new Date(at),
      postedOutOfHours: false,
      risk: 'low',
      deadlines: { firstResponse: '2026-03-02T13:16:00.000Z' },
    },
    systemActor(),
  );
}

export function claimedEvent(c: Case, personId = 'ana', name = 'Ana Patel', at = '2026-03-02T09:20:00.000Z'): CaseEvent<'case.claimed'> {
  return { type: 'case.claimed', caseId: c.id, caseVersion: c.version + 1, at, actor: { personId, name, surface: 'slack' }, rule: null, data: {} };
}

export function classifiedEvent(c: Case, serviceTag = 'waste', at = '2026-03-02T09:25:00.000Z'): CaseEvent<'case.classified'> {
  return {
    type: 'case.classified',
    caseId: c.id,
    caseVersion: c.version + 1,
    at,
    actor: { personId: 'ana', name: 'Ana Patel', surface: 'teams' },
    rule: 'triage.service-tag',
    data: { serviceTag, kind: 'complaint', note: 'missed collection' },
  };
}

/** A mention, its case and the case.opened event, written together as intake would. */
export async function seedCase(uow: UnitOfWork): Promise<{ mentionId: string; case: Case; opened: CaseEvent }> {
  const mentionId = uniqueId('m');
  const caseId = uniqueId('case');
  const opened = openedEvent(caseId, mentionId);
  const c = evolveCase(null, opened);
  await uow.mentions.insertIfNew(mentionId, makeMention(), new Date('2026-03-02T09:16:00Z'));
  await uow.cases.insert(c);
  await uow.events.append([opened]);
  return { mentionId, case: c, opened };
}

export interface FakeClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function fakeClock(start = '2026-03-02T09:00:00.000Z'): FakeClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set(iso) {
      t = Date.parse(iso);
    },
    advance(ms) {
      t += ms;
    },
  };
}
