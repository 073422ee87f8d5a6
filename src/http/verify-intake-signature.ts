// Checks the intake signature: v1=HMAC-SHA256(secret, "v1:<timestamp>:<raw body>"), at most 5 minutes old.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_SECONDS = 300;

export type SignatureVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function signIntakeBody(secret: string, timestamp: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`v1:${timestamp}:`).update(rawBody).digest('hex');
  return `v1=${mac}`;
}

export function verifyIntakeSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
  nowSeconds: number,
): SignatureVerdict {
  if (!headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: 'X-Desk-Timestamp must be unix seconds' };
  if (!headers.signature) return { ok: false, reason: 'X-Desk-Signature is missing' };
  const ts = Number(headers.timestamp);
  if (Math.abs(nowSeconds - ts) > MAX_SKEW_SECONDS) return { ok: false, reason: 'X-Desk-Timestamp is more than 5 minutes from now' };
  const expected = Buffer.from(signIntakeBody(secret, ts, rawBody));
  const given = Buffer.from(headers.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'X-Desk-Signature does not match' };
  return { ok: true };
}
