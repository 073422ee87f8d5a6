// End to end on Teams: one reply per resident, as on Slack. A reply made since the form opened is named (who,
// when, what) and another needs the explicit "Send a further reply"; one opened form sends at most once, even
// submitted twice at the same moment; a classification or escalation made meanwhile does not block it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import { answerCard, type TeamsCard } from '../helpers/teams-cards.js';
import { repliesSentFor } from '../helpers/slack-desk.js';
import { startInstalledTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE, type TeamsPerson } from '../helpers/teams-policy.js';

let t: TeamsDesk;
beforeAll(async () => { t = await startInstalledTeamsDesk(); });
afterAll(() => t.close());

async function claimedByAna(): Promise<string> {
  const { caseId } = await t.ingest();
  await t.settle();
  answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim'));
  await t.settle();
  return caseId;
}

const openReply = async (person: TeamsPerson, caseId: string) => answerCard(await t.click(person, caseId, 'case.reply.submit'));
const submit = async (person: TeamsPerson, caseId: string, form: TeamsCard, values: Record<string, string>) => answerCard(await t.submit(person, caseId, form, values));
const isForm = (card: TeamsCard) => card.executes().some((a) => typeof a.data['fields'] === 'string');
const element = (card: TeamsCard, id: string) => (card.json['body'] as Array<Record<string, unknown>>).find((e) => e['id'] === id);

const sentTo = (caseId: string) => repliesSentFor(t, caseId);

describe('a reply made by someone else while the form was open', () => {
  it('is named in words, Send alone never sends a second reply, and "Send a further reply" sends exactly one', async () => {
    const caseId = await claimedByAna();
    const anasForm = await openReply(TEAMS_PEOPLE.ana, caseId);
    const carasForm = await openReply(TEAMS_PEOPLE.cara, caseId);
    expect(isForm(await submit(TEAMS_PEOPLE.cara, caseId, carasForm, { text: 'We are on it and will update you today.', visibility: 'public' }))).toBe(false);
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['We are on it and will update you today. ^CL']);

    const draft = { text: 'We will look into it.', visibility: 'public' };
    const first = await submit(TEAMS_PEOPLE.ana, caseId, anasForm, draft);
    expect(isForm(first)).toBe(true);
    expect(first.text()).toMatch(/Since you opened this form, Cara Lee replied at \d\d:\d\d: "We are on it and will update you today. \^CL". Nothing was sent. To send yours anyway, choose "Send a further reply"/);
    expect(element(first, 'reply.confirm')).toEqual({
      type: 'Input.ChoiceSet', id: 'reply.confirm', label: 'Send anyway?', isMultiSelect: true, style: 'expanded',
      choices: [{ title: 'Send a further reply', value: 'further:1' }],
    });
    expect(element(first, 'reply.text')).toMatchObject({ value: 'We will look into it.' });

    const second = await submit(TEAMS_PEOPLE.ana, caseId, first, draft);
    expect(second.text()).toContain('Cara Lee replied at');
    await t.settle();
    expect(await sentTo(caseId)).toHaveLength(1);

    expect(isForm(await submit(TEAMS_PEOPLE.ana, caseId, second, { ...draft, confirm: 'further:1' }))).toBe(false);
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['We are on it and will update you today. ^CL', 'We will look into it. ^AP']);

    // The same form pressed once more (Teams keeps the answer card only for the clicker; a double click resends it).
    const again = await submit(TEAMS_PEOPLE.ana, caseId, second, { ...draft, confirm: 'further:1' });
    expect(again.text()).toContain('This form has already sent its reply: Ana Patel');
    await t.settle();
    expect(await sentTo(caseId)).toHaveLength(2);
  });
});

describe('one opened form sends at most once', () => {
  it('sends one reply when the same form is submitted twice at the same moment', async () => {
    const caseId = await claimedByAna();
    const form = await openReply(TEAMS_PEOPLE.ana, caseId);
    const values = { text: 'A crew is booked for Thursday.', visibility: 'public' };
    const answers = await Promise.all([submit(TEAMS_PEOPLE.ana, caseId, form, values), submit(TEAMS_PEOPLE.ana, caseId, form, values)]);
    expect(answers.filter((a) => !isForm(a))).toHaveLength(1);
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['A crew is booked for Thursday. ^AP']);
    expect((await t.db.query(`SELECT 1 FROM events WHERE case_id = $1 AND type = 'case.reply.requested'`, [caseId])).rows).toHaveLength(1);
  });

  it('refuses the same text to the same resident from a new form unless the person ticks "Send the same text again"', async () => {
    const caseId = await claimedByAna();
    const values = { text: 'A crew is booked for Thursday.', visibility: 'public' };
    await submit(TEAMS_PEOPLE.ana, caseId, await openReply(TEAMS_PEOPLE.ana, caseId), values);
    await t.settle();
    const refused = await submit(TEAMS_PEOPLE.ana, caseId, await openReply(TEAMS_PEOPLE.ana, caseId), values);
    expect(refused.text()).toContain('Ana Patel already sent this same text to the resident on this case at');
    expect(isForm(await submit(TEAMS_PEOPLE.ana, caseId, refused, { ...values, confirm: 'same-text:rep-1' }))).toBe(false);
    await t.settle();
    expect(await sentTo(caseId)).toHaveLength(2);
  });
});

describe('changes that do not affect the reply', () => {
  it('sends a reply whose form was opened before a manager classified and escalated the case', async () => {
    const caseId = await claimedByAna();
    const form = await openReply(TEAMS_PEOPLE.ana, caseId);
    const cara = { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager' as const], surface: 'teams' as const };
    await executeCaseCommand(t.desk.ctx, { caseId, seenVersion: null, command: { type: 'case.classify', serviceTag: 'waste', kind: 'question' }, actor: cara });
    await executeCaseCommand(t.desk.ctx, { caseId, seenVersion: null, command: { type: 'case.escalate', target: { type: 'leadership' }, reason: 'Press interest' }, actor: cara });
    expect(isForm(await submit(TEAMS_PEOPLE.ana, caseId, form, { text: 'We will look into it.', visibility: 'public' }))).toBe(false);
    await t.settle();
    expect((await sentTo(caseId)).map((r) => r.text)).toEqual(['We will look into it. ^AP']);
  });
});
