// End to end: Slack answers a post so slowly that the desk gives up waiting (CHAT_REQUEST_TIMEOUT_MS), yet posts
// the message a moment later all the same. The desk must not look for it before it can have landed, or it would
// find nothing and post the card a second time.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChaosAnswer } from '../helpers/fake-slack-api.js';
import { startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { deskPayloadOf } from '../../src/adapters/slack/message-metadata.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

const TIMEOUT_MS = 300;

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk({ env: { CHAT_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(() => t.close());
beforeEach(() => t.fake.reset());

/** The first chat.postMessage lands `afterMs` after it arrives; the desk has given up on it by then. */
function firstPostSlow(afterMs: number): { landed(): Promise<void> } {
  let landsAt: number | null = null;
  t.fake.setChaos((method): ChaosAnswer => {
    if (method !== 'chat.postMessage' || landsAt !== null) return null;
    landsAt = Date.now() + afterMs;
    return { delayMs: afterMs };
  });
  return {
    // The fake records a call when it has acted on it: wait for the slow one, whatever the desk did meanwhile.
    landed: () =>
      vi.waitFor(() => expect(t.fake.callsTo('chat.postMessage').some((c) => c.at.getTime() >= landsAt! - 5)).toBe(true), DESK_ACTS),
  };
}

describe('a post Slack answers after the desk stopped waiting', () => {
  it('finds the card that landed late instead of posting a second one', async () => {
    const slow = firstPostSlow(TIMEOUT_MS * 2);
    const { caseId } = await t.ingest();
    // The first attempt times out; the retry comes due at once on the test clock, long before Slack posts.
    await t.settle(5_000);
    await slow.landed();
    t.fake.setChaos(null);

    // Only the case's card counts: settle moves the test clock on to each retry, so the card's refresh, waiting on the
    // card, can reach the desk's 15-minute "trying to deliver" alert in the channel, which is no second card.
    const cards = t.fake.messagesIn('C0TRIAGE').filter((m) => deskPayloadOf(m)?.case_id === caseId);
    expect(cards).toHaveLength(1);
    expect(t.fake.callsTo('chat.postMessage').filter((c) => deskPayloadOf(c.body)?.case_id === caseId)).toHaveLength(1);
    // It was found by looking in the channel, not posted again.
    expect(t.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    const stored = await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND purpose = 'triage'`, [caseId]);
    expect(stored.rows[0]?.message_id).toBe(cards[0]!.ts);
  });
});
