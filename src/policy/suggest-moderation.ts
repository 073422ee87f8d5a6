// Owns what the moderate form preselects for a case: the ladder's next rung for this author, never applied by itself.
import type { Case, ModerationActionKind } from '../domain/case.js';
import { emptyModerationRecord, recordApartFrom, type ModerationRecord } from '../domain/moderation-record.js';
import { describeAccountRecord } from './describe-account-record.js';
import { suggestLadderStep, type LadderRung } from './moderation-ladder.js';
import type { Policy } from './policy-schema.js';
import { suggestHouseRules } from './suggest-house-rules.js';

export interface ModerationSuggestion {
  readonly ruleId: string;
  readonly rung: LadderRung;
  /** The ladder's actions not yet under way or done on this case, in order: the first is preselected. */
  readonly actions: readonly ModerationActionKind[];
  /** One line for the form: the account's earlier record, then the ladder's reasons. */
  readonly explanation: string;
}

/**
 * The rule is the one already recorded on this case, else the first the text suggests; none, no
 * suggestion. The step weighs this breach against the author's other cases (`recordApartFrom`), so a
 * warning sent for this very post does not count as "warned before".
 */
export function suggestModeration(policy: Policy, c: Case, text: string, record: ModerationRecord | null): ModerationSuggestion | null {
  const onCase = c.moderation.filter((m) => m.status !== 'rejected' && m.action !== 'unhide' && m.action !== 'unblock').at(-1)?.ruleId;
  const ruleId = onCase ?? suggestHouseRules(policy, text)[0]?.ruleId ?? null;
  if (!ruleId || !policy.houseRules.some((r) => r.id === ruleId)) return null;
  const whole = record ?? emptyModerationRecord(c.authorKey);
  const step = suggestLadderStep(policy, ruleId, recordApartFrom(whole, c.id));
  const taken = new Set(c.moderation.filter((m) => m.status !== 'rejected' && m.status !== 'failed').map((m) => m.action));
  const earlier = describeAccountRecord(policy, whole, c.id) ?? 'Earlier: nothing recorded for this account.';
  return { ruleId, rung: step.rung, actions: step.actions.filter((a) => !taken.has(a)), explanation: `${earlier} ${step.explanation}` };
}
