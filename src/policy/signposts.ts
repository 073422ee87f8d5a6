// Owns the ready replies a council signposts with (001 matrix option 3 "signposting to the website", 002 §6.2.3 "report it online").
import { z } from 'zod';
import type { SignpostUse } from '../domain/commands.js';

export const SIGNPOST_KINDS = ['signpost', 'report_online'] as const;

/** One ready reply: for a service (or `general`), of a kind, with the text an officer sends or adapts. `{website}` is the council's. */
export const signpostTemplateSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a short lower-case id such as waste-missed-bin'),
  service: z.string().min(1),
  kind: z.enum(SIGNPOST_KINDS),
  /** What the officer picks it by (a Slack option shows 75 characters). */
  label: z.string().min(1).max(75),
  text: z.string().min(1).max(1000),
});

export const signpostsSchema = z.object({
  templates: z.array(signpostTemplateSchema).default([]),
  source: z.string().min(1),
});

export type SignpostTemplate = z.infer<typeof signpostTemplateSchema>;

interface SignpostPolicy {
  readonly council: { readonly website: string };
  readonly signposts: z.infer<typeof signpostsSchema>;
}

/** The templates offered on a case about `serviceTag` (null: not known yet): that service's first, then the general ones. */
export function signpostsFor(policy: SignpostPolicy, serviceTag: string | null): SignpostTemplate[] {
  const all = policy.signposts.templates;
  if (!serviceTag) return [...all];
  return [...all.filter((t) => t.service === serviceTag), ...all.filter((t) => t.service === 'general' && serviceTag !== 'general')];
}

export function findSignpost(policy: SignpostPolicy, id: string): SignpostTemplate | undefined {
  return policy.signposts.templates.find((t) => t.id === id);
}

/** The template's text with the council's website in place of `{website}`. */
export function signpostText(policy: SignpostPolicy, template: SignpostTemplate): string {
  return template.text.replaceAll('{website}', policy.council.website.replace(/\/$/, ''));
}

/** What the reply event records, so the dashboard can count signposting by kind and service. */
export function signpostUse(template: SignpostTemplate): SignpostUse {
  return { templateId: template.id, kind: template.kind, serviceTag: template.service };
}
