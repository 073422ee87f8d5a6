// Parses an intake body: one mention or {"mentions": [...]} (up to 100), naming each bad field.
import { z } from 'zod';
import { mentionSchema, type Mention } from '../domain/mention.js';

export const MAX_BATCH = 100;

const batchSchema = z.object({ mentions: z.array(mentionSchema).min(1).max(MAX_BATCH) });

export type ParsedIntake =
  | { readonly ok: true; readonly batch: boolean; readonly mentions: Mention[] }
  | { readonly ok: false; readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }> };

export function parseIntakeBody(raw: Buffer): ParsedIntake {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return { ok: false, errors: [{ path: '(body)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const isBatch = typeof json === 'object' && json !== null && 'mentions' in json;
  const result = isBatch ? batchSchema.safeParse(json) : mentionSchema.safeParse(json);
  if (!result.success) {
    return { ok: false, errors: result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) };
  }
  const mentions = isBatch ? (result.data as z.infer<typeof batchSchema>).mentions : [result.data as Mention];
  return { ok: true, batch: isBatch, mentions };
}
