// Owns what the card says the desk suggests and why, and the personal data a resident's public post shows.
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { NO_LEARNING, type LearnedModels } from '../policy/combine-suggestions.js';
import { findPersonalData, PERSONAL_DATA_LABELS } from '../policy/personal-data.js';
import type { Policy } from '../policy/policy-schema.js';
import { readMention } from '../policy/read-mention.js';
import type { ClassificationSuggestion } from '../policy/suggest-classification.js';
import type { CardButton, CardFact, Tone } from './card-model.js';
import { kindName, serviceName } from './event-line.js';

/** "Waste and Recycling, Complaint (72% sure)": preselected in the classify form, never applied. */
export function suggestionFact(policy: Policy, c: Case, m: Mention, learned: LearnedModels = NO_LEARNING): CardFact[] {
  if (c.classification) return [];
  // The same reading intake made: lexicons, the reader model and what the council's decisions taught.
  const s = readMention(policy, m, learned);
  if (!s.serviceTag && !s.kind) return [];
  return [
    { label: 'Suggested', value: suggestionText(policy, s) },
    { label: 'Why', value: s.reasons.join('; ') },
  ];
}

export function suggestionText(policy: Policy, s: Pick<ClassificationSuggestion, 'serviceTag' | 'kind' | 'confidence'>): string {
  const what = [s.serviceTag ? serviceName(policy, s.serviceTag) : null, s.kind ? kindName(policy, s.kind) : null].filter(Boolean).join(', ');
  return `${what} (${Math.round(s.confidence * 100)}% sure)`;
}

/**
 * A public post showing the resident's own phone number, email, address or account number is flagged, so
 * someone can hide it to protect them (001 "DO", 002 §6.2.6) where the network allows hiding.
 */
export function personalDataBanners(policy: Policy, c: Case, m: Mention): Array<{ tone: Tone; text: string }> {
  const kinds = shownPersonalData(policy, c, m);
  if (!kinds.length) return [];
  const network = policy.networks[m.network];
  const canHide = network?.actions.includes('hide') ?? false;
  const how = canHide ? 'Hide it to protect them (Moderate → Hide, with the reason "personal data"), then reply privately or ask them to use the website.' : `${network?.displayName ?? m.network} cannot hide it from here: ask them to remove it, from the link.`;
  return [{ tone: 'warning', text: `This post shows ${kinds.join(', ')}. ${how}` }];
}

/**
 * The one click for it: hide, recorded under the policy's protective rule (never counted against the
 * resident), once the case is held and where the network can hide.
 */
export function personalDataHideButton(policy: Policy, c: Case, m: Mention): CardButton[] {
  const rule = policy.houseRules.find((r) => r.protective && r.actions.includes('hide'));
  if (!rule || (c.state !== 'claimed' && c.state !== 'waiting') || !policy.networks[m.network]?.actions.includes('hide')) return [];
  if (c.moderation.some((x) => x.action === 'hide' && x.status !== 'rejected' && x.status !== 'failed')) return [];
  const shown = shownPersonalData(policy, c, m);
  if (!shown.length) return [];
  return [{ actionId: 'case.moderate', label: 'Hide: shows their personal data', style: 'default', args: { action: 'hide', ruleId: rule.id, note: `Shows ${shown.join(', ')}: hidden to protect them` } }];
}

/** "a phone number", "an email address" … in a public post still open; the council's own contacts excluded. */
function shownPersonalData(policy: Policy, c: Case, m: Mention): string[] {
  if (c.state === 'closed' || m.kind === 'direct_message') return [];
  const own = [policy.replyRules.foi.route, policy.outOfHours.emergencyContacts, policy.outOfHours.message];
  return [...new Set(findPersonalData(m.text, { ownTexts: own, streetAddresses: true }).map((p) => PERSONAL_DATA_LABELS[p.kind]))];
}
