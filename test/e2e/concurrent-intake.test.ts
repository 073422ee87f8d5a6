// End to end, the way it broke in the field: hundreds of signed mentions (singles and batches) arrive at once
// while the outbox posts cards to Slack. Every case gets exactly one card showing its own post, none is
// missing, and the history still verifies. Runs on whichever store DESK_TEST_DB names (CI runs both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentionInput } from '../../src/domain/mention.js';
import { signIntakeBody } from '../../src/http/verify-intake-signature.js';
import { PgEventLog } from '../../src/store/pg-event-log.js';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { INTAKE_SECRET, mention, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';

const SINGLES = 200;
const BATCHES = 10;
const PER_BATCH = 10;

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

/** Each mention's text and author name carry its own number, so a card showing another's post is caught. */
function numbered(n: number): MentionInput {
  return mention({
    text: `Resident ${n} here: the streetlight outside number ${n} Mill Lane has been out for ${n % 9 + 2} nights.`,
    author: { id: `concurrent-author-${n}`, name: `Resident Number${n}`, handle: `resident_n${n}`, followers: 10 + n, verified: false },
  });
}

/** 503s seen: on a loaded machine the pool may be busy; nothing was stored, and the sender tries again as a listening tool would. */
let busyAnswers = 0;

async function post(body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  for (let attempt = 1; ; attempt++) {
    const ts = Math.floor(t.clock.now().getTime() / 1000);
    const res = await fetch(`${t.desk.url}/api/mentions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, raw) },
      body: raw,
    });
    await res.arrayBuffer();
    if (res.status !== 503 || attempt >= 20) return res.status;
    busyAnswers++;
    await new Promise((r) => setTimeout(r, 100 * attempt));
  }
}

/** Keeps the outbox running while intake is still under way, as the worker does in production; returns its errors. */
async function workWhile(busy: () => boolean): Promise<string[]> {
  const errors: string[] = [];
  while (busy()) {
    const ran = await t.desk.worker.runOnce().catch((e: unknown) => void errors.push(String(e)));
    if (!ran) await new Promise((r) => setTimeout(r, 5));
  }
  return errors;
}

describe('three hundred mentions arriving at once', () => {
  it('gives every case exactly one card, showing its own post, with none missing', async () => {
    const mentions = Array.from({ length: SINGLES + BATCHES * PER_BATCH }, (_, i) => numbered(i + 1));
    const requests: Array<Promise<number>> = mentions.slice(0, SINGLES).map((m) => post(m));
    for (let b = 0; b < BATCHES; b++) {
      const start = SINGLES + b * PER_BATCH;
      requests.push(post({ mentions: mentions.slice(start, start + PER_BATCH) }));
    }
    let done = false;
    const worker = workWhile(() => !done);
    const statuses = await Promise.all(requests);
    done = true;
    const workerErrors = await worker;
    // Since the seed model learned from parts M, N and Q (session 9) it refers "the streetlight outside number 7 Mill
    // Lane has been out for 9 nights" to the safeguarding lead (a false alarm: "outside", "nights"), so every case is
    // also referred and the outbox has that much more to post: more rounds than the cards alone needed (2,000 failed).
    await t.settle(10_000);

    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    expect(workerErrors).toEqual([]);

    const stored = await t.db.query<{ case_id: string; text: string; author: string }>(
      `SELECT c.id AS case_id, m.body->>'text' AS text, m.body->'author'->>'name' AS author
         FROM cases c JOIN mentions m ON m.id = c.mention_id`,
    );
    expect(stored.rows).toHaveLength(mentions.length);
    expect(new Set(stored.rows.map((r) => r.text))).toEqual(new Set(mentions.map((m) => m.text)));

    const cards = new Map<string, SlackBody[]>();
    for (const message of t.fake.messagesIn('C0TRIAGE')) {
      const payload = (message.metadata as { event_payload?: Record<string, unknown> } | undefined)?.event_payload;
      if (payload?.['purpose'] !== 'triage') continue;
      const caseId = String(payload['case_id']);
      cards.set(caseId, [...(cards.get(caseId) ?? []), message]);
    }
    const wrong: string[] = [];
    for (const row of stored.rows) {
      const found = cards.get(row.case_id) ?? [];
      if (found.length !== 1) {
        wrong.push(`${row.case_id}: ${found.length} cards`);
        continue;
      }
      const shown = JSON.stringify(found[0]!.blocks);
      if (!shown.includes(row.text) || !shown.includes(row.author)) wrong.push(`${row.case_id}: shows another post`);
    }
    expect(wrong).toEqual([]);
    expect(cards.size).toBe(mentions.length);

    const verdict = await new PgEventLog(t.db).verifyChain();
    expect(verdict).toMatchObject({ ok: true });
    console.log(`${mentions.length} mentions in ${requests.length} requests: ${stored.rows.length} cases, ${cards.size} cards, ${wrong.length} wrong, ${busyAnswers} answers 503 (retried)`);
  }, 180_000);
});
