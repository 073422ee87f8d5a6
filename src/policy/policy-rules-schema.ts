// Policy schema for the council's published rules: clocks, house rules, moderation, replies.
import { z } from 'zod';
import { MODERATION_ACTIONS } from '../domain/case.js';
import { MENTION_KINDS } from '../domain/mention.js';
import { patternSchema } from './policy-lexicon-schema.js';

const source = z.string().min(1, 'cite the document and section this rule comes from');

export const durationSchema = z.union([
  z.object({ workingMinutes: z.number().int().positive() }),
  z.object({ workingDays: z.number().int().positive() }),
  z.object({ elapsedHours: z.number().positive() }),
  /** FOIA s.10(6) working days: council closures do not count, UK bank holidays anywhere do. */
  z.object({ statutoryWorkingDays: z.number().int().positive() }),
]);

export const clockSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  name: z.string(),
  /** What starts the clock. */
  startsOn: z.enum(['opened', 'claimed', 'escalated_to_service_lead', 'classified_foi', 'statement_requested']),
  /** What stops it. */
  stopsOn: z.enum(['first_reply', 'escalation_answered', 'closed', 'any_action']),
  within: z.array(durationSchema).min(1).describe('the stricter (earliest) of these'),
  /**
   * 'trigger': from the moment the trigger happened; 'post': from the resident's post, whenever
   * the trigger comes (an FOI request is received when it is posted, not when it is classified).
   */
  countsFrom: z.enum(['trigger', 'post']).default('trigger'),
  remindAt: z.number().gt(0).lt(1).nullable().default(0.75),
  source,
});

/** How far a network's posting time is believed (see post-time.ts). */
export const postTimeSchema = z.object({
  futureSkewMinutes: z.number().nonnegative().default(5),
  maxAgeDays: z.number().positive().default(30),
  lateAfterMinutes: z.number().nonnegative().default(15),
  source: source.default('Mention Desk default: clocks count from the post (002 §6.2.2 "respond within one working day" of the post)'),
});

export const houseRuleSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  title: z.string(),
  description: z.string(),
  actions: z.array(z.enum(MODERATION_ACTIONS)).min(1),
  /** Block after this many recorded breaches of this rule (e.g. repeated unrelated comments). */
  blockAfterBreaches: z.number().int().positive().nullable().default(null),
  referToManager: z.boolean().default(false),
  /** Words and phrases that suggest (never decide) a breach. */
  lexicon: z.array(z.string().min(1)).default([]),
  /** Regular expressions that suggest a breach ("you lot are … idiots"). */
  patterns: z.array(patternSchema).default([]),
  /** How a breach weighs on the case's risk (001 triage matrix): hate speech is high. */
  risk: z.enum(['low', 'medium', 'high']).default('medium'),
  /** The rule is about a comment unrelated to the post it answers (000 rule 4): weighed only for a comment on a post, by its words and the reader model. */
  offTopic: z.boolean().default(false),
  /** A threat of violence (policy `safeguarding.threats`) is also a breach of this rule. */
  includesThreats: z.boolean().default(false),
  /**
   * Not a breach: the council hides the post to protect its author (their own phone number shown in
   * public). Recorded with its reason like any moderation, never counted towards a warning or a block.
   */
  protective: z.boolean().default(false),
  /** The kind a breach suggests for the case (hate speech: abuse; spam: spam), when the policy has that kind. */
  kind: z.string().optional(),
  source,
});

export const moderationSchema = z.object({
  needsApproval: z.array(z.enum(MODERATION_ACTIONS)).default(['warn', 'block', 'unblock']),
  appealAfterMonths: z.number().int().positive().default(12),
  warningMessage: z.string().min(1),
  source,
});

export const replyRulesSchema = z.object({
  signOff: z.object({ format: z.string().includes('{initials}'), required: z.boolean(), source }),
  personalData: z.object({ enabled: z.boolean(), source }),
  foi: z.object({ route: z.string().min(1), source }),
  politicalTerms: z.array(z.string()).default([]),
  preElectionPeriods: z.array(z.object({ name: z.string(), from: z.iso.date(), to: z.iso.date() })).default([]),
  preElectionSource: source,
});

export const networkCapabilitySchema = z.object({
  displayName: z.string(),
  textLimit: z.number().int().positive().nullable(),
  /** A private message's limit, where it differs from a public post's (X: 10,000 against 280). */
  privateTextLimit: z.number().int().positive().nullable().optional(),
  directMessages: z.boolean(),
  followersKnown: z.boolean(),
  actions: z.array(z.enum(['reply', 'private_reply', 'hide', 'unhide', 'delete', 'block', 'unblock'])),
  /** No connector: staff reply on the network itself, from the link on the card. */
  replyOnNetwork: z.boolean().default(false),
  source: source.optional(),
});

export const outOfHoursSchema = z.object({
  autoReply: z.array(z.object({ network: z.string(), kind: z.enum(MENTION_KINDS) })).default([]),
  message: z.string().min(1),
  emergencyContacts: z.string().min(1),
  source,
});

export const riskSchema = z.object({
  followersMedium: z.number().int().nonnegative(),
  followersHigh: z.number().int().nonnegative(),
  verifiedIsMedium: z.boolean().default(true),
  highRiskTerms: z.array(z.string()).default([]),
  safeguardingTerms: z.array(z.string()).default([]),
  /** Words that make a mention worth a closer look (medium risk): "fed up", "third time". */
  mediumRiskTerms: z.array(z.string()).default([]),
  /**
   * Words that mark high reputational risk (001 triage matrix option 5): the press, elected representatives.
   * They raise the risk to high like `highRiskTerms`, and route the case to the comms manager with an offer to
   * escalate it to leadership.
   */
  reputationalTerms: z.array(z.string()).default([]),
  /** Controversial subjects (001 matrix option 5, "controversial"): medium risk, routed and offered the same way. */
  controversialTerms: z.array(z.string()).default([]),
  surge: z.object({
    cases: z.number().int().min(2),
    withinMinutes: z.number().int().positive(),
    /** How long a holding line leadership agreed for a surge is offered on the topic's cases (issue 18). */
    holdingLineHours: z.number().positive().default(24),
  }),
  source,
});

/** A response clock the policy sets (first response, a service lead's answer, FOI): not the time source (services/ports.ts `Clock`). */
export type ResponseClock = z.infer<typeof clockSchema>;
export type Duration = z.infer<typeof durationSchema>;
export type HouseRule = z.infer<typeof houseRuleSchema>;
export type NetworkCapability = z.infer<typeof networkCapabilitySchema>;
