// Decisions beyond the ladder: telling the police of a danger (who decided, and why), and routing a high reputational risk.
import type { Case } from '../case.js';
import type { CaseCommand } from '../commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from '../decision.js';
import { firstRefusal } from '../guards.js';
import { refuse } from '../refusal.js';

type Of<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export const POLICE_RULE = 'danger:police';
export const REPUTATION_RULE = 'risk:reputational';

/**
 * Immediate danger to staff or the public (002 §6.3.3–6.3.4: "the police may be informed"): the decision,
 * either way, is recorded with the reason and who made it, on open or closed cases alike (a threat may be
 * reported after the post is dealt with). The permission table says who may decide; the decision can be
 * revised (a "not now" followed by a referral), each one an event.
 */
export function decidePoliceReferral(c: Case, cmd: Of<'case.police.refer'>, ctx: DecisionContext): Decision {
  const reason = cmd.reason.trim();
  const reference = cmd.reference?.trim() || null;
  const r = firstRefusal(
    () => (reason ? null : refuse('invalid', 'police:reason', 'Say why: the reason is kept on the record with your name.')),
    () => (c.policeReferral?.decision === 'referred' && cmd.decision === 'referred' && !reference
      ? refuse('invalid', 'police:once', `The police were already told (${c.policeReferral.decidedBy}); add their reference to record it again.`)
      : null),
  );
  if (r) return rejected(r);
  return new EventBuilder(c, ctx).add('case.police.decided', { decision: cmd.decision, reason, reference }, POLICE_RULE).accept();
}

/** Once per case: the bot flags it at intake and the comms manager is told; flagging twice would notify twice. */
export function decideReputationFlag(c: Case, cmd: Of<'case.reputation.flag'>, ctx: DecisionContext): Decision {
  if (c.reputationalRisk) return rejected(refuse('invalid', 'reputation:once', 'This case is already flagged as a high reputational risk.'));
  if (!cmd.reasons.length) return rejected(refuse('invalid', 'reputation:reasons', 'Say why it is a high reputational risk.'));
  return new EventBuilder(c, ctx).add('case.reputation.flagged', { reasons: [...cmd.reasons] }, REPUTATION_RULE).accept();
}
