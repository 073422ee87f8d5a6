// Owns the intake load: signed single-mention POSTs and batches of 100 against a running desk,
// from autocannon, as mentions per second with the latency of each request.
import autocannon, { type Request as LoadRequest } from 'autocannon';
import { signIntakeBody } from '../src/http/verify-intake-signature.js';
import { loadCorpusPart } from '../src/triage-eval/corpus-files.js';
import { SEED_PARTS } from '../src/triage-eval/seed-training.js';

export const INTAKE_SECRET = 'bench-intake-secret-0123456789';
let n = 0;

/**
 * What residents wrote (the training parts of the triage corpus, in file order): each mention posted takes the next,
 * so intake reads texts as varied as real ones. One text posted again and again was read from the reader's caches
 * at a tenth of a real mention's cost, and hid reading from every intake figure (session 11).
 */
const TEXTS = SEED_PARTS.flatMap((part) => loadCorpusPart(part).map((item) => item.text));

/** A routine text (one card, no alert): for phases timing one message a channel, which an alert beside it would queue behind. */
export const ROUTINE_TEXT = 'My bins were not collected on Elm Road this week, when will someone come?';

export function benchMention(text?: string) {
  n += 1;
  const id = `${process.pid}-${Date.now().toString(36)}-${n}`;
  return {
    network: 'facebook', externalId: `bench-${id}`, url: `https://facebook.com/p/${id}`,
    text: text ?? TEXTS[n % TEXTS.length]!,
    postedAt: new Date().toISOString(), kind: 'comment',
    author: { id: `u${n % 500}`, name: 'Jo Bloggs', handle: 'jo', followers: 100, verified: false },
  };
}

export function signedIntakeRequest(body: () => unknown): LoadRequest {
  return {
    method: 'POST',
    path: '/api/mentions',
    setupRequest: (req: Record<string, unknown>) => {
      const raw = JSON.stringify(body());
      const ts = Math.floor(Date.now() / 1000);
      return { ...req, body: raw, headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, raw) } };
    },
  };
}

export function intakeRequest(batchSize: number): LoadRequest {
  return signedIntakeRequest(batchSize === 1 ? () => benchMention() : () => ({ mentions: Array.from({ length: batchSize }, () => benchMention()) }));
}

export interface IntakeFigure {
  readonly perSecond: number;
  readonly p99: number;
  readonly non2xx: number;
}

export async function intakeLoad(urls: readonly string[], batchSize: number, connections: number, seconds: number): Promise<IntakeFigure> {
  const each = Math.max(1, Math.floor(connections / urls.length));
  const results = await Promise.all(urls.map((url) => autocannon({ url, connections: each, duration: seconds, requests: [intakeRequest(batchSize)] })));
  return {
    perSecond: results.reduce((s, r) => s + r['2xx'] * batchSize, 0) / seconds,
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx + r.errors, 0),
  };
}

/** One signed POST; the case id from the 202. */
export async function postMention(url: string, mention: unknown): Promise<{ status: number; caseId: string }> {
  const raw = JSON.stringify(mention);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${url}/api/mentions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, raw) },
    body: raw,
  });
  const json = (await res.json()) as { caseId?: string; cases?: Array<{ caseId: string }> };
  return { status: res.status, caseId: json.caseId ?? '' };
}

/** Posts batches of 100 until `count` cases exist; returns their ids. */
export async function ingestMany(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const mentions = Array.from({ length: Math.min(100, count - ids.length) }, () => benchMention());
    const raw = JSON.stringify({ mentions });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${url}/api/mentions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, raw) },
      body: raw,
    });
    const json = (await res.json()) as { results?: Array<{ caseId: string }>; cases?: Array<{ caseId: string }> };
    const got = json.results ?? json.cases;
    if (!res.ok || !got) throw new Error(`batch intake answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
    ids.push(...got.map((r) => r.caseId));
  }
  return ids;
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
