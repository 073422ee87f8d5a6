// Owns keeping residents' personal fields apart from the hashed event: a salted digest stands in each one's
// place in the body the chain hashes, so removing a field and its salt leaves the chain verifiable.
import { createHash, randomBytes } from 'node:crypto';
import type { CaseEvent } from '../domain/events.js';
import { ERASED_TEXT, isPersonalDigest, personalFieldsOf } from '../domain/personal-event-fields.js';
import { canonicalJson } from './event-hash.js';

export const DIGEST_PREFIX = 'sha256:';

export interface SealedField {
  readonly field: string;
  readonly value: string;
  /** 32 random bytes, hex: without it the digest cannot be matched against guesses of a short value (a handle). */
  readonly salt: string;
  readonly digest: string;
}

/** A personal field as stored: value and salt are null once erased. */
export interface StoredPersonalField {
  readonly field: string;
  readonly value: string | null;
  readonly salt: string | null;
  readonly erasureId: string | null;
}

export function personalDigest(salt: string, value: string): string {
  return DIGEST_PREFIX + createHash('sha256').update(salt).update(canonicalJson(value)).digest('hex');
}

export { isPersonalDigest };

/** The body to hash and store, and the fields to keep apart. Null fields are not personal data and stay put. */
export function sealEvent(event: CaseEvent, newSalt: () => string = () => randomBytes(32).toString('hex')): { body: CaseEvent; fields: SealedField[] } {
  const data = { ...(event.data as Record<string, unknown>) };
  const fields: SealedField[] = [];
  for (const field of personalFieldsOf(event.type)) {
    const value = data[field];
    if (typeof value !== 'string') continue;
    const salt = newSalt();
    const digest = personalDigest(salt, value);
    fields.push({ field, value, salt, digest });
    data[field] = digest;
  }
  return { body: { ...event, data } as CaseEvent, fields };
}

/** The event as the core knows it: each digest replaced by its value, or by ERASED_TEXT once erased. */
export function unsealEvent(body: CaseEvent, fields: readonly StoredPersonalField[]): CaseEvent {
  const data = { ...(body.data as Record<string, unknown>) };
  for (const field of personalFieldsOf(body.type)) {
    if (!isPersonalDigest(data[field])) continue; // written before sealing (migration 0035): inline
    const stored = fields.find((f) => f.field === field);
    data[field] = stored?.value ?? ERASED_TEXT;
  }
  return { ...body, data } as CaseEvent;
}

/** What is wrong with one event's personal fields, or null. `erasures`: the erasure ids recorded for its case. */
export function personalFieldMisfit(body: CaseEvent, fields: readonly StoredPersonalField[], erasureKnown: (id: string) => boolean): string | null {
  const data = body.data as Record<string, unknown>;
  const sealed = personalFieldsOf(body.type).filter((f) => isPersonalDigest(data[f]));
  for (const f of fields) {
    if (!sealed.includes(f.field)) return `personal field ${f.field} is stored but the hashed event has no digest for it`;
  }
  for (const name of sealed) {
    const f = fields.find((x) => x.field === name);
    if (!f) return `personal field ${name} is missing without an erasure: it was removed after it was written`;
    if (f.value === null || f.salt === null) {
      if (!f.erasureId || !erasureKnown(f.erasureId)) return `personal field ${name} was emptied without a recorded erasure event`;
      continue;
    }
    if (personalDigest(f.salt, f.value) !== data[name]) return `personal field ${name} does not match its digest in the hashed event: it was changed after it was written`;
  }
  return null;
}
