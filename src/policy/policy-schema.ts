// The policy file's schema: the council's rules as data, checked field by field with paths.
import { z } from 'zod';
import { CASE_STATES } from '../domain/case.js';
import { networkNameSchema } from '../domain/mention.js';
import { ROLES } from '../domain/roles.js';
import { chatChannelSchema, personSchema, roleGroupSchema } from './policy-people-schema.js';
import {
  clockSchema,
  durationSchema,
  houseRuleSchema,
  moderationSchema,
  networkCapabilitySchema,
  outOfHoursSchema,
  postTimeSchema,
  replyRulesSchema,
  riskSchema,
} from './policy-rules-schema.js';
import { lexiconFields, safeguardingSchema } from './policy-lexicon-schema.js';
import { readerSchema } from './policy-reader-schema.js';
import { workingCalendarSpecSchema } from './working-calendar-spec.js';
import { signpostsSchema } from './signposts.js';
import { dataProtectionSchema } from './policy-data-protection-schema.js';
import { DEFAULT_DATA_PROTECTION } from './default-data-protection.js';

const COMMAND_TYPES = [
  'case.claim', 'case.release', 'case.reassign', 'case.classify', 'case.escalate',
  'case.escalation.acknowledge', 'case.escalation.decline', 'case.safeguarding.dismiss', 'case.reply.submit', 'case.reply.approve', 'case.reply.reject',
  'case.moderate', 'case.moderation.approve', 'case.moderation.reject', 'case.wait', 'case.resume',
  'case.close', 'case.reopen', 'desk.emergency', 'case.police.refer',
  'case.escalation.answer', 'case.escalation.draft', 'case.escalation.pass', 'case.leadership.answer',
] as const;

export const serviceAreaSchema = z.object({
  tag: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a short lower-case tag such as waste'),
  name: z.string().min(1),
  leads: z.array(z.string()).default([]),
  channel: chatChannelSchema.default({}),
  keywords: z.array(z.string()).default([]),
  political: z.boolean().default(false),
  /** Who takes the service's escalations when its leads do not acknowledge in time, or are away (issue 18). */
  deputies: z.array(z.string()).default([]),
  /** The service's own officers (role service_officer): they get its escalation cards and see only its cases. */
  officers: z.array(z.string()).default([]),
  /** How long a lead has to acknowledge before it goes to a deputy, then to the comms manager. */
  acknowledgeWithin: durationSchema.default({ workingMinutes: 240 }),
  /** Whether the service may draft replies itself for comms' sign-off (001 matrix option 4). */
  mayReply: z.boolean().default(false),
  /** The initials a service's own reply is signed with (002 §5.5), e.g. WR for "^WR"; unset: the writer's initials. */
  signOff: z.string().regex(/^[A-Z]{1,4}$/, '1–4 capital letters').optional(),
});

/** A kind of mention (the 3Cs and the rest) with the cues that suggest it: residents' words, not the desk's. */
export const kindSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  name: z.string(),
  source: z.string().optional(),
  ...lexiconFields,
});

/** A blog, local news site or saved search to watch (001: "mentions found by monitoring elsewhere"). */
export const feedSchema = z.object({
  url: z.url(),
  name: z.string().min(1),
  /** Entries mentioning any of these are kept; empty means the council's name. */
  keywords: z.array(z.string().min(1)).default([]),
  /** The network the entries are filed under: 'web' (reply on the site itself) unless said otherwise. */
  network: networkNameSchema.default('web'),
});

const policyObjectSchema = z
  .object({
    council: z.object({
      name: z.string().min(1),
      website: z.url(),
      policyUrl: z.url(),
    }),
    calendar: workingCalendarSpecSchema.and(z.object({ source: z.string().min(1) })),
    people: z.array(personSchema).default([]),
    groups: z.array(roleGroupSchema).default([]),
    channels: z.object({
      triage: chatChannelSchema,
      leadership: chatChannelSchema.default({}),
      safeguarding: chatChannelSchema.default({}),
      // Where the desk tells whoever runs it about its own trouble (a card it has been failing to post for a
      // while); unset: the triage channel.
      admin: chatChannelSchema.default({}),
      // Where the signed checkpoints of the event log are posted (docs/erasure-design.md); unset: the admin channel.
      audit: chatChannelSchema.default({}),
    }),
    services: z.array(serviceAreaSchema).min(1),
    kinds: z.array(kindSchema).min(1),
    permissions: z.partialRecord(z.enum(COMMAND_TYPES), z.array(z.enum(ROLES))),
    clocks: z.array(clockSchema).default([]),
    clocksPauseIn: z.array(z.enum(CASE_STATES)).default(['waiting']),
    postTime: postTimeSchema.default(postTimeSchema.parse({})),
    houseRules: z.array(houseRuleSchema).min(1),
    moderation: moderationSchema,
    replyRules: replyRulesSchema,
    networks: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), networkCapabilitySchema),
    feeds: z.array(feedSchema).default([]),
    outOfHours: outOfHoursSchema,
    risk: riskSchema,
    signposts: signpostsSchema.default({ templates: [], source: "001 triage matrix option 3; 002 §6.2.3" }),
    safeguarding: safeguardingSchema.default({ concerns: [], threats: { terms: [], patterns: [] }, source: "004 §2 (safeguarding is everyone's business: report concerns)" }),
    dataProtection: dataProtectionSchema.default(DEFAULT_DATA_PROTECTION),
    reader: readerSchema.default(readerSchema.parse({})),
  });

export const policySchema = policyObjectSchema.superRefine(checkReferences);

export type Policy = z.infer<typeof policyObjectSchema>;
export type KindSpec = z.infer<typeof kindSchema>;
export type ServiceArea = z.infer<typeof serviceAreaSchema>;
export type FeedWatch = z.infer<typeof feedSchema>;

/** Cross-references zod can't express field by field: ids unique, leads exist. */
function checkReferences(policy: Policy, ctx: z.RefinementCtx): void {
  const personIds = new Set<string>();
  policy.people.forEach((person, i) => {
    if (personIds.has(person.id)) ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate person id "${person.id}"` });
    personIds.add(person.id);
  });
  policy.services.forEach((s, i) =>
    (['leads', 'deputies', 'officers'] as const).forEach((list) =>
      s[list].forEach((id, j) => {
        if (!personIds.has(id)) ctx.addIssue({ code: 'custom', path: ['services', i, list, j], message: `no person with id "${id}" in people` });
      }),
    ),
  );
  unique(policy.services.map((s) => s.tag), 'services', 'tag', ctx);
  unique(policy.houseRules.map((r) => r.id), 'houseRules', 'id', ctx);
  unique(policy.kinds.map((k) => k.id), 'kinds', 'id', ctx);
  unique(policy.clocks.map((c) => c.id), 'clocks', 'id', ctx);
  unique(policy.feeds.map((f) => f.url), 'feeds', 'url', ctx);
  unique(policy.signposts.templates.map((t) => t.id), 'signposts.templates', 'id', ctx);
  policy.signposts.templates.forEach((t, i) => {
    if (t.service !== 'general' && !policy.services.some((s) => s.tag === t.service)) {
      ctx.addIssue({ code: 'custom', path: ['signposts', 'templates', i, 'service'], message: `no service with tag "${t.service}" (or use general)` });
    }
  });
  // A misspelt rule's bar would be ignored without a word, and the rule read at the shared bar.
  for (const id of Object.keys(policy.reader.houseRuleAtFor)) {
    if (!policy.houseRules.some((r) => r.id === id)) ctx.addIssue({ code: 'custom', path: ['reader', 'houseRuleAtFor', id], message: `no house rule with id "${id}"` });
  }
}

function unique(values: string[], list: string, field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [list, i, field], message: `duplicate ${field} "${v}"` });
    seen.add(v);
  });
}
