// Owns the moderation ladder: which step the bot suggests for a breach, who must approve it, when a block can be appealed.
import { DateTime } from 'luxon';
import type { ModerationActionKind } from '../domain/case.js';
import type { Role } from '../domain/roles.js';
import type { HouseRule } from './policy-rules-schema.js';
import type { Policy } from './policy-schema.js';

export interface AccountHistory {
  /** Breaches recorded BEFORE this one (any rule; across networks where the person is known). */
  readonly breaches: ReadonlyArray<{ readonly ruleId: string; readonly at: Date }>;
  /** Written warnings already sent. */
  readonly warnings: number;
  readonly blocked: boolean;
}

export type LadderRung = 'remove' | 'warn' | 'block' | 'already_blocked';

export interface LadderStep {
  readonly ruleId: string;
  readonly rung: LadderRung;
  /** What the bot suggests, in order, e.g. ['hide'], ['hide', 'warn'], ['delete', 'block']. */
  readonly actions: readonly ModerationActionKind[];
  /** The subset a comms manager must approve first (policy `moderation.needsApproval`). */
  readonly needsApproval: readonly ModerationActionKind[];
  readonly referToManager: boolean;
  /** A block is recorded and the Chief Executive made aware (002 §6.3.3). */
  readonly tellLeadership: boolean;
  readonly explanation: string;
  readonly source: string;
}

const LADDER_SOURCE = '002 §6.3.3';

/**
 * The step for a new breach of `ruleId` by an account with `history` (which does not yet include it):
 * 1. already blocked → just remove the post;
 * 2. a rule whose own actions include block (hate speech, abuse of staff, misinformation: 000 rules 1–3)
 *    → its actions at once, e.g. delete + block;
 * 3. a rule with `blockAfterBreaches` reaching its count with this breach (000 rule 4) → remove + block;
 * 4. warned before and it continues → remove + block;
 * 5. a repeat, a rule referred to a manager, a rule listing warn, or one breach short of the block
 *    count → remove + warn (the written warning, after consulting the comms manager);
 * 6. otherwise, a first breach → remove (hide, not delete, unless the rule says so: 001 "DO NOT").
 * Record-keeping (name, handle, date, post, rule) comes first on every rung.
 */
/** A rule the council applies to protect the author (their own personal data shown): never a breach. */
export function isProtective(policy: Policy, ruleId: string): boolean {
  return policy.houseRules.find((r) => r.id === ruleId)?.protective ?? false;
}

export function suggestLadderStep(policy: Policy, ruleId: string, history: AccountHistory): LadderStep {
  const rule = policy.houseRules.find((r) => r.id === ruleId);
  if (!rule) throw new RangeError(`no house rule "${ruleId}" in the policy (known: ${policy.houseRules.map((r) => r.id).join(', ')})`);
  const removal = rule.actions.filter((a) => a === 'hide' || a === 'delete');
  // Hiding to protect the author is no step on their ladder (000, 002 §6.3.3 weigh breaches, not protection).
  if (rule.protective) {
    return { ruleId, rung: 'remove', actions: removal, needsApproval: [], referToManager: false, tellLeadership: false, explanation: 'Hide it to protect them: not a breach, it never counts towards a warning or a block.', source: rule.source };
  }
  history = { ...history, breaches: history.breaches.filter((b) => !isProtective(policy, b.ruleId)) };
  const count = history.breaches.filter((b) => b.ruleId === ruleId).length + 1;
  const threshold = rule.blockAfterBreaches;
  const [rung, actions, why] = ((): [LadderRung, ModerationActionKind[], string] => {
    if (history.blocked) return ['already_blocked', removal, 'the account is already blocked, so only the post needs dealing with'];
    if (rule.actions.includes('block')) return ['block', [...rule.actions], `the house rules say ${listActions(rule.actions)} straight away`];
    if (threshold !== null && count >= threshold) return ['block', [...removal, 'block'], `this is breach ${count} of this rule and the policy blocks after ${threshold}`];
    if (history.warnings > 0) return ['block', [...removal, 'block'], 'the account was warned before and the behaviour has continued'];
    const repeat = history.breaches.length > 0 || (threshold !== null && count === threshold - 1);
    if (repeat || rule.referToManager || rule.actions.includes('warn')) {
      return ['warn', [...removal, 'warn'], repeat ? 'it has happened before, so a written warning is next' : 'a written warning usually follows'];
    }
    return ['remove', removal, 'a first breach: record it and remove it'];
  })();
  const approval = actions.filter((a) => policy.moderation.needsApproval.includes(a));
  return {
    ruleId,
    rung,
    actions,
    needsApproval: approval,
    referToManager: rule.referToManager || approval.length > 0,
    tellLeadership: actions.includes('block'),
    explanation: explain(policy, rule, why, actions, approval),
    source: `${rule.source}; ${LADDER_SOURCE}`,
  };
}

/** When a block can be appealed: `appealAfterMonths` (12) later on the council's calendar, same wall-clock time. */
export function appealDate(blockedAt: Date, policy: Policy, timeZone: string = policy.calendar.timeZone): Date {
  return DateTime.fromJSDate(blockedAt, { zone: timeZone }).plus({ months: policy.moderation.appealAfterMonths }).toJSDate();
}

/**
 * Whether an action requested by someone with `actorRoles` waits for approval. Lifting a block always
 * does (decided with the Chief Executive: leadership approves). Otherwise the policy's list applies, and
 * a comms manager's own request needs no second manager.
 */
export function needsApproval(policy: Policy, action: ModerationActionKind, actorRoles: readonly Role[]): boolean {
  if (action === 'unblock') return true;
  if (!policy.moderation.needsApproval.includes(action)) return false;
  return !actorRoles.includes('comms_manager');
}

/** Who approves: leadership for an unblock, a comms manager for anything else (002 §6.3.3). */
/** Who signs off: leadership lifts a block (002 §6.3.3); a comms manager approves the rest and held replies (null). */
export function approverRole(action: ModerationActionKind | null): Role {
  return action === 'unblock' ? 'leadership' : 'comms_manager';
}

function explain(policy: Policy, rule: HouseRule, why: string, actions: readonly ModerationActionKind[], approval: readonly ModerationActionKind[]): string {
  const parts = [
    `${rule.title}: ${why} (${rule.source}).`,
    actions.length ? `Suggested: ${listActions(actions)}.` : 'Nothing to do on the network.',
    `First record the account's name and handle, the date, the post and the rule (${LADDER_SOURCE}).`,
  ];
  if (actions.includes('delete')) parts.push('Deleting is kept for when it is really necessary (001 "DO NOT"); this rule asks for it.');
  if (actions.includes('warn')) parts.push(`The warning goes by private message with a link to the house rules (${policy.council.policyUrl}).`);
  if (approval.length) {
    const nouns = approval.map((a) => (a === 'warn' ? 'warning' : a));
    parts.push(`A comms manager must approve the ${joinWords(nouns)} before ${approval.length > 1 ? 'they go' : 'it goes'}.`);
  }
  if (rule.referToManager) parts.push('Refer it to a comms manager: this needs a judgement.');
  if (actions.includes('block')) {
    parts.push(
      `Record the block and make the Chief Executive aware; the account can appeal after ${policy.moderation.appealAfterMonths} months. ` +
        'The police may be told where abuse, harassment or a crime is suspected.',
    );
  }
  return parts.join(' ');
}

function listActions(actions: readonly ModerationActionKind[]): string {
  return joinWords(actions.map((a) => (a === 'warn' ? 'a written warning' : a)));
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
