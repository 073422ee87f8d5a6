// Owns the event log's tamper evidence: each event's hash covers its content and the hash
// before it, so changing, removing or reordering any event breaks every link after it.
import { createHash } from 'node:crypto';

/** The prevHash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted (UTF-16 order, as RFC 8785) and no whitespace, so the same
 * content always hashes the same whichever way jsonb or a JS object ordered its keys.
 * The value is first put through JSON (undefined dropped, Dates as strings), exactly what the
 * jsonb column stores and gives back.
 */
export function canonicalJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('cannot hash a value JSON cannot represent');
  return write(JSON.parse(json) as unknown);
}

function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const record = value as Record<string, unknown>;
  // Built by hand: JSON.stringify would put integer-like keys ("1", "10") first regardless.
  const members = Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${write(record[k])}`);
  return `{${members.join(',')}}`;
}

/** sha256 hex of prevHash followed by the canonical JSON of the event body. */
export function hashEvent(prevHash: string, body: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}
