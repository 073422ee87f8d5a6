// Owns reading fields out of Meta's webhook JSON: each missing or wrong field named by its path.
import type { MentionInput } from '../../../domain/mention.js';

export class MetaPayloadError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'MetaPayloadError';
  }
}

export type Obj = Record<string, unknown>;

/** What one change or messaging event became: a mention, or a reason it is not one (counted in the log). */
export type Parsed = { readonly mention: MentionInput } | { readonly ignored: string };

export function obj(v: unknown, path: string): Obj {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  throw new MetaPayloadError(path, 'expected an object');
}

export function list(v: unknown, path: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new MetaPayloadError(path, 'expected an array');
}

/** Ids arrive as strings, but a number is accepted and kept exactly as written. */
export function id(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v === 'string' && v.trim()) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  throw new MetaPayloadError(`${path}.${key}`, 'required: a non-empty id');
}

export function optionalText(o: Obj, key: string): string | null {
  const v = o[key];
  return typeof v === 'string' ? v : null;
}

/** Latest instant written with a four-digit year (9999-12-31), which is what an ISO datetime field accepts. */
const LAST_ISO_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Meta sends epoch seconds (feed), epoch milliseconds (messaging) or ISO strings (Instagram): all to ISO. A time
 * no calendar can show (1e16, or a year past 9999) is treated as absent rather than thrown on: Meta retries a 5xx
 * for ever, so a bad time must not fail the delivery.
 */
export function isoTime(v: unknown, fallback: unknown): string {
  for (const t of [v, fallback]) {
    const ms = typeof t === 'number' && Number.isFinite(t) && t > 0 ? (t >= 1e12 ? t : t * 1000) : typeof t === 'string' && t ? Date.parse(t) : NaN;
    if (Number.isFinite(ms) && ms >= 0 && ms <= LAST_ISO_MS) return new Date(ms).toISOString();
  }
  return new Date().toISOString();
}
