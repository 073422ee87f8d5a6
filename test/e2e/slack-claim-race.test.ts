// End to end: two officers click Claim on the same card at the same moment; one holds the case, the other is
// told privately who does, and the card shows the owner.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { buttonsIn } from '../helpers/slack-payloads.js';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS, ephemeralsSent } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

describe('two officers claim at the same moment', () => {
  it('gives the case to one, tells the other alone who holds it, and updates the card', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    t.fake.reset();

    const [a, b] = await Promise.all([
      t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim'),
      t.click(PEOPLE.ben, 'C0TRIAGE', caseId, 'case.claim'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const refusal = await t.fake.waitFor('chat.postEphemeral');
    await ephemeralsSent(t.db); // a second ephemeral, which must not come, would have been sent by now

    const c = await t.desk.ctx.store.cases.get(caseId);
    expect(c?.state).toBe('claimed');
    expect(c?.version).toBe(2);
    const owner = c!.owner!;
    const loser = owner.personId === 'ana' ? PEOPLE.ben : PEOPLE.ana;
    expect(t.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(refusal.body).toMatchObject({ channel: 'C0TRIAGE', user: loser.id });
    expect(refusal.body.text).toMatch(new RegExp(`^Already claimed by ${owner.name} at \\d\\d:\\d\\d\\.$`));

    await t.settle();
    const updates = t.fake.callsTo('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const card = t.message('C0TRIAGE', caseId);
    const facts = JSON.stringify((card.blocks as SlackBody[]).find((x) => x.block_id === 'facts-1'));
    expect(facts).toContain(`*Owner*\\n${owner.name}`);
    expect(facts).toContain('*State*\\nClaimed');
    const buttons = buttonsIn(card.blocks as SlackBody[]).map((x) => x.button.action_id);
    expect(buttons).not.toContain('case.claim');
    expect(buttons).toContain('case.release');
    expect(JSON.parse(buttonsIn(card.blocks as SlackBody[])[0]!.button.value)).toMatchObject({ c: caseId, v: 2 });

    // One line in the card's thread says who claimed it; still one card in the channel.
    const lines = t.fake.messagesIn('C0TRIAGE').filter((m) => m.thread_ts === card.ts);
    expect(lines.map((m) => m.text)).toEqual([`${owner.name} claimed`]);
    expect(t.fake.messagesIn('C0TRIAGE').filter((m) => !m.thread_ts)).toHaveLength(1);
  });

  it('tells a third click, made on the stale card, who holds the case; nothing changes', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    await t.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim');
    // Bolt answers Slack at ack(); the claim itself lands a moment later.
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    // The card in Slack is not refreshed yet (outbox not run): Ben still sees Claim.
    t.fake.reset();
    await t.click(PEOPLE.ben, 'C0TRIAGE', caseId, 'case.claim');
    const refusal = await t.fake.waitFor('chat.postEphemeral');
    expect(refusal.body.text).toMatch(/^Already claimed by Ana Patel/);
    expect((await t.desk.ctx.store.cases.get(caseId))?.owner?.personId).toBe('ana');
  });
});
