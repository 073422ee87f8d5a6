// Owns keeping the learned suggestions current: trained from the event log's recorded classifications, on start and on a schedule.
import { NO_LEARNING, type LearnedModels } from '../policy/combine-suggestions.js';
import { trainClassifier, type LearnedExample } from '../policy/learned-classifier.js';
import type { DeskContext } from './desk-context.js';

/** The most recent cases learned from: enough for a council's language, bounded so retraining stays quick. */
export const MAX_TRAINING_CASES = 5000;
/**
 * Every case so far, whatever the clock says (the period's end is exclusive). Not JS's largest date:
 * it prints as +275760-…, which PostgreSQL refuses.
 */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

export interface LearnedSuggestions {
  current(): LearnedModels;
  /** Retrains from the store; the previous models serve until the new ones are ready. */
  retrain(): Promise<{ readonly decisions: number }>;
}

/**
 * Every case a person classified is a decision: its mention's text labelled with the service and kind
 * they chose (their latest choice, so a correction counts). Safeguarding dismissals are on the record
 * too, but never train the desk to refer less: a missed concern costs more than a false alarm.
 */
export function createLearnedSuggestions(ctx: Pick<DeskContext, 'store'>): LearnedSuggestions {
  let models: LearnedModels = NO_LEARNING;
  return {
    current: () => models,
    async retrain() {
      const cases = (await ctx.store.reports.casesOpenedBetween(new Date(0), END_OF_TIME))
        .filter((c) => c.classification !== null)
        .slice(-MAX_TRAINING_CASES);
      const kind: LearnedExample[] = [];
      const service: LearnedExample[] = [];
      for (const c of cases) {
        const stored = await ctx.store.mentions.get(c.mentionId);
        if (!stored || !c.classification) continue;
        kind.push({ text: stored.mention.text, label: c.classification.kind });
        service.push({ text: stored.mention.text, label: c.classification.serviceTag });
      }
      models = { kind: trainClassifier(kind), service: trainClassifier(service) };
      return { decisions: kind.length };
    },
  };
}
