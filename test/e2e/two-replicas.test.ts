// Two replicas of the desk on one database and one Slack workspace: a card is posted once whichever replica's
// worker gets to it, and two people clicking Claim on different replicas at the same moment get one owner; one
// reply form submitted to both replicas at the same moment gives one reply and one network send.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, type RunningDesk } from '../../src/app/start-desk.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { Db } from '../../src/store/db.js';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { INTAKE_SECRET, mention, PEOPLE, POLICY_FILE, recordingConnector, SIGNING_SECRET } from '../helpers/slack-desk.js';
import { blockActionsPayload, buttonsIn, viewSubmissionPayload } from '../helpers/slack-payloads.js';
import { interactivityBody, postSignedToSlack } from '../helpers/slack-signing.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { postSigned } from '../../src/http/post-signed.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let fake: FakeSlackApi;
let db: Db;
let second: Db;
let a: RunningDesk;
let b: RunningDesk;
/** One fake network both replicas send through, as two replicas share one X account. */
const network = recordingConnector('x');

async function replica(handle: Db): Promise<RunningDesk> {
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET, DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'desk-replica-')),
    SLACK_BOT_TOKEN: 'xoxb-replica', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url, LOG_LEVEL: 'silent',
  });
  return startDesk({ config, policy: await loadPolicy(POLICY_FILE), logger: pino({ level: 'silent' }), db: handle, connectors: [network], startWorker: false, startPollers: false });
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  db = await openTestDatabase();
  second = db.openSecondHandle();
  a = await replica(db);
  b = await replica(second);
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await second.close();
  await db.close();
  await fake.close();
});

async function drainBoth(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const [x, y] = await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
    if (x + y === 0) return;
  }
}

describe('two replicas on one database', () => {
  it('posts a case card once, and one of two simultaneous claims on different replicas wins', async () => {
    const intake = await postSigned(`${a.url}/api/mentions`, JSON.stringify(mention()), INTAKE_SECRET);
    const caseId = intake.json.caseId as string;
    await drainBoth();
    const cards = fake.callsTo('chat.postMessage').filter((c) => c.body['channel'] === 'C0TRIAGE' && !c.body['thread_ts']);
    expect(cards).toHaveLength(1);

    const message = fake.messagesIn('C0TRIAGE').find((m) => !m['thread_ts'])!;
    const claim = buttonsIn(message['blocks'] as never).find((x) => x.button.action_id.startsWith('case.claim'))!;
    const click = (desk: RunningDesk, user: typeof PEOPLE.ana) => {
      const body = interactivityBody(blockActionsPayload({ user, channel: 'C0TRIAGE', message, ...claim }));
      return postSignedToSlack(desk.url, SIGNING_SECRET, body.body, body.contentType);
    };
    const answers = await Promise.all([click(a, PEOPLE.ana), click(b, PEOPLE.ben)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await vi.waitFor(async () => expect((await a.ctx.store.cases.get(caseId))?.state).toBe('claimed'), DESK_ACTS);
    const refusal = await fake.waitFor('chat.postEphemeral');
    const owner = (await a.ctx.store.cases.get(caseId))!.owner!.name;
    expect(String(refusal.body['text'])).toContain(`Already claimed by ${owner}`);
    const claims = (await a.ctx.store.events.forCase(caseId)).filter((e) => e.event.type === 'case.claimed');
    expect(claims).toHaveLength(1);
    await drainBoth();
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body['channel'] === 'C0TRIAGE' && !c.body['thread_ts'])).toHaveLength(1);
    expect(JSON.stringify(fake.messagesIn('C0TRIAGE').find((m) => !m['thread_ts'])!['blocks'])).toContain(owner);
  });

  it('sends one reply when one reply form is submitted to both replicas at the same moment', async () => {
    const caseId = (await postSigned(`${a.url}/api/mentions`, JSON.stringify(mention()), INTAKE_SECRET)).json.caseId as string;
    await drainBoth();
    const card = () => fake.messagesIn('C0TRIAGE').find((m) => !m['thread_ts'] && JSON.stringify(m['metadata']).includes(caseId))!;
    const press = (desk: RunningDesk, actionId: string) => {
      const hit = buttonsIn(card()['blocks'] as never).find((x) => x.button.action_id.startsWith(actionId))!;
      const body = interactivityBody(blockActionsPayload({ user: PEOPLE.ana, channel: 'C0TRIAGE', message: card(), ...hit }));
      return postSignedToSlack(desk.url, SIGNING_SECRET, body.body, body.contentType);
    };
    await press(a, 'case.claim');
    await vi.waitFor(async () => expect((await a.ctx.store.cases.get(caseId))?.state).toBe('claimed'), { timeout: 5000 });
    await drainBoth();
    const opened = fake.callsTo('views.open').length;
    await press(a, 'case.reply.submit');
    await vi.waitFor(() => expect(fake.callsTo('views.open').length).toBe(opened + 1), { timeout: 5000 });
    const view = fake.callsTo('views.open').at(-1)!.body['view'] as Record<string, unknown>;
    const submit = (desk: RunningDesk) => {
      const body = interactivityBody(viewSubmissionPayload({ user: PEOPLE.ana, view, values: { text: 'A crew is booked for Thursday.', visibility: 'public' } }));
      return postSignedToSlack(desk.url, SIGNING_SECRET, body.body, body.contentType);
    };
    expect((await Promise.all([submit(a), submit(b)])).map((r) => r.status)).toEqual([200, 200]);
    const requested = (await a.ctx.store.events.forCase(caseId)).filter((e) => e.event.type === 'case.reply.requested');
    expect(requested).toHaveLength(1);
    const sends = await db.query(`SELECT key FROM outbox WHERE case_id = $1 AND kind = 'network.reply'`, [caseId]);
    expect(sends.rows).toHaveLength(1);
    await drainBoth();
    expect(network.replies.map((r) => r.text)).toEqual(['A crew is booked for Thursday. ^AP']);
  });
});
