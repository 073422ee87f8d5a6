// Owns what text PostgreSQL can take: no NUL (text and jsonb refuse it) and no lone surrogate half (not
// valid UTF-8). Refused at every door as the caller's mistake, with a 400 naming the field, never a 500.
import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Adds the two checks to any string schema. */
export function storable<S extends z.ZodString | z.ZodURL>(schema: S) {
  return schema
    .regex(/^[^\u0000]*$/, 'must not contain NUL (\\u0000) characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode (a lone surrogate half was sent)');
}

/** A string of at most `max` characters that PostgreSQL can store. */
export function storableText(max: number) {
  return storable(z.string().max(max));
}
