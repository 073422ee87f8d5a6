// End to end on Teams: the desk command in the bot's chat (`mine`, `queue`, `case ID`, `help`), answered through
// the outbox with the same lists Slack shows, as Adaptive Cards; and reminders and breaches (chat.notice).
import { toThreadedConversationId } from '@microsoft/teams.apps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard, cardOfCall, postsTo, type TeamsCard } from '../helpers/teams-cards.js';
import { DESK_CHANNEL_ID, USER } from '../helpers/teams-activities.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_CHANNELS, TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { checkAdaptiveCard } from '../unit/adapters/teams/adaptive-card-check.js';

let t: TeamsDesk;
let caseId: string;
beforeAll(async () => {
  t = await startTeamsDesk();
  await t.install();
  caseId = (await t.ingest()).caseId;
  await t.settle();
});
afterAll(() => t.close());

const chat = `a:1personal-${USER.aadObjectId}`;

async function ask(text: string, who = TEAMS_PEOPLE.ana): Promise<TeamsCard> {
  const before = postsTo(t.fake.calls, chat).length;
  expect((await t.message(who, text)).status).toBe(200);
  await t.settle();
  const posts = postsTo(t.fake.calls, chat).slice(before);
  expect(posts).toHaveLength(1);
  const card = cardOfCall(posts[0]!);
  expect(checkAdaptiveCard(card.json).problems).toEqual([]);
  return card;
}

describe('the desk command in the bot\'s chat', () => {
  it('lists the queue, oldest first, with a button that opens each case for the person asking', async () => {
    const queue = await ask('desk queue');
    expect(queue.text()).toContain('Unclaimed, oldest first (1)');
    expect(queue.text()).toContain(`**${caseId}** · X mention from **Sam Resident** · new · unclaimed`);
    const open = queue.executes()[0]!;
    expect(open).toMatchObject({ title: `Open ${caseId}`, verb: 'desk.card.show' });
  });

  it('shows my open cases, one case with its buttons, and the help for anything else', async () => {
    answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
    await t.settle();
    expect((await ask('mine')).text()).toContain('Your open cases (1)');
    expect((await ask('mine', TEAMS_PEOPLE.ben)).text()).toContain('You hold no open cases.');
    const one = await ask(`case ${caseId.toLowerCase()}`);
    expect(one.fact('Owner')).toBe('Ana Patel');
    expect(one.executes().every((a) => a.data['view'] === 'desk')).toBe(true);
    expect((await ask('case MD-0')).text()).toContain('There is no case MD-0.');
    expect((await ask('queue', TEAMS_PEOPLE.zed)).text()).toContain('The desk is for the people in the council\'s policy file, and Zed Stranger is not in it yet');
    const help = await ask('frobnicate');
    expect(help.text()).toContain("I don't know \"frobnicate\".");
    expect(help.text()).toContain('**desk queue**: unclaimed cases, oldest first');
  });

  it('answers a redelivered message once', async () => {
    const before = postsTo(t.fake.calls, chat).length;
    const activity = { ...(await import('../helpers/teams-activities.js')).buildPersonalMessage({ serviceUrl: t.fake.serviceUrl }, { text: 'help' }), from: { ...TEAMS_PEOPLE.ana } };
    await t.post(activity);
    await t.post(activity);
    await t.settle();
    expect(postsTo(t.fake.calls, chat).length - before).toBe(1);
  });
});

describe('notices (reminders, breaches) on Teams', () => {
  const notice = (audience: string, text: string, key: string) => t.desk.ctx.store.outbox.enqueue([{ key, kind: 'chat.notice', caseId, payload: { caseId, surface: 'teams', audience, ownerId: 'ana', text } }]);

  it('reminds the owner in their 1:1 chat, and raises a breach in the card\'s thread naming the comms managers', async () => {
    await notice('owner', `Reminder: First response on ${caseId} is due at 11:42.`, 'notice:teams:remind-1');
    await notice('channel_and_managers', `Overdue: First response on ${caseId} was due at 11:42 (held by Ana Patel).`, 'notice:teams:due-1');
    await t.settle();
    // Ana has written to the bot, so her 1:1 chat is known: no new conversation is created for her.
    expect(t.fake.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations')).toEqual([]);
    expect(cardOfCall(postsTo(t.fake.calls, chat).at(-1)!).text()).toContain(`Reminder: First response on ${caseId}`);
    const root = (await t.db.query<{ message_id: string }>(`SELECT message_id FROM card_messages WHERE case_id = $1 AND purpose = 'triage'`, [caseId])).rows[0]!.message_id;
    const breach = cardOfCall(postsTo(t.fake.calls, toThreadedConversationId(DESK_CHANNEL_ID, root)).at(-1)!);
    expect(breach.text()).toContain(`<at>Cara Lee</at> Overdue: First response on ${caseId}`);
    expect(breach.json['msteams']).toMatchObject({ entities: [{ mentioned: { id: TEAMS_PEOPLE.cara.aadObjectId } }] });
  });

  it('tells leadership in the leadership channel, with or without a case', async () => {
    await notice('leadership', 'Ana Patel blocked an account (abuse of staff).', 'notice:teams:block-1');
    await t.desk.ctx.store.outbox.enqueue([{ key: 'emergency:teams:1', kind: 'chat.notice', caseId: null, payload: { surface: 'teams', audience: 'leadership', ownerId: null, text: 'Emergency mode is on (Cara Lee).' } }]);
    await t.settle();
    const posts = postsTo(t.fake.calls, TEAMS_CHANNELS.leadership).map((c) => cardOfCall(c).text().split('\n')[0]).sort();
    expect(posts).toEqual(['<at>Eve Grant</at> Ana Patel blocked an account (abuse of staff).', '<at>Eve Grant</at> Emergency mode is on (Cara Lee).']);
  });
});
