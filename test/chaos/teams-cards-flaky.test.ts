// Cards posted through a Bot Connector having a bad day: 5xx, 429 with Retry-After, slow answers, and calls it
// never answers (the desk's timeout ends them; without one the outbox worker would wait for ever). Every case gets
// exactly one card, none is given up. (Answers lost after Teams posted are not simulated: Teams offers a bot no
// way to look for what it posted, so such a post can repeat; see send-teams-message.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorChaos } from '../helpers/fake-bot-connector.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { mention } from '../helpers/slack-desk.js';
import { histogram, printFigures, scale, seeded, timeoutMs } from './chaos-scale.js';

/** Short, so calls that hang end quickly. */
const TIMEOUT_MS = 400;

let t: TeamsDesk;
beforeAll(async () => {
  t = await startInstalledTeamsDesk({ env: { CHAT_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(() => t.close());

describe('cards under a flaky Bot Connector', () => {
  it('posts exactly one card per case and gives none up', async () => {
    const random = seeded(Number(process.env.CHAOS_SEED ?? 23));
    const sent = scale(25, 1_000);
    const caseIds: string[] = [];
    for (let i = 0; i < sent; i++) {
      // No service named, so no surge notice shares the channel with the cards.
      const { caseId } = await t.ingest(mention({ text: `General question number ${i} for the council`, author: { id: `teams-chaos-${i}`, name: `Resident ${i}`, handle: `t${i}`, followers: 10, verified: false } }));
      caseIds.push(caseId);
    }
    t.fake.setChaos((): ConnectorChaos => {
      const r = random();
      if (r < 0.25) return { status: 500 };
      if (r < 0.3) return { status: 429, retryAfter: 1 };
      if (r < 0.4) return { delayMs: Math.floor(random() * 80) };
      if (r < 0.45) return { hang: true };
      return null;
    });
    await t.settle(scale(3_000, 60_000));
    t.fake.setChaos(null);

    const posted = t.fake.calls.filter((c) => c.method === 'POST' && c.status === 201 && /^\/v3\/conversations\/[^/;]+\/activities$/.test(c.path));
    const cards = caseIds.map((id) => posted.filter((c) => JSON.stringify(c.body).includes(`${id} `) || JSON.stringify(c.body).includes(`${id}"`)).length);
    const failed = (await t.db.query(`SELECT kind FROM outbox WHERE status = 'failed'`)).rows.length;
    const pending = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND kind LIKE 'chat.%'`)).rows[0]!.n;
    const figures = {
      sent, cardsExactlyOnce: cards.filter((n) => n === 1).length, cardsMissing: cards.filter((n) => n === 0).length, cardsDuplicated: cards.filter((n) => n > 1).length,
      givenUp: failed, stillPending: pending, hung: t.fake.calls.filter((c) => c.status === 0).length, connectorCalls: histogram(t.fake.calls.map((c) => `${c.method} ${c.status}`)),
    };
    printFigures('teams-cards', figures);
    expect(figures).toMatchObject({ cardsExactlyOnce: sent, cardsMissing: 0, cardsDuplicated: 0, givenUp: 0, stillPending: 0 });
  }, timeoutMs(120, 3_600));
});
