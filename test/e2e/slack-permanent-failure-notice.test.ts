// The commonest install mistake, end to end: the bot is not in the triage channel. Every card fails for good with
// not_in_channel, and the admin channel is told once, with the fix, not once per card; another cause is told
// separately, and a cause still there the next day is told again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mention, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk({ policy: (p) => ({ ...p, channels: { ...p.channels, admin: { slack: 'C0ADMIN' } } }) });
  t.fake.setChannel('C0TRIAGE', { name: 'comms-triage', member: false });
  t.fake.setChannel('C0ADMIN', { name: 'desk-admin' });
});
afterAll(() => t.close());

const adminNotices = () => t.fake.messagesIn('C0ADMIN').map((m) => String(m.text));

describe('a chat failure no retry can fix', () => {
  it('tells the admin channel once per cause, with the fix, however many cards fail for it', async () => {
    for (let i = 0; i < 3; i++) expect((await t.ingest(mention())).status).toBe(202);
    await t.settle();
    const failed = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'failed' AND kind = 'chat.card.refresh'`);
    expect(failed.rows[0]?.n).toBe(3);
    const told = adminNotices();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^The desk gave up on chat\.card\.refresh for MD-\d+ in Slack: Slack refused: not_in_channel\. To fix: Invite the bot to the channel: type \/invite @Mention Desk in it\. Other items failing for the same reason today are not announced again/);

    // A second cause (the channel archived) is its own notice; the first is not repeated.
    t.fake.setChannel('C0TRIAGE', { name: 'comms-triage', archived: true });
    await t.ingest(mention());
    await t.settle();
    expect(adminNotices()).toHaveLength(2);
    expect(adminNotices()[1]).toContain('Slack refused: is_archived. To fix: The channel is archived: unarchive it or set another channel in the policy file.');
  });

  it('says it again the next day if the cause is still there', async () => {
    t.clock.advance(24 * 3600_000);
    await t.ingest(mention());
    await t.settle();
    expect(adminNotices()).toHaveLength(3);
    expect(adminNotices()[2]).toContain('is_archived');
  });

  it('once the bot is in the channel, cards go out and nothing more is said', async () => {
    t.fake.setChannel('C0TRIAGE', { name: 'comms-triage' });
    const { caseId } = await t.ingest(mention());
    await t.settle();
    expect(t.message('C0TRIAGE', caseId)).toBeTruthy();
    expect(adminNotices()).toHaveLength(3);
  });
});
