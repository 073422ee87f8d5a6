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

/** Races one after another, each on a new case; the first apart (a fresh pool, code not yet compiled). */
export interface RaceSeries {
  readonly first: RaceFigure;
  readonly warm: readonly RaceFigure[];
  /** The middle and the worst p99 of the races after the first. */
  readonly warmP99: number;
  readonly worstWarmP99: number;
  /** Every race had one winner and one case.claimed event. */
  readonly oneWinnerEach: boolean;
}

/** `replicas`: one desk context a replica (its own store, so its own rounds), on one database; the claims alternate. */
export async function claimRaces(replicas: readonly DeskContext[], claimers: number, races: number): Promise<RaceSeries> {
  const figures: RaceFigure[] = [];
  for (let i = 0; i < races; i += 1) figures.push(await claimRace(replicas, claimers));
  const [first, ...warm] = figures;
  const p99s = warm.map((f) => f.p99);
  return {
    first: first!, warm, warmP99: percentile(p99s, 50), worstWarmP99: Math.max(...p99s),
    oneWinnerEach: figures.every((f) => f.winners === 1 && f.claimedEvents === 1),
  };
}

/** "p99 12.1 ms: winner 10.0, losers p50 11.5 max 12.1; 1 winner, 1 case.claimed event" */
export function describeRace(f: RaceFigure): string {
  const ms = (x: number) => x.toFixed(1);
  return `p99 ${ms(f.p99)} ms: winner ${ms(f.winnerMs)}, losers p50 ${ms(f.loserP50)} max ${ms(f.loserMax)}; ${f.winners} winner(s), ${f.claimedEvents} case.claimed event(s)`;
}

export async function claimRace(replicas: readonly DeskContext[], claimers: number): Promise<RaceFigure> {
  const ctx = replicas[0]!;
  const [opened] = await ingestMentions(ctx, [mentionSchema.parse(benchMention())]);
  const caseId = opened!.caseId;
  const results = await Promise.all(
    Array.from({ length: claimers }, async (_, i) => {
      const started = performance.now();
      const result = await executeCaseCommand(replicas[i % replicas.length]!, { caseId, seenVersion: 1, command: { type: 'case.claim' }, actor: CLAIMERS[i % CLAIMERS.length]! });
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
