// Signed Slack requests that are malformed, of kinds the desk does not serve, or from another workspace: a clear
// 4xx or a quiet acknowledgement, never a 500, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, FORM, interactivityBody, JSON_TYPE, postSignedToSlack, slashCommandBody } from '../helpers/slack-signing.js';
import { appHomeOpenedEnvelope, blockActionsPayload, buttonsIn, slashCommandFields } from '../helpers/slack-payloads.js';
import { PEOPLE, SIGNING_SECRET, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { encodeShape, namesField, refusedValues, SLACK_SHAPES, withField } from '../helpers/slack-request-shapes.js';
import { storeCounts } from '../helpers/store-counts.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk();
});
afterAll(() => t.close());

const post = (body: string, contentType: string) => postSignedToSlack(t.desk.url, SIGNING_SECRET, body, contentType);

/**
 * The store's counts once the desk is quiet: settled, and the same twice 300 ms apart. A valid request of the test
 * before is acknowledged before its work is queued, so a count taken straight after settling could still move
 * (CI saw the outbox go 3 → 4 during the hostile requests that follow, none of which had been accepted).
 */
async function quietCounts(): Promise<string> {
  await t.settle();
  let last = await storeCounts(t.db);
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    await t.settle();
    const now = await storeCounts(t.db);
    if (now === last) return now;
    last = now;
  }
}

describe('malformed signed Slack requests', () => {
  it.each([
    ['payload=null', 'payload=null'],
    ['payload=[]', 'payload=%5B%5D'],
    ['payload="text"', 'payload=%22text%22'],
    ['a payload that is not JSON', 'payload=%7Bnot-json'],
    ['an empty form', ''],
    ['a block action with no user', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: 'T0000DESK' }, actions: [] }))}`],
    ['a block action with no actions', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: 'T0000DESK' }, user: { id: 'U0ANA' } }))}`],
    // Found by the 8,000-request fuzz: an id Bolt turns into text, whose toString is not a function.
    ['a team id that is an object', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: { toString: -4.9e170 } }, user: { id: 'U0ANA' }, actions: [] }))}`],
    // Found by the 100,000-request fuzz: a team id Bolt uses as a key.
    ['a team id of "__proto__"', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: '__proto__' }, user: { id: 'U0ANA', team_id: 'T0000DESK' }, actions: [] }))}`],
    ['a block action whose channel is null', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: 'T0000DESK' }, user: { id: 'U0ANA', team_id: 'T0000DESK' }, channel: null, actions: [] }))}`],
    ['a user team id that is a number', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: 'T0000DESK' }, user: { id: 'U0ANA', team_id: 7 }, actions: [] }))}`],
  ])('answers %s with a 400, never a 500', async (_what, body) => {
    const res = await post(body, FORM);
    expect(res.status).toBe(400);
  });

  it('answers a JSON body that is null with a 400', async () => {
    expect((await post('null', JSON_TYPE)).status).toBe(400);
  });

  it('answers a block_suggestion (an external select the desk does not use) with no options, not a 500', async () => {
    const res = await post(interactivityBody({ type: 'block_suggestion', team: { id: 'T0000DESK' }, user: { id: PEOPLE.ana.id, team_id: 'T0000DESK' }, action_id: 'x', block_id: 'y', value: 'a' }).body, FORM);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ options: [] });
  });
});

describe('every field the guard types, in every kind of request the desk takes', () => {
  it.each(SLACK_SHAPES.map((shape) => [shape.kind, shape] as const))('%s: the valid shape is not refused', async (_kind, shape) => {
    const { body, contentType } = encodeShape(shape, shape.build());
    expect((await post(body, contentType)).status).not.toBe(400);
  });

  it.each(SLACK_SHAPES.map((shape) => [shape.kind, shape] as const))('%s: a hostile value in any typed field is a 400 naming it, and nothing changes', async (_kind, shape) => {
    const before = await quietCounts();
    const wrong: string[] = [];
    for (const field of shape.fields) {
      for (const [what, value] of refusedValues(field.kind)) {
        const { body, contentType } = encodeShape(shape, withField(shape.build(), field.path, value));
        const res = await post(body, contentType);
        const answer = res.status === 400 ? ((await res.json()) as { field?: string }) : await res.text();
        const named = typeof answer === 'object' && namesField(answer.field, field.path);
        if (res.status !== 400 || !named) wrong.push(`${field.path.join('.')} = ${what}: ${res.status} ${JSON.stringify(answer).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await storeCounts(t.db)).toBe(before);
  });
});

describe('a correctly signed request from another workspace', () => {
  const elsewhere = <T extends Record<string, unknown>>(payload: T, team = 'T0OTHER', enterprise?: string): T => ({
    ...payload,
    team: { id: team, domain: 'elsewhere', ...(enterprise ? { enterprise_id: enterprise } : {}) },
    ...(enterprise ? { enterprise: { id: enterprise, name: 'Elsewhere' } } : {}),
    user: { ...(payload['user'] as object), team_id: team },
  });

  async function aCard(): Promise<{ caseId: string; claim: ReturnType<typeof buttonsIn>[number]; message: Record<string, unknown> }> {
    const { caseId } = await t.ingest();
    await t.settle();
    const message = t.message('C0TRIAGE', caseId);
    const claim = buttonsIn(message.blocks as Record<string, unknown>[]).find((b) => b.button.action_id === 'case.claim')!;
    return { caseId, claim, message };
  }

  it.each([
    ['another workspace', 'T0OTHER', undefined],
    ['another Enterprise Grid organisation', 'T0000DESK', 'E0OTHER'],
  ])('refuses a click as a known person from %s: acknowledged, and the case does not change', async (_what, team, enterprise) => {
    const { caseId, claim, message } = await aCard();
    const before = await t.desk.ctx.store.cases.get(caseId);
    t.fake.reset();
    const payload = elsewhere(blockActionsPayload({ user: PEOPLE.ana, channel: 'C0TRIAGE', message, ...claim }), team, enterprise);
    const res = await post(interactivityBody(payload).body, FORM);
    expect(res.status).toBe(200);
    await t.settle();
    expect(await t.desk.ctx.store.cases.get(caseId)).toEqual(before);
    expect(t.fake.calls).toEqual([]);
  });

  it('accepts the same click from the desk\'s own workspace (the check is not refusing everything)', async () => {
    const { caseId, claim, message } = await aCard();
    const res = await post(interactivityBody(blockActionsPayload({ user: PEOPLE.ana, channel: 'C0TRIAGE', message, ...claim })).body, FORM);
    expect(res.status).toBe(200);
    await t.settle();
    await expect.poll(async () => (await t.desk.ctx.store.cases.get(caseId))?.owner?.personId, { timeout: 3_000 }).toBe('ana');
  });

  it('tells a slash command from another workspace that nothing was done, and does nothing', async () => {
    t.fake.reset();
    const fields = { ...slashCommandFields(PEOPLE.ana, 'C0TRIAGE', 'queue', t.fake.responseUrl('commands')), team_id: 'T0OTHER' };
    const res = await post(slashCommandBody(fields).body, FORM);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ text: expect.stringMatching(/another Slack workspace/) });
    expect(t.fake.calls).toEqual([]);
  });

  it('ignores an event from another workspace (no App Home is drawn)', async () => {
    t.fake.reset();
    const envelope = { ...appHomeOpenedEnvelope(PEOPLE.ana), team_id: 'T0OTHER', context_team_id: 'T0OTHER' };
    const res = await post(eventBody(envelope).body, JSON_TYPE);
    expect(res.status).toBe(200);
    await t.settle();
    expect(t.fake.callsTo('views.publish')).toEqual([]);
  });
});
