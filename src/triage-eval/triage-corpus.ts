// Owns the labelled triage corpus's shape: one mention as a resident wrote it, and what a comms officer decided.
import { z } from 'zod';
import { MENTION_KINDS, type Mention } from '../domain/mention.js';

const PERSONAL_DATA = ['email', 'phone', 'address', 'ni_number', 'account_number'] as const;

/** One line of test/fixtures/triage-corpus/*.jsonl; short keys because a person writes hundreds of them. */
export const corpusItemSchema = z.strictObject({
  id: z.string().min(1),
  net: z.string().min(1),
  mk: z.enum(MENTION_KINDS),
  text: z.string().min(1),
  parent: z.string().optional(),
  fol: z.number().int().nonnegative().optional(),
  ver: z.boolean().optional(),
  tag: z.string().min(1),
  kind: z.string().min(1),
  rules: z.array(z.string()).default([]),
  risk: z.enum(['low', 'medium', 'high']),
  sg: z.boolean().default(false),
  threat: z.boolean().default(false),
  foi: z.boolean().default(false),
  pd: z.array(z.enum(PERSONAL_DATA)).default([]),
});

export type CorpusItem = z.output<typeof corpusItemSchema>;

/** Parses JSONL text; a bad line throws naming its line number and field. */
export function parseCorpus(jsonl: string, name: string): CorpusItem[] {
  return jsonl
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      const parsed = corpusItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${name}:${n}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}

/** The mention a corpus line stands for, as intake would store it. */
export function corpusMention(item: CorpusItem): Mention {
  return {
    network: item.net,
    externalId: item.id,
    url: `https://example.org/${item.net}/${item.id}`,
    text: item.text,
    postedAt: '2026-11-10T10:00:00Z',
    kind: item.mk,
    author: { id: `author-${item.id}`, name: '', handle: '', followers: item.fol ?? null, verified: item.ver ?? false },
    ...(item.parent === undefined ? {} : { parent: { externalId: `parent-${item.id}`, text: item.parent } }),
  };
}
