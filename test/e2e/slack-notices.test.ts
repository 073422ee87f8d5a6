// Reminders and breaches reach Slack: the durable clock jobs fire, and the notice lands in the card's thread
// naming the comms managers; a block done tells leadership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';

let s: SlackDesk;
beforeAll(async () => { s = await startSlackDesk(); });
afterAll(async () => { await s.close(); });

describe('response clock notices in Slack', () => {
  it('posts the reminder and then the breach in the card thread, the breach naming the comms manager, each once', async () => {
    const { caseId } = await s.ingest();
    await s.settle();
    const card = s.message('C0TRIAGE', caseId);
    const due = new Date((await s.desk.ctx.store.cases.get(caseId))!.deadlines['first_response']!);
    s.clock.advance(due.getTime() - s.clock.now().getTime() + 60_000);
    await s.settle();
    await s.settle();
    const thread = s.fake.messagesIn('C0TRIAGE').filter((m) => m['thread_ts'] === card['ts']).map((m) => String(m['text']));
    expect(thread.filter((t) => t.startsWith('Reminder: First response'))).toHaveLength(1);
    const breach = s.fake.messagesIn('C0TRIAGE').filter((m) => m['thread_ts'] === card['ts'] && String(m['text']).startsWith('Overdue: First response'));
    expect(breach).toHaveLength(1);
    expect(JSON.stringify(breach[0]!['blocks'])).toContain('<@U0CARA>');
  });
});
