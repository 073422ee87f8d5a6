// Parity: one scenario (mention in → claim → classify → escalate → the lead acknowledges, then answers for comms →
// leadership is briefed and agrees the proposed line → reply → close) run on Slack alone, on Teams alone and on
// the web desk alone, each on a fresh database at the same scripted instants, leaves the same case
// and the same event log, apart from surface ids (event ids, hashes, the mention's uuid, the actor's surface).
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MentionInput } from '../../src/domain/mention.js';
import { slackDriver } from '../helpers/parity-slack-driver.js';
import { scriptedClock, type ScriptedClock } from '../helpers/scripted-clock.js';
import { PEOPLE } from '../helpers/slack-desk.js';
import { answerCard } from '../helpers/teams-cards.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { TEAMS_PEOPLE } from '../helpers/teams-policy.js';
import { pressLabelledOnCasePage, pressOnCasePage, signInAsPolicyPerson, type WebClient } from '../helpers/web-client.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

const START = '2026-03-10T10:00:00Z'; // a Tuesday, 10:00 in London: working hours
const MENTION: MentionInput = {
  network: 'x', externalId: 'tweet-parity-1', url: 'https://x.com/resident1/status/1',
  text: 'My brown bin has not been collected for two weeks on Elm Road. When will it be?',
  postedAt: '2026-03-10T09:55:00Z', kind: 'mention',
  author: { id: 'author-1', name: 'Sam Resident', handle: 'resident1', followers: 1200, verified: false },
};
const REASON = 'Third missed collection on Elm Road this month';
const REPLY = 'Sorry about this. The crew will collect on Thursday.';
const FACTS = 'The crew missed Elm Road twice; the round is back on Thursday.';

/** What one surface does at each step of the script; the script is the same for both. */
interface Steps {
  claim(caseId: string): Promise<void>;
  form(caseId: string, verb: string, values: Record<string, string>, who?: 'ana' | 'dev', purpose?: string): Promise<void>;
  acknowledge(caseId: string): Promise<void>;
  /** Leadership's one-click answer on the leadership escalation card. */
  leadership(caseId: string, escalationId: string, answer: string): Promise<void>;
}

function slackSteps(t: TeamsDesk): Steps {
  const slack = slackDriver(t);
  const changed = (caseId: string, check: (c: Awaited<ReturnType<typeof t.desk.ctx.store.cases.get>>) => boolean) =>
    vi.waitFor(async () => expect(check(await t.desk.ctx.store.cases.get(caseId))).toBe(true), DESK_ACTS);
  return {
    async claim(caseId) {
      expect((await slack.click(PEOPLE.ana, 'C0TRIAGE', caseId, 'case.claim')).status).toBe(200);
      await changed(caseId, (c) => c?.state === 'claimed');
    },
    async form(caseId, verb, values, who = 'ana', purpose = 'triage') {
      const res = await slack.fillForm(PEOPLE[who], who === 'dev' ? 'C0WASTE' : 'C0TRIAGE', caseId, verb, values, purpose);
      expect(await res.text()).toBe(''); // an empty ack: done, the modal closes
    },
    async acknowledge(caseId) {
      await slack.click(PEOPLE.dev, 'C0WASTE', caseId, 'case.escalation.acknowledge', 'escalation:esc-1');
      await changed(caseId, (c) => c?.escalations[0]?.status === 'acknowledged');
    },
    async leadership(caseId, escalationId, answer) {
      await slack.click(PEOPLE.eve, 'C0LEAD', caseId, 'case.leadership.answer', `escalation:${escalationId}`, { answer });
      await changed(caseId, (c) => c?.escalations.find((e) => e.id === escalationId)?.leadershipAnswer?.answer === answer);
    },
  };
}

function teamsSteps(t: TeamsDesk): Steps {
  return {
    async claim(caseId) {
      expect(answerCard(await t.click(TEAMS_PEOPLE.ana, caseId, 'case.claim')).fact('State')).toBe('Claimed');
    },
    async form(caseId, verb, values, who = 'ana', purpose = 'triage') {
      const form = answerCard(await t.click(TEAMS_PEOPLE[who], caseId, verb, { purpose }));
      const answer = answerCard(await t.submit(TEAMS_PEOPLE[who], caseId, form, values, purpose));
      expect(answer.json['body']).not.toEqual(expect.arrayContaining([expect.objectContaining({ id: 'notice' })]));
    },
    async acknowledge(caseId) {
      expect(answerCard(await t.click(TEAMS_PEOPLE.dev, caseId, 'case.escalation.acknowledge', { purpose: 'escalation:esc-1' })).text()).toContain('Acknowledged by Dev Shah');
    },
    async leadership(caseId, escalationId, answer) {
      expect(answerCard(await t.click(TEAMS_PEOPLE.eve, caseId, 'case.leadership.answer', { purpose: `escalation:${escalationId}`, args: { answer } })).text()).toContain('Agree the proposed line: Eve Grant');
    },
  };
}

/** The web desk's pages over HTTP, as a browser sends them: the case page's buttons and the forms they open. */
async function webSteps(t: TeamsDesk): Promise<Steps> {
  const people: Record<'ana' | 'dev' | 'eve', WebClient> = {
    ana: await signInAsPolicyPerson(t.desk, 'ana'), dev: await signInAsPolicyPerson(t.desk, 'dev'), eve: await signInAsPolicyPerson(t.desk, 'eve'),
  };
  const done = async (res: Response) => {
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get('location')).toMatch(/\?done=/);
  };
  return {
    claim: async (caseId) => done(await pressOnCasePage(people.ana, caseId, 'case.claim')),
    form: async (caseId, verb, values, who = 'ana') => done(await pressOnCasePage(people[who], caseId, verb, values)),
    acknowledge: async (caseId) => done(await pressOnCasePage(people.dev, caseId, 'case.escalation.acknowledge')),
    leadership: async (caseId) => done(await pressLabelledOnCasePage(people.eve, caseId, 'case.leadership.answer', 'Agree the proposed line')),
  };
}

async function runScenario(t: TeamsDesk, clock: ScriptedClock, steps: Steps): Promise<string> {
  const at = async (minutes: number, step: () => Promise<void>) => {
    clock.at(minutes);
    await step();
    await t.settle();
  };
  let caseId = '';
  await at(0, async () => {
    if (t.desk.adapters.some((a) => a.surface === 'teams')) await t.install();
    caseId = (await t.ingest(MENTION)).caseId;
  });
  await at(3, () => steps.claim(caseId));
  await at(5, () => steps.form(caseId, 'case.classify', { serviceTag: 'waste', kind: 'complaint' }));
  await at(7, () => steps.form(caseId, 'case.escalate', { target: 'service_lead:waste', reason: REASON }));
  await at(30, () => steps.acknowledge(caseId));
  await at(33, () => steps.form(caseId, 'case.escalation.answer', { facts: FACTS, proposedReply: REPLY }, 'dev', 'escalation:esc-1'));
  await at(35, () => steps.form(caseId, 'case.escalate', { target: 'leadership', reason: 'Third time: the ward councillor is asking', proposal: 'reply', proposedText: REPLY }));
  await at(38, () => steps.leadership(caseId, 'esc-2', 'agree'));
  await at(41, () => steps.form(caseId, 'case.reply.submit', { text: REPLY, visibility: 'public' }));
  await at(45, () => steps.form(caseId, 'case.close', { outcome: 'replied', note: 'Collected Thursday' }));
  return caseId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Surface ids out: uuids (event and mention ids) and which surface an actor used. Everything else must match. */
function normalise(value: unknown, key = ''): unknown {
  if (key === 'surface') return '<surface>';
  if (typeof value === 'string') return UUID.test(value) ? '<uuid>' : value;
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, k)]));
  return value;
}

async function record(t: TeamsDesk, caseId: string) {
  const verdict = await t.desk.ctx.store.events.verifyChain();
  // The whole verdict in the failure: a broken chain says where and why.
  expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
  const events = (await t.desk.ctx.store.events.forCase(caseId)).map((e) => ({ seq: e.seq, event: e.event }));
  return normalise({ case: await t.desk.ctx.store.cases.get(caseId), events, sentToNetwork: t.connector.replies.map((r) => ({ text: r.text, visibility: r.visibility })) });
}

const desks: TeamsDesk[] = [];
afterAll(async () => {
  for (const d of desks) await d.close();
});

describe('the same scenario on Slack, on Teams and on the web desk', () => {
  it('leaves identical cases and event logs, apart from surface ids', async () => {
    const slackClock = scriptedClock(START);
    const slack = await startTeamsDesk({ slack: true, teams: false, clock: slackClock });
    desks.push(slack);
    const slackCase = await runScenario(slack, slackClock, slackSteps(slack));
    const teamsClock = scriptedClock(START);
    const teams = await startTeamsDesk({ clock: teamsClock });
    desks.push(teams);
    const teamsCase = await runScenario(teams, teamsClock, teamsSteps(teams));

    const webClock = scriptedClock(START);
    const web = await startTeamsDesk({ teams: false, clock: webClock });
    desks.push(web);
    const webCase = await runScenario(web, webClock, await webSteps(web));

    expect(teamsCase).toBe(slackCase);
    expect(webCase).toBe(slackCase);
    const [fromSlack, fromTeams, fromWeb] = [await record(slack, slackCase), await record(teams, teamsCase), await record(web, webCase)];
    expect(fromTeams).toEqual(fromSlack);
    expect(fromWeb).toEqual(fromSlack);
    const surfaces = (await web.desk.ctx.store.events.forCase(webCase)).map((e) => e.event.actor.surface);
    expect(new Set(surfaces)).toEqual(new Set(['system', 'web']));
    // And the scenario did what it says, on both.
    const c = (fromTeams as { case: Record<string, unknown> }).case;
    expect(c).toMatchObject({
      state: 'closed', outcome: 'replied', closedAt: '2026-03-10T10:45:00.000Z',
      owner: { personId: 'ana', name: 'Ana Patel', since: '2026-03-10T10:03:00.000Z' },
      escalations: [
        { status: 'answered', answeredBy: 'Dev Shah', raisedAt: '2026-03-10T10:07:00.000Z', serviceAnswer: { facts: FACTS, proposedReply: REPLY } },
        { status: 'answered', proposal: { kind: 'reply', text: REPLY }, leadershipAnswer: { answer: 'agree', note: null, by: 'Eve Grant' } },
      ],
      replies: [{ status: 'sent' }],
    });
    expect((fromSlack as { sentToNetwork: unknown[] }).sentToNetwork).toEqual([{ text: `${REPLY} ^AP`, visibility: 'public' }]);
    const types = (fromTeams as { events: Array<{ event: { type: string } }> }).events.map((e) => e.event.type);
    expect(types.length).toBeGreaterThanOrEqual(12);
    expect(types).toEqual(expect.arrayContaining(['case.opened', 'case.claimed', 'case.classified', 'case.escalated', 'case.escalation.acknowledged', 'case.escalation.answered', 'case.leadership.answered', 'case.reply.requested', 'case.reply.sent', 'case.closed']));
  }, 180_000); // the whole scenario three times, on three surfaces: about 30 s on PGlite alone, more on a busy machine
});
