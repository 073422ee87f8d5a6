// Owns the checks a reply passes before it is sent: length, sign-off, personal data, channel, FOI and purdah.
import type { Case, ReplyVisibility } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { findPersonalData, PERSONAL_DATA_LABELS } from './personal-data.js';
import type { NetworkCapability } from './policy-rules-schema.js';
import type { Policy } from './policy-schema.js';
import { preElectionApproval, type PreElectionApproval } from './pre-election.js';
import { replyLength } from './reply-length.js';

export const REPLY_RULES = {
  onNetwork: 'reply:on-network', length: 'reply:length', signOff: 'reply:sign-off', personalData: 'reply:personal-data',
  directMessages: 'reply:direct-messages', caseModerated: 'reply:case-moderated', accountBlocked: 'reply:account-blocked',
  foiRoute: 'reply:foi-route', foiName: 'reply:foi-name',
} as const;

export interface ReplyCheckInput {
  readonly policy: Policy;
  readonly mention: Mention;
  readonly case: Case;
  readonly draft: { readonly text: string; readonly visibility: ReplyVisibility };
  /** The sender's initials for the sign-off, e.g. "AP". */
  readonly initials: string;
  readonly now: Date;
  readonly accountBlocked: boolean;
}

export interface ReplyViolation {
  readonly ruleId: string;
  readonly field: 'text' | 'visibility';
  readonly message: string;
  readonly source: string;
}

export interface ReplyCheck {
  /** The text that would be sent: the draft with the sign-off added. */
  readonly finalText: string;
  readonly violations: readonly ReplyViolation[];
  /** Not a refusal: the reply is held until a comms manager approves it (purdah). */
  readonly needsApproval: PreElectionApproval | null;
}

const INITIALS = /^\p{Lu}{1,4}$/u;

/** The draft with the sign-off (" ^AP") added, unless it already ends with one or the policy does not sign. */
export function composeReply(policy: Policy, draft: string, initials: string): string {
  const { format, required } = policy.replyRules.signOff;
  const text = draft.trimEnd();
  if (!required || !INITIALS.test(initials) || endingSignOff(format, text) !== null) return text;
  return `${text}${format.replaceAll('{initials}', initials)}`;
}

export function checkReplyRules(input: ReplyCheckInput): ReplyCheck {
  const { policy, mention, draft, initials } = input;
  const finalText = composeReply(policy, draft.text, initials);
  const network: NetworkCapability | undefined = policy.networks[mention.network];
  const name = network?.displayName ?? mention.network;
  const netSource = network?.source ?? `policy: networks.${mention.network}`;
  const violations: ReplyViolation[] = [];
  const flag = (ruleId: string, field: ReplyViolation['field'], message: string, source: string) =>
    violations.push({ ruleId, field, message, source });

  if (!network || network.replyOnNetwork) {
    flag(REPLY_RULES.onNetwork, 'text', `Mention Desk cannot post on ${name}: reply on the network itself, from the link on the card.`, netSource);
  }
  if (input.case.state === 'closed' && input.case.outcome === 'moderated') {
    flag(REPLY_RULES.caseModerated, 'text', 'This case was closed as moderated: we do not reply to posts dealt with under the house rules. Reopen it if a reply is really needed.', policy.moderation.source);
  }
  if (input.accountBlocked) {
    flag(REPLY_RULES.accountBlocked, 'text', 'This account is blocked, so we do not reply to it. Lifting a block is decided with the Chief Executive (002 §6.3.3).', policy.moderation.source);
  }
  const privately = draft.visibility === 'private' || mention.kind === 'direct_message';
  const limit = (privately ? network?.privateTextLimit : undefined) ?? network?.textLimit ?? null;
  const { length, rule } = replyLength(mention.network, finalText, privately);
  if (limit !== null && length > limit) {
    const counted = rule ? `${name} counts this reply as ${length} with the sign-off (${rule.replace(/^X counts /, '')})` : `This reply is ${length} characters with the sign-off`;
    flag(REPLY_RULES.length, 'text', `${counted}, ${length - limit} over ${name}'s limit of ${limit}. Shorten it or link to the website.`, netSource);
  }
  checkSignOff(policy, finalText, initials, flag);
  if (draft.visibility === 'private' && network && !network.directMessages) {
    flag(REPLY_RULES.directMessages, 'visibility', `${name} does not take direct messages, so a private reply is not possible there. Reply publicly without personal details, or point them to the website.`, network.source ?? "000 'How we use each channel'");
  }
  // A reply to a direct message stays in that conversation, so only replies in public are checked.
  if (policy.replyRules.personalData.enabled && draft.visibility === 'public' && mention.kind !== 'direct_message') {
    checkPersonalData(policy, finalText, network, name, flag);
  }
  if (input.case.classification?.kind === 'foi_request') checkFoi(policy, mention, finalText, flag);

  const needsApproval = preElectionApproval(policy, {
    now: input.now,
    serviceTag: input.case.classification?.serviceTag ?? null,
    texts: [finalText, mention.text],
  });
  return { finalText, violations, needsApproval };
}

/** "Jane Smith", "Mary-Jane O'Neil", "J. Smith": two or more words of letters, the last at least two letters long. */
export function looksLikeRealName(name: string): boolean {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2 || !words.every((w) => /^\p{L}[\p{L}'’.-]*$/u.test(w))) return false;
  return (words[words.length - 1]!.match(/\p{L}/gu)?.length ?? 0) >= 2;
}

type Flag = (ruleId: string, field: ReplyViolation['field'], message: string, source: string) => void;

function checkSignOff(policy: Policy, text: string, initials: string, flag: Flag): void {
  const { format, required, source } = policy.replyRules.signOff;
  if (!required) return;
  const signed = endingSignOff(format, text);
  const own = format.replaceAll('{initials}', initials).trim();
  if (signed === null) {
    flag(REPLY_RULES.signOff, 'text', `Replies end with the sender's initials (e.g. ${format.replaceAll('{initials}', 'GM').trim()}) so people know a real person answered, but your initials are not set: ask a manager to add them to the policy.`, source);
  } else if (signed !== initials) {
    flag(REPLY_RULES.signOff, 'text', `This reply is signed ${format.replaceAll('{initials}', signed).trim()} but you are sending it: sign it ${own}.`, source);
  }
}

function checkPersonalData(policy: Policy, text: string, network: NetworkCapability | undefined, name: string, flag: Flag): void {
  const found = findPersonalData(text, {
    ownDomains: [hostOf(policy.council.website), hostOf(policy.council.policyUrl)],
    ownTexts: [policy.replyRules.foi.route, policy.outOfHours.emergencyContacts, policy.outOfHours.message],
  });
  if (found.length === 0) return;
  const what = found.map((m) => `${PERSONAL_DATA_LABELS[m.kind]} ("${m.text}")`).join(', ');
  const instead = network?.directMessages
    ? 'Send it as a private reply instead, or take the details out.'
    : `${name} does not take direct messages: take the details out and point them to the website or phone line.`;
  flag(REPLY_RULES.personalData, 'text', `A public reply must not contain personal data, and this one has ${what}. ${instead}`, policy.replyRules.personalData.source);
}

function checkFoi(policy: Policy, mention: Mention, text: string, flag: Flag): void {
  const { route, source } = policy.replyRules.foi;
  if (!squash(text).includes(squash(route))) {
    flag(REPLY_RULES.foiRoute, 'text', `An FOI request is answered by email or a link, not in the thread: include the FOI route ("${route}").`, source);
  }
  if (!looksLikeRealName(mention.author.name)) {
    const shown = mention.author.name.trim() ? `"${mention.author.name.trim()}"` : 'no name';
    flag(REPLY_RULES.foiName, 'text', `An FOI request on social media counts only when the requester's real name is visible, or they give a name and an address for correspondence; this profile shows ${shown}. Reclassify the case (e.g. as a question) and point them to the FOI route.`, source);
  }
}

/** The initials of a sign-off the text already ends with ("… ^GM" → "GM"), or null. */
function endingSignOff(format: string, text: string): string | null {
  const [before = '', after = ''] = format.trim().split('{initials}');
  return new RegExp(`${escapeRegExp(before)}(\\p{Lu}{1,4})${escapeRegExp(after)}$`, 'u').exec(text)?.[1] ?? null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
