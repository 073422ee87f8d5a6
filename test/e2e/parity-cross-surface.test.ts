// Parity across surfaces on one desk (Slack, Teams and the web desk): Ana claims on Slack and Ben on Teams at the same moment. One holds the
// case, the other is told alone (an ephemeral on Slack, a card on Teams), and both cards end up showing the
// same truth: the last chat.update on Slack and the last PUT on Teams name the same owner, state and version.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { slackDriver, type SlackDriver } from '../helpers/parity-slack-driver.js';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { PEOPLE } from '../helpers/slack-desk.js';
import { buttonsIn } from '../helpers/slack-payloads.js';
import { answerCard, callsFor, cardOfCall } from '../helpers/teams-cards.js';
import { DESK_CHANNEL_ID } from '../helpers/teams-activities.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { signInAsPolicyPerson } from '../helpers/web-client.js';
import { DESK_ACTS, ephemeralsSent } from '../helpers/wait-for-desk.js';

let t: TeamsDesk;
let slack: SlackDriver;
beforeAll(async () => {
  t = await startTeamsDesk({ slack: true });
  slack = slackDriver(t);
  await t.install();
  await t.settle();
});
afterAll(() => t.close());

/** Owner, state and version as the last chat.update of the Slack triage card shows them. */
function slackTruth(caseId: string) {
  const ts = slack.message('C0TRIAGE', caseId).ts;
  const update = t.slackApi!.callsTo('chat.update').filter((c) => c.body.ts === ts).at(-1);
  if (!update) throw new Error(`the Slack card of ${caseId} was never updated`);
  const blocks = update.body.blocks as SlackBody[];
  const facts = ((blocks.find((b) => b.block_id === 'facts-1')?.fields ?? []) as Array<{ text: string }>).map((f) => f.text);
  const fact = (label: string) => facts.find((f) => f.startsWith(`*${label}*\n`))?.slice(label.length + 3);
  return { owner: fact('Owner'), state: fact('State'), version: (JSON.parse(buttonsIn(blocks)[0]!.button.value) as { v: number }).v };
}

/** The same, from the last PUT of the Teams triage card. */
async function teamsTruth(caseId: string) {
  const row = (await t.db.query<{ channel: string; message_id: string }>(`SELECT channel, message_id FROM card_messages WHERE case_id = $1 AND surface = 'teams' AND purpose = 'triage'`, [caseId])).rows[0]!;
  const put = callsFor(t.fake.calls, row.channel, row.message_id).filter((c) => c.method === 'PUT').at(-1);
  if (!put) throw new Error(`the Teams card of ${caseId} was never replaced`);
  const card = cardOfCall(put);
  return { owner: card.fact('Owner'), state: card.fact('State'), version: card.version() };
}

describe('two people act at once, one on Slack and one on Teams', () => {
  it('gives the case to one, tells the other alone, and both cards show the same owner, state and version', async () => {
    const winners = new Set<string>();
    // Round 0 at the same moment; then each surface a second ahead of the other, before any card is refreshed (the
    // outbox runs only when the test settles it). On a busy machine a Teams click took 90-420 ms to answer (a Slack click
    // 4-80 ms), and with a 100 ms head start Teams never won in a worker process other test files had run in.
    const delays = [[0, 0], [1_000, 0], [0, 1_000]] as const;
    for (const [slackDelay, teamsDelay] of delays) {
      const later = <T>(ms: number, work: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => void work().then(resolve, reject), ms));
      const { caseId } = await t.ingest();
      await t.settle();
      expect(slack.message('C0TRIAGE', caseId)).toBeTruthy();
      expect(t.card(caseId).fact('State')).toBe('In the queue');
      const ephemerals = t.slackApi!.callsTo('chat.postEphemeral').length;

      const [, teamsAnswer] = await Promise.all([
        later(slackDelay, () => slack.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim')),
        later(teamsDelay, () => t.click(TEAMS_PEOPLE.ben, caseId, 'case.claim')),
      ]);
      await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
      const c = (await t.desk.ctx.store.cases.get(caseId))!;
      const benCard = answerCard(teamsAnswer);
      winners.add(c.owner!.personId);
      if (c.owner!.personId === 'ben') {
        expect(benCard.fact('Owner')).toBe('Ben Okafor');
        const refusal = await t.slackApi!.waitFor('chat.postEphemeral', (x) => x.body.user === PEOPLE.ana.id, 3000);
        expect(String(refusal.body.text)).toMatch(/^Already claimed by Ben Okafor at \d\d:\d\d\.$/);
      } else {
        expect(benCard.text()).toMatch(/^Already claimed by Ana Patel at \d\d:\d\d\.$/m);
        await ephemeralsSent(t.db); // an ephemeral, which must not come, would have been sent by now
        expect(t.slackApi!.callsTo('chat.postEphemeral')).toHaveLength(ephemerals);
      }
      expect(c.version).toBe(2);

      await t.settle();
      const truth = { owner: c.owner!.name, state: 'Claimed', version: 2 };
      expect(slackTruth(caseId)).toEqual(truth);
      expect(await teamsTruth(caseId)).toEqual(truth);
    }
    expect([...winners].sort()).toEqual(['ana', 'ben']); // both sides have won and lost
  });

  it("sends a service officer's reply once when comms approves it on Slack and on Teams at the same moment", async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.escalate')), { target: 'service_lead:waste', reason: 'Missed again' }));
    await t.settle();
    const ivy = { id: 'U0IVY', username: 'ivy.shaw' };
    expect(await (await slack.fillForm(ivy, 'C0WASTE', caseId, 'case.escalation.draft', { text: 'Sorry, we will collect on Thursday.', visibility: 'public' }, 'escalation:esc-1')).text()).toBe('');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.replies[0]?.status).toBe('awaiting_approval'), DESK_ACTS);
    await t.settle();
    const sentBefore = t.connector.replies.length;

    // The lead cannot sign off the service's own reply, on either surface, in the same words.
    const leadRefusal = 'Only comms manager or comms officer can do that (reply approve).';
    await slack.click(PEOPLE.dev, 'C0TRIAGE', caseId, 'case.reply.approve');
    expect(String((await t.slackApi!.waitFor('chat.postEphemeral', (x) => x.body.user === PEOPLE.dev.id, 3000)).body.text)).toBe(leadRefusal);
    expect(answerCard(await t.click(TEAMS_PEOPLE.dev, caseId, 'case.reply.approve')).text()).toContain(leadRefusal);

    await Promise.all([slack.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.reply.approve'), t.click(TEAMS_PEOPLE.cara, caseId, 'case.reply.approve')]);
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]?.status).toBe('answered'), DESK_ACTS);
    await t.settle();
    expect(t.connector.replies.slice(sentBefore).map((r) => r.text)).toEqual(['Sorry, we will collect on Thursday. ^WR']);
    const approvals = (await t.desk.ctx.store.events.forCase(caseId)).filter((e) => e.event.type === 'case.reply.approved');
    expect(approvals).toHaveLength(1);
    expect((await t.desk.ctx.store.cases.get(caseId))?.deadlines['service_lead_response']).toBeUndefined();
  });

  it("refuses leadership's answer to someone else in the same words on both surfaces", async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    answerCard(await t.submit(TEAMS_PEOPLE.ana, caseId, answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.escalate')), { target: 'leadership', reason: 'The MP is asking' }));
    await t.settle();
    const words = 'Only leadership can do that (leadership answer).';
    await slack.click(PEOPLE.ben, 'C0LEAD', caseId, 'case.leadership.answer', 'escalation:esc-1', { answer: 'take_it' });
    expect(String((await t.slackApi!.waitFor('chat.postEphemeral', (x) => x.body.user === PEOPLE.ben.id, 3000)).body.text)).toBe(words);
    expect(answerCard(await t.click(TEAMS_PEOPLE.ben, caseId, 'case.leadership.answer', { purpose: 'escalation:esc-1', args: { answer: 'take_it' } })).text()).toContain(words);
    expect((await t.desk.ctx.store.cases.get(caseId))?.escalations[0]?.status).toBe('pending');
  });

  it('posts every case to both surfaces, and a Teams action updates the Slack card too', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    expect(slackTruth(caseId)).toEqual({ owner: 'Ana Patel', state: 'Claimed', version: 2 });
    expect(callsFor(t.fake.calls, DESK_CHANNEL_ID, (await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND surface = 'teams' AND purpose = 'triage'`, [caseId])).rows[0]!.message_id)).toHaveLength(2);
  });
});

describe('a refusal on the web desk', () => {
  it('is the same refusal, in the same words, as on Teams and Slack', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    // Ben's page is drawn while the case is in the queue; Ana claims it on Slack before he presses Claim.
    const ben = await signInAsPolicyPerson(t.desk, 'ben');
    const page = await (await ben.get(`/cases/${caseId}`)).text();
    const claim = /data-action="case\.claim">[\s\S]*?name="payload" value="([^"]+)"/.exec(page)?.[1]?.replace(/&quot;/g, '"');
    expect(claim).toBeTruthy();
    expect((await slack.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim')).status).toBe(200);
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.owner?.personId).toBe('ana'), DESK_ACTS);

    const res = await ben.post(`/cases/${caseId}/act`, { actionId: 'case.claim', payload: claim!, label: 'Claim' });
    expect(res.status).toBe(409);
    const onWeb = /<li>\s*(?:<a[^>]*>)?\s*([^<]+?)\s*(?:<\/a>)?\s*<\/li>/.exec(await res.text())?.[1];
    const onTeams = answerCard(await t.click(TEAMS_PEOPLE.ben, caseId, 'case.claim')).text().split('\n').find((l) => l.startsWith('Already claimed'));
    expect(onWeb).toMatch(/^Already claimed by Ana Patel at \d\d:\d\d\.$/);
    expect(onWeb).toBe(onTeams);
    // Ben was refused other things earlier in this file: wait for the answer to this click only.
    const since = new Date();
    await slack.click(PEOPLE.ben, 'C0TRIAGE', caseId, 'case.claim');
    const onSlack = await t.slackApi!.waitFor('chat.postEphemeral', (x) => x.body.user === PEOPLE.ben.id && x.at >= since, 3000);
    expect(String(onSlack.body.text)).toBe(onWeb);
    const events = await t.desk.ctx.store.events.forCase(caseId);
    expect(events.filter((e) => e.event.type === 'case.claimed')).toHaveLength(1);
  });
});
