// The first event of every case: opening it for a stored mention.
import type { Actor } from './actor.js';
import type { RiskLevel } from './case.js';
import type { CaseEvent } from './events.js';

export interface OpenCaseInput {
  readonly caseId: string;
  readonly mentionId: string;
  readonly network: string;
  readonly authorKey: string;
  readonly receivedAt: Date;
  /** When the resident posted, as the clocks count it; absent: the arrival. */
  readonly postedAt?: Date | undefined;
  readonly postedAtAdjusted?: 'in_the_future' | 'too_old' | null | undefined;
  readonly postedOutOfHours: boolean;
  readonly risk: RiskLevel;
  readonly sentiment?: 'negative' | 'neutral' | 'positive' | undefined;
  readonly deadlines: Record<string, string>;
}

export function buildCaseOpened(input: OpenCaseInput, actor: Actor): CaseEvent<'case.opened'> {
  return {
    type: 'case.opened',
    caseId: input.caseId,
    caseVersion: 1,
    at: input.receivedAt.toISOString(),
    actor: { personId: actor.personId, name: actor.name, surface: actor.surface },
    rule: null,
    data: {
      mentionId: input.mentionId,
      network: input.network,
      authorKey: input.authorKey,
      postedAt: (input.postedAt ?? input.receivedAt).toISOString(),
      postedAtAdjusted: input.postedAtAdjusted ?? null,
      postedOutOfHours: input.postedOutOfHours,
      risk: input.risk,
      ...(input.sentiment ? { sentiment: input.sentiment } : {}),
      deadlines: input.deadlines,
    },
  };
}
