// The payload every card button and form carries, and its schema: parsed with zod at each surface.
import { z } from 'zod';

/** What a click says: which case, which version the person saw, and the action's extra data. */
export const cardActionPayloadSchema = z.object({
  c: z.string().min(1).max(64),
  v: z.number().int().positive(),
  a: z.record(z.string(), z.string().max(200)).optional(),
});

export type CardActionPayload = z.infer<typeof cardActionPayloadSchema>;

export function encodeCardAction(caseId: string, version: number, args?: Readonly<Record<string, string>>): string {
  const payload: CardActionPayload = args && Object.keys(args).length ? { c: caseId, v: version, a: { ...args } } : { c: caseId, v: version };
  return JSON.stringify(payload);
}

export function decodeCardAction(value: string): CardActionPayload | null {
  try {
    const parsed = cardActionPayloadSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
