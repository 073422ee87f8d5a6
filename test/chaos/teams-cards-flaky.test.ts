// Cards posted through a Bot Connector having a bad day: 5xx, 429 with Retry-After, slow answers, and calls it
// never answers (the desk's timeout ends them; without one the outbox worker would wait for ever). Every case gets
// exactly one card, none is given up. With Microsoft Graph able to read the channel, answers lost after Teams
// posted (a 502 once the card is up) are found there and not posted again, though Graph itself sometimes answers
// 503 or 429: nothing shows twice.
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_MARK } from '../../src/adapters/teams/teams-card-mark.js';
import type { ConnectorChaos } from '../helpers/fake-bot-connector.js';
import { startInstalledTeamsDesk, type TeamsDesk, type TeamsDeskOptions } from '../helpers/teams-desk.js';
import { mention } from '../helpers/slack-desk.js';
import { histogram, printFigures, scale, seeded, timeoutMs } from './chaos-scale.js';

/** Short, so calls that hang end quickly. */
const TIMEOUT_MS = 400;

let t: TeamsDesk;
afterEach(() => t.close());

/** Starts a desk, ingests `sent` mentions, runs the outbox under `chaos`, and counts each case's cards as Teams holds them. */
async function cardsUnderChaos(name: string, o: TeamsDeskOptions, sent: number, chaos: (random: () => number) => ConnectorChaos, seed: number) {
  t = await startInstalledTeamsDesk({ ...o, env: { CHAT_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
  const random = seeded(Number(process.env.CHAOS_SEED ?? seed));
  const caseIds: string[] = [];
  for (let i = 0; i < sent; i++) {
    // No service named, so no surge notice shares the channel with the cards.
    const { caseId } = await t.ingest(mention({ text: `General question number ${i} for the council`, author: { id: `teams-chaos-${i}`, name: `Resident ${i}`, handle: `t${i}`, followers: 10, verified: false } }));
    caseIds.push(caseId);
  }
  t.fake.setChaos(() => chaos(random));
  // Graph has bad days too: a look that fails is tried again later, never taken for "not there".
  t.msGraph?.setChaos(() => {
    const r = random();
    return r < 0.1 ? { status: 503 } : r < 0.15 ? { status: 429, retryAfter: 1 } : null;
  });
  await t.settle(scale(3_000, 60_000));
  t.fake.setChaos(null);
  t.msGraph?.setChaos(null);
  // Count only once every slow request has landed: a duplicate it caused would otherwise go unseen.
  await new Promise((resolve) => setTimeout(resolve, 2 * TIMEOUT_MS + 100));

  const marked = (id: string) => `"${CARD_MARK}":{"caseId":"${id}","purpose":"triage"}`;
  const cards = caseIds.map((id) => t.fake.messages.filter((m) => JSON.stringify(m.activity).includes(marked(id))).length);
  const failedRows = (await t.db.query<{ kind: string; last_error: string }>(`SELECT kind, last_error FROM outbox WHERE status = 'failed'`)).rows;
  const failed = failedRows.length;
  const pending = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND kind LIKE 'chat.%'`)).rows[0]!.n;
  const figures = {
    sent, cardsExactlyOnce: cards.filter((n) => n === 1).length, cardsMissing: cards.filter((n) => n === 0).length, cardsDuplicated: cards.filter((n) => n > 1).length,
    givenUp: failed, stillPending: pending, hung: t.fake.calls.filter((c) => c.status === 0).length, connectorCalls: histogram(t.fake.calls.map((c) => `${c.method} ${c.status}`)),
    ...(t.msGraph ? { graphCalls: histogram(t.msGraph.calls.map((c) => `${c.method} ${c.status}`)) } : {}),
    ...(failed ? { givenUpBecause: histogram(failedRows.map((r) => `${r.kind}: ${r.last_error.slice(0, 120)}`)) } : {}),
  };
  printFigures(name, figures);
  return figures;
}

describe('cards under a flaky Bot Connector', () => {
  it('posts exactly one card per case and gives none up', async () => {
    const figures = await cardsUnderChaos('teams-cards', {}, scale(25, 1_000), (random) => {
      const r = random();
      if (r < 0.25) return { status: 500 };
      if (r < 0.3) return { status: 429, retryAfter: 1 };
      if (r < 0.4) return { delayMs: Math.floor(random() * 80) };
      if (r < 0.45) return { hang: true };
      return null;
    }, 23);
    expect(figures).toMatchObject({ cardsExactlyOnce: figures.sent, cardsMissing: 0, cardsDuplicated: 0, givenUp: 0, stillPending: 0 });
  }, timeoutMs(120, 3_600));

  it('lost answers after acting: with Graph looking, no card shows twice', async () => {
    let slowBeyondTimeout = 0;
    const figures = await cardsUnderChaos('teams-cards-lost-answers', { msGraph: { users: [] } }, scale(25, 1_000), (random) => {
      const r = random();
      if (r < 0.15) return { status: 500 };
      if (r < 0.3) return { status: 502, afterProcessing: true }; // Teams posted it; the answer was lost
      if (r < 0.35) return { status: 429, retryAfter: 1 };
      if (r < 0.4) return { delayMs: Math.floor(random() * 80) };
      if (r < 0.45) return { hang: true };
      // Beyond the desk's timeout: it gives up, and Teams posts the card a moment later all the same.
      if (r < 0.5) return (slowBeyondTimeout++, { delayMs: Math.floor(TIMEOUT_MS * (1.2 + random() * 0.7)) });
      return null;
    }, 29);
    console.log(`CHAOS teams-cards-lost-answers slowBeyondTimeout=${slowBeyondTimeout}`);
    expect(figures.connectorCalls['POST 502']).toBeGreaterThan(0);
    expect(slowBeyondTimeout).toBeGreaterThan(0);
    expect(figures).toMatchObject({ cardsExactlyOnce: figures.sent, cardsMissing: 0, cardsDuplicated: 0, givenUp: 0, stillPending: 0 });
  }, timeoutMs(120, 3_600));
});
