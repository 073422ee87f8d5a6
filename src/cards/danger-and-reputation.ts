// Owns what a card shows and offers for a danger (the police decision) and a high reputational risk (the leadership offer).
import { cutByGrapheme } from '../domain/cut-text.js';
import type { Case } from '../domain/case.js';
import type { Policy } from '../policy/policy-schema.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import type { CardButton, CardFact, Tone } from './card-model.js';

/** The card payload carries at most 200 characters per arg (src/cards/card-action.ts). */
const MAX_ARG = 200;

/** A live safeguarding referral (threats included), or a decision already recorded that someone may revise. */
function dangerInView(c: Case): boolean {
  return !!c.policeReferral || c.escalations.some((e) => e.target.type === 'safeguarding' && e.status !== 'declined');
}

/**
 * Immediate danger to staff or the public (002 §6.3.4: "we will alert the Police"): whether to tell the police is
 * a decision, recorded with its reason and who made it. The permission table keeps the button to those who may.
 */
export function policeButton(c: Case): CardButton[] {
  if (!dangerInView(c)) return [];
  const label = c.policeReferral ? 'Police: change the decision' : 'Police: record a decision';
  return [{ actionId: 'case.police.refer', label, style: 'danger', opens: 'police' }];
}

/** "Told the police by Sam Ward at 10:42 (ref 1234): threat to burn the depot." */
export function policeFact(c: Case, policy: Policy, now: Date): CardFact[] {
  const p = c.policeReferral;
  if (!p) return dangerInView(c) ? [{ label: 'Police', value: 'No decision recorded yet (002 §6.3.4: alert the police to an immediate danger to staff or the public)' }] : [];
  const at = formatLocalTime(p.at, policy.calendar.timeZone, now);
  const what = p.decision === 'referred' ? `Told the police (${p.decidedBy}, ${at}${p.reference ? `, reference ${p.reference}` : ''})` : `Not told: decided by ${p.decidedBy} at ${at}`;
  return [{ label: 'Police', value: `${what}: ${p.reason}` }];
}

/** Offered until someone escalates it to leadership (or the case closes): the comms manager decides (001 matrix option 5). */
export function leadershipOfferButton(c: Case): CardButton[] {
  if (!offerOpen(c)) return [];
  const reason = cutByGrapheme(`High reputational risk (001 triage matrix option 5): ${c.reputationalRisk!.reasons.join('; ')}`, MAX_ARG).text;
  return [{ actionId: 'case.escalate', label: 'Escalate to leadership', style: 'primary', args: { target: 'leadership', reason } }];
}

export function reputationBanners(c: Case): Array<{ tone: Tone; text: string }> {
  if (!offerOpen(c)) return [];
  return [{ tone: 'warning', text: `High reputational risk: ${c.reputationalRisk!.reasons.join('; ')}. Routed to the comms manager; escalate it to leadership if it needs them (001 triage matrix option 5).` }];
}

function offerOpen(c: Case): boolean {
  return !!c.reputationalRisk && c.state !== 'closed' && !c.escalations.some((e) => e.target.type === 'leadership');
}
