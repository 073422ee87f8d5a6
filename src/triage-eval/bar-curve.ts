// Owns the cross-validated curve the reader's safeguarding and threat bars are chosen from: recall against false alarms.
import type { Policy } from '../policy/policy-schema.js';
import { threatProbability as readThreat, yesProbability, type ReaderModel } from '../policy/reader-model.js';
import { findConcerns } from '../policy/safeguarding.js';
import type { CorpusItem } from './triage-corpus.js';

/** One mention of a part left out: what the lexicons found, and what the model trained without the part reads. */
export interface BarCurveRow {
  readonly sg: boolean;
  readonly threat: boolean;
  readonly lexiconConcern: boolean;
  readonly lexiconThreat: boolean;
  /** Long enough for the model to read (policy `reader.minWords`). */
  readonly read: boolean;
  readonly concern: number;
  readonly threatProbability: number;
}

export interface BarPoint {
  readonly safeguardingAt: number;
  readonly threatAt: number;
  /** The lower threat bar for mentions referred anyway (1: none). */
  readonly threatWhenReferredAt: number;
  /** Concerns referred, of all concerns. */
  readonly recall: number;
  /** Routine mentions referred, and how many routine mentions there were. */
  readonly falseAlarms: number;
  readonly routine: number;
  readonly threatRecall: number;
  /** Mentions read as a threat that are not one (most are referred as concerns anyway). */
  readonly threatFalse: number;
}

/** Each mention of `items`, read by the policy's lexicons and by `model` (which must not have learned from them). */
export function barCurveRows(policy: Policy, model: ReaderModel, items: readonly CorpusItem[]): BarCurveRow[] {
  const concepts = policy.reader.concepts;
  return items.map((item) => {
    const found = findConcerns(policy, item.text);
    return {
      sg: item.sg,
      threat: item.threat,
      lexiconConcern: found.length > 0,
      lexiconThreat: found.some((c) => c.id === 'threat'),
      read: (item.text.match(/[\p{L}\p{N}]+/gu) ?? []).length >= policy.reader.minWords,
      concern: yesProbability(model.safeguarding, item.text, concepts).probability,
      threatProbability: readThreat(model, item.text, concepts).probability,
    };
  });
}

/**
 * Recall and false alarms at each set of bars, as model-suggestions.ts applies them (either bar refers; a mention
 * referred anyway is read as a threat from the lower `threatWhenReferredAt`, which refers nothing more).
 */
export function barCurve(rows: readonly BarCurveRow[], safeguardingBars: readonly number[], threatBars: readonly number[], whenReferredBars: readonly number[] = [1]): BarPoint[] {
  const concerns = rows.filter((r) => r.sg);
  const routine = rows.filter((r) => !r.sg);
  const threats = rows.filter((r) => r.threat);
  return whenReferredBars.flatMap((threatWhenReferredAt) => threatBars.flatMap((threatAt) =>
    safeguardingBars.map((safeguardingAt) => {
      const concernRead = (r: BarCurveRow) => r.lexiconConcern || (r.read && r.concern >= safeguardingAt);
      const isThreat = (r: BarCurveRow) => r.lexiconThreat || (r.read && (r.threatProbability >= threatAt || (concernRead(r) && r.threatProbability >= threatWhenReferredAt)));
      const referred = (r: BarCurveRow) => concernRead(r) || isThreat(r);
      return {
        safeguardingAt,
        threatAt,
        threatWhenReferredAt,
        recall: share(concerns.filter(referred).length, concerns.length),
        falseAlarms: routine.filter(referred).length,
        routine: routine.length,
        threatRecall: share(threats.filter(isThreat).length, threats.length),
        threatFalse: rows.filter((r) => !r.threat && isThreat(r)).length,
      };
    }),
  ));
}

function share(n: number, of: number): number {
  return of === 0 ? 1 : n / of;
}
