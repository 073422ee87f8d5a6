// End to end on Teams: two officers click Claim on the same card at the same moment. One holds the case; the
// other's click is answered with a card only they see, saying who does; nothing else is sent or stored for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, teamsCard } from '../helpers/teams-cards.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startInstalledTeamsDesk();
});
afterAll(() => t.close());

const counts = async (caseId: string) => ({
  outbox: Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE case_id = $1`, [caseId])).rows[0]!.n),
  events: (await t.desk.ctx.store.events.forCase(caseId)).length,
  calls: t.fake.calls.length,
});

describe('two officers claim at the same moment on Teams', () => {
  it('gives the case to one, answers the other alone with a refusal card, and the shared card shows the owner', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    const before = await counts(caseId);

    const [a, b] = await Promise.all([t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'), t.click(TEAMS_PEOPLE.ben, caseId, 'case.claim')]);
    const c = await t.desk.ctx.store.cases.get(caseId);
    expect(c?.state).toBe('claimed');
    expect(c?.version).toBe(2);
    const winner = c!.owner!.personId === 'ana' ? a : b;
    const loser = winner === a ? b : a;
    expect(answerCard(winner).fact('Owner')).toBe(c!.owner!.name);
    const refusal = answerCard(loser);
    expect(refusal.json['body']).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'notice', style: 'attention' })]));
    expect(refusal.text()).toMatch(new RegExp(`Already claimed by ${c!.owner!.name} at \\d\\d:\\d\\d\\.`));
    expect(refusal.fact('Owner')).toBe(c!.owner!.name); // the refusal card shows the truth too
    // The answers went back in the HTTP responses: no Bot Connector call, one event, only the winner's outbox items.
    const after = await counts(caseId);
    expect(after.calls).toBe(before.calls);
    expect(after.events).toBe(before.events + 2); // claimed + its deadline
    await t.settle();
    expect(t.card(caseId).fact('Owner')).toBe(c!.owner!.name);
    expect(t.card(caseId).version()).toBe(2);
  });

  /** The card as first posted (before any replacement): what someone who has not refreshed still sees. */
  const stale = (caseId: string) => {
    const first = t.fake.calls.find((c) => c.method === 'POST' && JSON.stringify(c.body).includes(`"c":"${caseId}","v":1`));
    return teamsCard((first!.body as { attachments: Array<{ content: Record<string, unknown> }> }).attachments[0]!.content);
  };

  it('answers a stale or forbidden click with a card for the clicker only, and changes nothing', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    const before = await counts(caseId);
    // Zed is in nobody's list of people: no roles.
    const zed = answerCard(await t.click(TEAMS_PEOPLE.zed, caseId, 'case.release'));
    expect(zed.text()).toMatch(/^Only comms officer or comms manager or customer services can do that \(release\)\.$/m);
    // Ben clicks Claim on a copy drawn before Ana's claim (version 1): told who holds it.
    const ben = answerCard(await t.click(TEAMS_PEOPLE.ben, caseId, 'case.claim', { on: stale(caseId) }));
    expect(ben.text()).toMatch(/^Already claimed by Ana Patel at \d\d:\d\d\.$/m);
    expect(await counts(caseId)).toEqual(before);
    expect((await t.desk.ctx.store.cases.get(caseId))?.owner?.personId).toBe('ana');
    expect(await t.settle()).toBe(0);
  });
});
