// Shared fixtures for the policy core's tests: the default policy, variants of it, a mention, a case, London time.
import { DateTime } from 'luxon';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Case } from '../../../src/domain/case.js';
import type { Mention } from '../../../src/domain/mention.js';
import { policySchema, type Policy } from '../../../src/policy/policy-schema.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';

export const ZONE = 'Europe/London';

/** The shipped default policy (src/policy/default-policy.yml). */
export const defaultPolicy: Policy = await loadPolicy(null);

export const calendar = createWorkingCalendar(defaultPolicy.calendar);

/** A copy of the default policy changed by `edit`, validated again like a policy file would be. */
export function policyWith(edit: (p: Policy) => void): Policy {
  const copy = structuredClone(defaultPolicy) as Policy;
  edit(copy);
  return policySchema.parse(copy);
}

/** A local wall-clock time in London ("2026-04-02T18:00") as an instant. */
export function london(local: string): Date {
  const t = DateTime.fromISO(local, { zone: ZONE });
  if (!t.isValid) throw new Error(`bad local time ${local}`);
  return t.toJSDate();
}

/**
 * A mention as intake would store it. Built directly rather than through mentionSchema, because the
 * schema's network-name pattern needs two characters and so rejects the default policy's "x".
 */
export function mention(over: Partial<Omit<Mention, 'author'>> & { author?: Partial<Mention['author']> } = {}): Mention {
  const { author, ...rest } = over;
  return {
    network: 'x',
    externalId: 'tweet-1',
    url: 'https://x.com/janesmith/status/1',
    text: 'My bin was not collected this week',
    postedAt: '2026-03-03T10:00:00Z',
    kind: 'reply',
    ...rest,
    author: { id: '1234567', name: 'Jane Smith', handle: 'janesmith', followers: null, verified: false, ...author },
  };
}

/** A case Ana holds, classified as `classification` (or not classified). */
export function caseOf(over: Partial<Case> = {}): Case {
  return {
    id: 'case-0001',
    mentionId: 'mention-0001',
    network: 'x',
    authorKey: 'x:1234567',
    state: 'claimed',
    version: 2,
    openedAt: '2026-03-03T10:00:00.000Z',
    postedAt: '2026-03-03T10:00:00.000Z',
    postedAtAdjusted: null,
    postedOutOfHours: false,
    risk: 'low',
    owner: { personId: 'ana', name: 'Ana Patel', since: '2026-03-03T10:05:00.000Z' },
    classification: null,
    escalations: [],
    replies: [],
    moderation: [],
    outcome: null,
    closedAt: null,
    deadlines: {},
    ...over,
  };
}
