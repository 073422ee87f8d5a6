// End to end: /desk (queue, mine, case, help) answered privately, the App Home tab, a form submission with a
// missing answer shown inline, and roles that come from a Slack user group.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { buttonsIn } from '../helpers/slack-payloads.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
let first: string;
let second: string;
beforeAll(async () => {
  t = await startSlackDesk();
  first = (await t.ingest()).caseId;
  second = (await t.ingest()).caseId;
  await t.settle();
});
afterAll(() => t.close());

interface SlashAnswer {
  response_type: string;
  text: string;
  blocks?: SlackBody[];
}

async function desk(user: typeof PEOPLE.ana, text: string): Promise<SlashAnswer> {
  const res = await t.command(user, text);
  expect(res.status).toBe(200);
  return (await res.json()) as SlashAnswer;
}

describe('/desk', () => {
  it('queue: lists unclaimed cases, oldest first, to the asker only', async () => {
    const answer = await desk(PEOPLE.ben, 'queue');
    expect(answer.response_type).toBe('ephemeral');
    const ids = (answer.blocks ?? []).filter((b) => String(b.block_id).startsWith('case-')).map((b) => String(b.block_id).slice(5));
    expect(ids.slice(0, 2)).toEqual([first, second]);
    expect(JSON.stringify(answer.blocks)).toContain('respond by');
  });

  it('shows nothing of the desk to someone the policy does not know', async () => {
    const answer = await desk({ id: 'U0ZED', username: 'zed' }, 'queue');
    expect(answer.text).toMatch(/^The desk is for the people in the council's policy file, and .* is not in it yet/);
    expect(answer.blocks).toBeUndefined();
  });

  it('mine: lists my open cases with their deadlines', async () => {
    await t.click(PEOPLE.ana, 'C0TRIAGE', second, 'case.claim');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(second))?.owner?.personId).toBe('ana'), DESK_ACTS);
    const answer = await desk(PEOPLE.ana, 'mine');
    expect(answer.text).toBe('Your open cases (1)');
    expect(JSON.stringify(answer.blocks)).toContain(`*${second}*`);
    expect(JSON.stringify(answer.blocks)).toContain('respond by');
    expect((await desk(PEOPLE.ben, 'mine')).text).toBe('Your open cases (0)');
    const queue = await desk(PEOPLE.ben, 'queue');
    expect(JSON.stringify(queue.blocks)).not.toContain(`*${second}*`);
  });

  it('case ID: shows that case\'s card with its buttons; an unknown id is said so', async () => {
    const answer = await desk(PEOPLE.ben, `case ${first.toLowerCase()}`);
    expect(answer.blocks?.[0]).toMatchObject({ type: 'header' });
    expect(buttonsIn(answer.blocks ?? []).map((b) => b.button.action_id)).toContain('case.claim');
    expect((await desk(PEOPLE.ben, 'case MD-99999')).text).toBe('There is no case MD-99999. Case ids look like MD-1042.');
  });

  it('help, and anything it does not know, lists the commands', async () => {
    expect((await desk(PEOPLE.ben, '')).text).toContain('*/desk queue*');
    expect((await desk(PEOPLE.ben, 'dance')).text).toMatch(/^I don't know "dance"\. \*\/desk mine\*/);
  });
});

describe('the App Home tab', () => {
  it('publishes my open cases and the queue when I open it', async () => {
    t.fake.reset();
    expect((await t.openHome(PEOPLE.ana)).status).toBe(200);
    const call = await t.fake.waitFor('views.publish');
    expect(call.body.user_id).toBe('U0ANA');
    const view = call.body.view as SlackBody;
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Your open cases, Ana Patel');
    expect(text).toContain(`*${second}*`);
    expect(text).toContain('The queue: unclaimed, oldest first');
    expect(text).toContain(`*${first}*`);
  });
});

describe('a form submitted with an answer missing', () => {
  it('shows the error on that field and changes nothing', async () => {
    await t.click(PEOPLE.ana, 'C0TRIAGE', second, 'case.escalate');
    await vi.waitFor(() => expect(t.fake.callsTo('views.open').length).toBeGreaterThan(0), DESK_ACTS);
    const before = await t.desk.ctx.store.cases.get(second);
    const res = await t.submit(PEOPLE.ana, t.openedView(PEOPLE.ana), { target: 'service_lead:waste', reason: '   ' });
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why you are escalating.' } });
    expect(await t.desk.ctx.store.cases.get(second)).toEqual(before);
  });
});

describe('roles from a Slack user group', () => {
  it('lets a member of the comms user group claim, named from her Slack profile', async () => {
    t.fake.reset();
    t.clock.advance(61_000); // past the group cache's 60 s: the membership is asked afresh, once
    await t.click(PEOPLE.fay, 'C0TRIAGE', first, 'case.claim');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(first))?.owner?.name).toBe('Fay Quinn'), DESK_ACTS);
    expect(t.fake.callsTo('usergroups.users.list').map((c) => c.body.usergroup)).toEqual(['S0COMMS']);
    expect(t.fake.callsTo('users.info').map((c) => c.body.user)).toEqual(['U0FAY']);
    await t.command(PEOPLE.fay, 'mine');
    expect(t.fake.callsTo('usergroups.users.list')).toHaveLength(1); // cached
  });

  it('refuses someone in no group and not in the policy, privately', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    t.fake.reset();
    await t.click({ id: 'U0ZED', username: 'zed' }, 'C0TRIAGE', caseId, 'case.claim');
    const refusal = await t.fake.waitFor('chat.postEphemeral');
    expect(refusal.body).toMatchObject({ user: 'U0ZED', text: 'Only comms officer or comms manager or customer services can do that (claim).' });
    // Like every Slack call, the refusal went through the outbox (dispatched at once: the person is waiting).
    await vi.waitFor(async () => {
      const rows = await t.db.query<{ status: string }>(`SELECT status FROM outbox WHERE kind = 'chat.ephemeral' AND payload->>'user' = 'U0ZED'`);
      expect(rows.rows).toEqual([{ status: 'done' }]);
    }, DESK_ACTS);
  });
});
