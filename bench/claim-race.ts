// Owns the one-case race: 100 people press Claim on the same case at the same instant; exactly one
// may win, and every one of them must have an answer quickly (the service call, without chat).
import type { Actor } from '../src/domain/actor.js';
import type { DeskContext } from '../src/services/desk-context.js';
import { executeCaseCommand } from '../src/services/execute-case-command.js';
import { ingestMentions } from '../src/services/ingest-mentions.js';
import { mentionSchema } from '../src/domain/mention.js';
import { benchMention, percentile } from './intake-phases.js';

const CLAIMERS: Actor[] = [
  { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' },
  { personId: 'ben', name: 'Ben Okafor', initials: 'BO', roles: ['comms_officer'], surface: 'slack' },
  { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager'], surface: 'slack' },
];

export interface RaceFigure {
  readonly winners: number;
  readonly p99: number;
  readonly claimedEvents: number;
  /** The winner's answer, and the losers' middle and slowest: which of them the p99 is. */
  readonly winnerMs: number;
  readonly loserP50: number;
  readonly loserMax: number;
}

export async function claimRace(ctx: DeskContext, claimers: number): Promise<RaceFigure> {
  const [opened] = await ingestMentions(ctx, [mentionSchema.parse(benchMention())]);
  const caseId = opened!.caseId;
  const results = await Promise.all(
    Array.from({ length: claimers }, async (_, i) => {
      const started = performance.now();
      const result = await executeCaseCommand(ctx, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: CLAIMERS[i % CLAIMERS.length]! });
      return { ok: result.ok, ms: performance.now() - started };
    }),
  );
  const history = await ctx.store.events.forCase(caseId);
  const losers = results.filter((r) => !r.ok).map((r) => r.ms);
  return {
    winners: results.filter((r) => r.ok).length,
    p99: percentile(results.map((r) => r.ms), 99),
    claimedEvents: history.filter((e) => e.event.type === 'case.claimed').length,
    winnerMs: results.find((r) => r.ok)?.ms ?? NaN,
    loserP50: percentile(losers, 50),
    loserMax: Math.max(...losers),
  };
}
