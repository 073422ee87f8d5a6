// Builds the neutral case card from a case, its mention and the policy; surfaces only render it.
import { cutByGrapheme } from '../domain/cut-text.js';
import type { Case } from '../domain/case.js';
import { overdueFirstResponse } from '../domain/first-response.js';
import type { Mention } from '../domain/mention.js';
import type { ModerationRecord } from '../domain/moderation-record.js';
import { describeAccountRecord } from '../policy/describe-account-record.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import type { Policy } from '../policy/policy-schema.js';
import type { WorkingCalendar } from '../policy/working-calendar.js';
import { NO_LEARNING, type LearnedModels } from '../policy/combine-suggestions.js';
import { readMention } from '../policy/read-mention.js';
import type { HouseRuleSuggestion } from '../policy/suggest-house-rules.js';
import { availableActions } from './available-actions.js';
import { leadershipOfferButton, policeButton, policeFact, reputationBanners } from './danger-and-reputation.js';
import { factsCorrectedBanners, replyAfterCorrection, type ThreadCorrection } from './facts-corrected.js';
import { personalDataBanners, personalDataHideButton, suggestionFact } from './suggestion-facts.js';
import type { CardFact, CaseCard, Tone } from './card-model.js';
import { postClockFacts, postedFact } from './describe-post-time.js';
import { kindName, ruleTitle, serviceName, targetName } from './event-line.js';
import { escalationAnswerFacts } from './escalation-answer-facts.js';
import { holderNote } from './escalation-answer-lines.js';

/** Long posts are cut here, with a link to the original: every surface's text limits sit above it. */
export const MAX_CARD_TEXT = 2000;
export const MAX_PARENT_TEXT = 500;

export interface CardInput {
  readonly case: Case;
  readonly mention: Mention;
  readonly policy: Policy;
  readonly now: Date;
  readonly banners?: ReadonlyArray<{ tone: Tone; text: string }>;
  /** With the calendar the card says when an out-of-hours clock starts. */
  readonly calendar?: WorkingCalendar;
  /** The author's moderation record across their cases: the card says what happened before this one. */
  readonly accountHistory?: ModerationRecord;
  /** What the desk has learned from the council's decisions, combined with the rules in the suggestion. */
  readonly learned?: LearnedModels;
  /** Another case on this thread closed with the facts corrected (004 §6: correct once, then stop). */
  readonly threadCorrected?: ThreadCorrection | null;
}

export function buildCaseCard({ case: c, mention: m, policy, now, banners = [], calendar, accountHistory, learned, threadCorrected = null }: CardInput): CaseCard {
  const network = policy.networks[m.network] ?? null;
  const [text, cut] = truncate(m.text, MAX_CARD_TEXT);
  const referral = safeguardingReferral(c, policy, now);
  return {
    caseId: c.id,
    version: c.version,
    title: `${network?.displayName ?? m.network} ${m.kind.replace('_', ' ')} · ${c.id}`,
    // A safeguarding referral is never shown as a low or medium risk, whatever the intake judged.
    risk: referral ? 'high' : c.risk,
    banners: [...banners, ...caseBanners(c, policy, now), ...breachBanners(c, m, policy, learned), ...personalDataBanners(policy, c, m), ...reputationBanners(c), ...factsCorrectedBanners(c, threadCorrected)],
    ...(referral ? { safeguarding: referral } : {}),
    author: { name: m.author.name, handle: m.author.handle, followers: m.author.followers, verified: m.author.verified },
    text,
    textTruncated: cut,
    parent: m.parent ? { text: truncate(m.parent.text, MAX_PARENT_TEXT)[0], url: m.parent.url ?? null } : null,
    url: m.url,
    facts: [...facts(c, m, policy, now, calendar, learned), ...policeFact(c, policy, now), ...accountFact(policy, c, accountHistory), ...escalationAnswerFacts(c)],
    activity: activity(c, policy),
    actions: [...replyAfterCorrection(availableActions(c, network), threadCorrected), ...leadershipOfferButton(c), ...policeButton(c), ...personalDataHideButton(policy, c, m)],
  };
}

function facts(c: Case, m: Mention, policy: Policy, now: Date, calendar: WorkingCalendar | undefined, learned: LearnedModels | undefined): CardFact[] {
  const tz = policy.calendar.timeZone;
  const due = c.deadlines['first_response'];
  const list: CardFact[] = [
    { label: 'State', value: stateLabel(c) },
    { label: 'Owner', value: c.owner ? c.owner.name : 'Unclaimed' },
    postedFact(c, policy, now, calendar),
    { label: 'Respond by', value: due ? formatLocalTime(due, tz, now) : '—' },
    ...postClockFacts(c, policy, now),
    { label: 'Risk', value: riskText(c, policy, m, learned) },
    { label: 'Service', value: c.classification ? serviceName(policy, c.classification.serviceTag) : 'Not classified' },
    { label: 'Kind', value: c.classification ? kindName(policy, c.classification.kind) : '—' },
  ];
  const network = policy.networks[m.network];
  if (!network || network.replyOnNetwork) list.push({ label: 'Replies', value: `on ${network?.displayName ?? m.network} itself, from the link (the desk cannot post there)` });
  return [...list, ...suggestionFact(policy, c, m, learned)];
}

/** The level decided at intake, with today's reasons for it (followers, verified, wording); a referral is high. */
function riskText(c: Case, policy: Policy, m: Mention, learned: LearnedModels = NO_LEARNING): string {
  const reasons = readMention(policy, m, learned).riskReasons;
  if (liveReferral(c)) return `high (safeguarding referral${reasons.length ? `; ${reasons.join('; ')}` : ''})`;
  return reasons.length ? `${c.risk} (${reasons.join('; ')})` : c.risk;
}

/** A referral to the safeguarding lead that they have not declined (declining says it is not one). */
function liveReferral(c: Case) {
  return c.escalations.find((e) => e.target.type === 'safeguarding' && e.status !== 'declined') ?? null;
}

/** "Safeguarding referral": who it went to, when, where it stands, and why (004 §2). */
function safeguardingReferral(c: Case, policy: Policy, now: Date): CaseCard['safeguarding'] | null {
  const e = liveReferral(c);
  if (!e) return null;
  const at = formatLocalTime(e.raisedAt, policy.calendar.timeZone, now);
  const where = e.status === 'acknowledged' ? `acknowledged by ${e.answeredBy ?? 'the safeguarding lead'}` : 'waiting for them to acknowledge it';
  return { title: 'Safeguarding referral', text: `Referred to the safeguarding lead at ${at} by ${e.raisedBy}; ${where}. ${e.reason}` };
}

function stateLabel(c: Case): string {
  if (c.state === 'closed') return `Closed (${c.outcome ?? 'no outcome'})`;
  return { new: 'In the queue', claimed: 'Claimed', waiting: 'Waiting on the resident' }[c.state];
}

function activity(c: Case, policy: Policy): string[] {
  return [
    ...c.escalations.map((e) => `Escalated to ${targetName(policy, e.target)}: ${e.status}${e.answeredBy ? ` by ${e.answeredBy}` : ''}${e.answer ? ` (${e.answer})` : ''}${holderNote(e)}`),
    ...c.replies.map((r) => `Reply ${r.status.replace('_', ' ')} (${r.by}): ${truncate(r.text, 300)[0]}${r.error ? ` (${r.error})` : ''}`),
    ...c.moderation.map((m) => `${capitalise(m.action)} for ${ruleTitle(policy, m.ruleId)}: ${m.status.replace('_', ' ')}${m.note ? ` (${m.note})` : ''}`),
  ];
}

/** "Earlier: 2 breaches (spam ×2), 1 warning; not blocked": only when the author has a record (002 §6.3.3). */
function accountFact(policy: Policy, c: Case, record: ModerationRecord | undefined): CardFact[] {
  const line = record ? describeAccountRecord(policy, record, c.id) : null;
  return line ? [{ label: 'Account record', value: line }] : [];
}

function caseBanners(c: Case, policy: Policy, now: Date): Array<{ tone: Tone; text: string }> {
  const out: Array<{ tone: Tone; text: string }> = [];
  const overdue = overdueFirstResponse(c, now);
  if (overdue) out.push({ tone: 'danger', text: `First response overdue since ${formatLocalTime(overdue, policy.calendar.timeZone, now)}` });
  if (c.replies.some((r) => r.status === 'failed') || c.moderation.some((m) => m.status === 'failed')) {
    out.push({ tone: 'warning', text: 'A network action failed: see the activity below, and act on the network from the link if needed.' });
  }
  return out;
}

/** The bot flags a likely breach and names the rule; a person decides (DOMAIN.md "House rules"). */
function breachBanners(c: Case, m: Mention, policy: Policy, learned: LearnedModels = NO_LEARNING): Array<{ tone: Tone; text: string }> {
  if (c.state === 'closed') return [];
  // Where it was learned or read by the model, not the rule's own lexicon, the banner says so.
  const own = (x: HouseRuleSuggestion) => policy.houseRules.find((r) => r.id === x.ruleId)?.source === x.source;
  return readMention(policy, m, learned).houseRules.map((x) => ({ tone: 'warning' as const, text: `Possible breach of the house rules: ${x.title} (matched ${x.matched.map((w) => `"${w}"`).join(', ')}${own(x) ? '' : `; ${x.source}`}). A person decides.` }));
}

/** Cut by grapheme (src/domain/cut-text.ts): a card never shows half an emoji or a broken accent. */
export function truncate(text: string, max: number): [string, boolean] {
  const { text: shown, cut } = cutByGrapheme(text, max);
  return [shown, cut];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
