// Policy schema for the words the desk reads mentions by: kind cues, safeguarding concerns, threats, patterns.
import { z } from 'zod';

/**
 * No resident types a control character, so one in a term or pattern is a typo that never matches: "\b" written
 * inside double quotes in YAML is a backspace, not a word boundary. Until session 15 a threat pattern ended in one
 * ("someone is gonna get hurt" + U+0008) and never fired.
 */
function refuseControlCharacters(s: string, ctx: z.RefinementCtx): void {
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) continue;
    const named = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const hint = code === 0x08 ? ' (a backspace: a word boundary is \\b, kept as written inside single quotes)' : '';
    ctx.addIssue({ code: 'custom', message: `contains the control character ${named}${hint}` });
    return;
  }
}

/** A regular expression as the policy writes it (case-insensitive, Unicode); checked when the file loads. */
export const patternSchema = z
  .string()
  .min(2)
  .refine((s) => {
    try {
      new RegExp(s, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression')
  .superRefine(refuseControlCharacters);

/** A word or phrase as the policy writes it. */
const termSchema = z.string().min(1).superRefine(refuseControlCharacters);

/** Words and phrases (a trailing * matches any ending) plus regular expressions. */
export const lexiconFields = {
  terms: z.array(termSchema).default([]),
  patterns: z.array(patternSchema).default([]),
};

/**
 * One everyday form a safeguarding concern takes. Any of `terms`/`patterns` is enough on its own; or
 * a `who` word (a child, an older person) with a `what` word (alone, no heating) within `within`
 * characters of each other: "the little ones next door … on their own … heating off".
 */
export const safeguardingConcernSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  name: z.string().min(1),
  /** The service a concern of this form usually belongs to (a child: children's services), when set. */
  service: z.string().optional(),
  ...lexiconFields,
  who: z.array(z.string().min(2)).default([]),
  what: z.array(z.string().min(2)).default([]),
  within: z.number().int().positive().default(120),
});

export const safeguardingSchema = z.object({
  concerns: z.array(safeguardingConcernSchema).default([]),
  /** Threats of violence to staff, councillors or anyone: referred like a concern (002 §6.3.3–6.3.4). */
  threats: z.object(lexiconFields).default({ terms: [], patterns: [] }),
  source: z.string().min(1),
});

export type SafeguardingConcern = z.infer<typeof safeguardingConcernSchema>;
export type SafeguardingLexicon = z.infer<typeof safeguardingSchema>;
