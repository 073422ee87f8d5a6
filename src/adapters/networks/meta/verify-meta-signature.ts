// Owns checking X-Hub-Signature-256 on Meta's webhook POSTs: an HMAC of the raw bytes as received.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Over the raw body: Meta escapes unicode, so a re-serialised body would never match. */
export function verifyMetaSignature(appSecret: string, header: string | undefined, raw: Buffer): SignatureVerdict {
  if (!header) return { ok: false, reason: 'missing X-Hub-Signature-256' };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match?.[1]) return { ok: false, reason: 'X-Hub-Signature-256 is not sha256=<64 hex digits>' };
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  const given = Buffer.from(match[1], 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'X-Hub-Signature-256 does not match the body' };
}

export function signMetaBody(appSecret: string, raw: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}
