// Cards posted to a Slack having a bad day: 30% of answers are 5xx (half of them after Slack did the work, so
// the answer is lost), some 429s with Retry-After, some slow answers, and some so slow that the desk gives up
// waiting (its timeout) while Slack still posts the message afterwards. Every case gets exactly one card, none
// is given up, and nothing is posted twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaosAnswer } from '../helpers/fake-slack-api.js';
import { mention, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { histogram, printFigures, scale, seeded, timeoutMs } from './chaos-scale.js';
import { deskPayloadOf } from '../../src/adapters/slack/message-metadata.js';

/** Short, so the slow answers below outlast it without slowing the run much. */
const TIMEOUT_MS = 400;

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk({ env: { CHAT_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) }, logLevel: 'error' });
});
afterAll(() => t.close());

const TOPICS = ['bins on', 'a pothole in', 'the library on', 'council tax for', 'street lights on', 'parking permits in', 'a fly-tip on', 'noise from'];

describe('cards under a flaky Slack', () => {
  it('posts exactly one card per case, gives none up, and posts nothing twice', async () => {
    const random = seeded(Number(process.env.CHAOS_SEED ?? 11));
    let slowBeyondTimeout = 0;
    let lastLandsAt = 0;
    const slow = () => {
      slowBeyondTimeout++;
      const delayMs = Math.floor(TIMEOUT_MS * (1.2 + random() * 0.7));
      lastLandsAt = Math.max(lastLandsAt, Date.now() + delayMs);
      return { delayMs };
    };
    const chaos = (method: string): ChaosAnswer => {
      if (!['chat.postMessage', 'chat.update', 'conversations.history', 'conversations.replies'].includes(method)) return null;
      const r = random();
      if (r < 0.15) return { status: 500 };
      if (r < 0.3) return { status: 502, afterProcessing: true }; // Slack posted it; the answer was lost
      if (r < 0.35) return { status: 429, retryAfter: 1 };
      if (r < 0.45) return { delayMs: Math.floor(random() * 80) };
      // Beyond the desk's timeout: it gives up, and Slack posts the message a moment later all the same.
      if (r < 0.5) return slow();
      return null;
    };
    const sent = scale(40, 1_000);
    const caseIds: string[] = [];
    for (let i = 0; i < sent; i++) {
      const { status, caseId } = await t.ingest(mention({ text: `Question ${i} about ${TOPICS[i % TOPICS.length]} Road ${i}`, author: { id: `chaos-${i}`, name: `Resident ${i}`, handle: `r${i}`, followers: 10, verified: false } }));
      expect(status).toBe(202);
      caseIds.push(caseId);
    }
    t.fake.setChaos(chaos);
    await t.settle(scale(3_000, 60_000));
    t.fake.setChaos(null);
    // Count only once every slow request has landed: a duplicate it caused would otherwise go unseen.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastLandsAt + 50 - Date.now())));

    const top = t.fake.messagesIn('C0TRIAGE').filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    const byPurpose = new Map<string, number>();
    for (const channel of ['C0TRIAGE', 'C0LEAD', 'C0WASTE']) {
      for (const m of t.fake.messagesIn(channel)) {
        const p = deskPayloadOf(m);
        if (p?.case_id) byPurpose.set(`${p.case_id}|${p.purpose}`, (byPurpose.get(`${p.case_id}|${p.purpose}`) ?? 0) + 1);
      }
    }
    const cardsOf = (caseId: string) => top.filter((m) => deskPayloadOf(m)?.case_id === caseId && deskPayloadOf(m)?.purpose === 'triage').length;
    const cards = caseIds.map(cardsOf);
    const stored = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::text[])`, [caseIds])).rows[0]!.n;
    const failed = (await t.db.query<{ kind: string; last_error: string }>(`SELECT kind, last_error FROM outbox WHERE status = 'failed'`)).rows;
    const pending = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND kind LIKE 'chat.%'`)).rows[0]!.n;
    const figures = {
      sent, stored,
      cardsExactlyOnce: cards.filter((n) => n === 1).length,
      cardsMissing: cards.filter((n) => n === 0).length,
      cardsDuplicated: cards.filter((n) => n > 1).length,
      anyMessageTwice: [...byPurpose.values()].filter((n) => n > 1).length,
      givenUp: failed.length, stillPending: pending, slowBeyondTimeout,
      slackCalls: histogram(t.fake.calls.map((c) => `${c.method} ${c.status}`)),
    };
    printFigures('slack-cards', figures);
    expect(figures).toMatchObject({ stored: sent, cardsExactlyOnce: sent, cardsMissing: 0, cardsDuplicated: 0, anyMessageTwice: 0, givenUp: 0, stillPending: 0 });
  }, timeoutMs(120, 3_600));
});
