// A client for our own signed endpoints (the ingest CLI, the benchmark, tests): signs and sends.
import { signIntakeBody } from './verify-intake-signature.js';

export interface SignedAnswer {
  readonly status: number;
  readonly json: any;
}

export async function postSigned(url: string, raw: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Promise<SignedAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(timestamp), 'x-desk-signature': signIntakeBody(secret, timestamp, raw) },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
