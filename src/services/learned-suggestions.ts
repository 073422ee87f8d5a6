// Owns keeping the learned suggestions current: trained from the event log's recorded decisions, on start and on a schedule.
import type { Case } from '../domain/case.js';
import { NOT_A_CONCERN } from '../domain/evolve-case.js';
import { NO_LEARNING, type LearnedModels } from '../policy/combine-suggestions.js';
import type { LearnedExample } from '../policy/learned-classifier.js';
import { NO_BREACH, SAFEGUARDING_LABELS } from '../policy/learned-rulings.js';
import type { Policy } from '../policy/policy-schema.js';
import type { DeskContext } from './desk-context.js';

/** The most recent cases learned from: enough for a council's language, bounded so retraining stays quick. */
export const MAX_TRAINING_CASES = 5000;

export interface LearnedSuggestions {
  current(): LearnedModels;
  /** Retrains from the store; the previous models serve until the new ones are ready. */
  retrain(): Promise<{ readonly decisions: number; readonly rulings: number; readonly safeguardingRulings: number }>;
}

/**
 * Every decision an officer records teaches the desk: a classification labels the mention's text with the
 * service and kind they chose (their latest choice, so a correction counts); a breach ruling labels it with
 * the house rule (a moderation a manager rejected, or a case classified with none, labels it "no breach");
 * the safeguarding lead's acknowledgement or dismissal labels it a concern or not. Dismissals never make the
 * desk refer less (src/policy/learned-rulings.ts): a missed concern costs more than a false alarm.
 */
export function createLearnedSuggestions(ctx: Pick<DeskContext, 'store' | 'policy'>): LearnedSuggestions {
  let models: LearnedModels = NO_LEARNING;
  return {
    current: () => models,
    async retrain() {
      const decided = (await ctx.store.reports.recentDecidedCases(MAX_TRAINING_CASES))
        .filter(({ case: c }) => c.classification !== null || breachRuling(ctx.policy, c) !== null || safeguardingRuling(c) !== null);
      const kind: LearnedExample[] = [];
      const service: LearnedExample[] = [];
      const houseRule: LearnedExample[] = [];
      const safeguarding: LearnedExample[] = [];
      for (const { case: c, text } of decided) {
        if (c.classification) {
          kind.push({ text, label: c.classification.kind });
          service.push({ text, label: c.classification.serviceTag });
        }
        const ruling = breachRuling(ctx.policy, c);
        if (ruling) houseRule.push({ text, label: ruling });
        const concern = safeguardingRuling(c);
        if (concern) safeguarding.push({ text, label: concern });
      }
      // The text classifier's modules (tens of MiB) are loaded once there is something to learn from.
      if (kind.length + houseRule.length + safeguarding.length > 0) {
        const { trainClassifier } = await import('../policy/learned-classifier.js');
        models = { kind: trainClassifier(kind), service: trainClassifier(service), houseRule: trainClassifier(houseRule), safeguarding: trainClassifier(safeguarding) };
      } else {
        models = { kind: null, service: null, houseRule: null, safeguarding: null };
      }
      return { decisions: kind.length, rulings: houseRule.length, safeguardingRulings: safeguarding.length };
    },
  };
}

/**
 * The house rule officers ruled the post broke (a moderation requested and not rejected; protective actions,
 * such as hiding a resident's own phone number, are not breaches), "none" when a manager rejected every
 * moderation or the case was classified with none asked for, null when nobody ruled.
 */
export function breachRuling(policy: Policy, c: Case): string | null {
  const breaches = c.moderation.filter((m) => !policy.houseRules.find((r) => r.id === m.ruleId)?.protective);
  const upheld = breaches.find((m) => m.status !== 'rejected');
  if (upheld) return upheld.ruleId;
  if (breaches.length || c.classification) return NO_BREACH;
  return null;
}

/**
 * The safeguarding lead's ruling on the case's latest answered referral: acknowledged is a concern, "Not a
 * safeguarding concern" is not; null while pending or when declined for another reason (not a ruling on the post).
 */
export function safeguardingRuling(c: Case): string | null {
  const answered = c.escalations.filter((e) => e.target.type === 'safeguarding' && e.status !== 'pending');
  const last = answered[answered.length - 1];
  if (last?.status === 'acknowledged') return SAFEGUARDING_LABELS.concern;
  if (last?.status === 'declined' && last.answer?.startsWith(NOT_A_CONCERN)) return SAFEGUARDING_LABELS.notAConcern;
  return null;
}
