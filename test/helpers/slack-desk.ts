// Owns booting the whole desk (startDesk, real Bolt, real HTTP on loopback) against the fake Slack Web API with
// the test policy, and driving it the way Slack, the intake and a network would.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startDesk, type RunningDesk } from '../../src/app/start-desk.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { MentionInput } from '../../src/domain/mention.js';
import { signIntakeBody } from '../../src/http/verify-intake-signature.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import type { NetworkConnector, NetworkTarget } from '../../src/services/ports.js';
import type { Db } from '../../src/store/db.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackBody } from './fake-slack-api.js';
import { appHomeOpenedEnvelope, blockActionsPayload, buttonsIn, slashCommandFields, viewSubmissionPayload, type SlackPerson } from './slack-payloads.js';
import { eventBody, interactivityBody, postSignedToSlack, slashCommandBody } from './slack-signing.js';
import { openTestDatabase } from './test-database.js';
import { settleOutbox } from './settle-outbox.js';
import { deskPayloadOf } from '../../src/adapters/slack/message-metadata.js';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const INTAKE_SECRET = 'e2e-intake-secret-0123456789';
export const POLICY_FILE = new URL('../fixtures/policy/test-policy.yml', import.meta.url).pathname;

export const PEOPLE = {
  ana: { id: 'U0ANA', username: 'ana.patel' },
  ben: { id: 'U0BEN', username: 'ben.okafor' },
  cara: { id: 'U0CARA', username: 'cara.lee' },
  dev: { id: 'U0DEV', username: 'dev.shah' },
  eve: { id: 'U0EVE', username: 'eve.grant' },
  gil: { id: 'U0GIL', username: 'gil.moss' },
  /** Not in the policy's people: a comms officer through the user group S0COMMS. */
  fay: { id: 'U0FAY', username: 'fay.quinn' },
} satisfies Record<string, SlackPerson>;


/** Real time plus an offset the test moves forward: Bolt checks signatures against the real clock. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export interface RecordingConnector extends NetworkConnector {
  readonly replies: Array<{ target: NetworkTarget; text: string; visibility: string; idempotencyKey: string }>;
  readonly moderations: Array<{ target: NetworkTarget; action: string; idempotencyKey: string }>;
}

export function recordingConnector(network = 'x'): RecordingConnector {
  const replies: RecordingConnector['replies'] = [];
  const moderations: RecordingConnector['moderations'] = [];
  return {
    network,
    replies,
    moderations,
    async reply(target, text, visibility, idempotencyKey) {
      replies.push({ target, text, visibility, idempotencyKey });
      return { networkReplyId: `${network}-reply-${replies.length}` };
    },
    async moderate(target, action, idempotencyKey) {
      moderations.push({ target, action, idempotencyKey });
    },
  };
}

let mentionCounter = 0;
export function mention(overrides: Partial<MentionInput> = {}): MentionInput {
  const n = ++mentionCounter;
  return {
    network: 'x',
    externalId: `tweet-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`,
    url: `https://x.com/resident${n}/status/${n}`,
    text: 'My brown bin has not been collected for two weeks on Elm Road. When will it be?',
    postedAt: new Date().toISOString(),
    kind: 'mention',
    author: { id: `author-${n}`, name: 'Sam Resident', handle: `resident${n}`, followers: 1200, verified: false },
    ...overrides,
  };
}

export interface SlackDesk {
  readonly desk: RunningDesk;
  readonly fake: FakeSlackApi;
  readonly db: Db;
  readonly clock: TestClock;
  readonly policy: Policy;
  readonly connector: RecordingConnector;
  readonly logs: string[];
  ingest(m?: MentionInput): Promise<{ status: number; caseId: string }>;
  /** Runs the outbox until no chat or network item is left, moving the clock to each retry's time; returns items run. */
  settle(maxRounds?: number): Promise<number>;
  /** The case's message for `purpose` as Slack holds it now (the latest edit). */
  message(channel: string, caseId: string, purpose?: string): SlackBody;
  click(user: SlackPerson, channel: string, caseId: string, actionId: string, purpose?: string): Promise<Response>;
  /** The modal views.open last opened for `user`. */
  openedView(user: SlackPerson): SlackBody;
  submit(user: SlackPerson, view: SlackBody, values: Readonly<Record<string, string | undefined>>): Promise<Response>;
  command(user: SlackPerson, text: string, channel?: string): Promise<Response>;
  openHome(user: SlackPerson): Promise<Response>;
  close(): Promise<void>;
}

export async function startSlackDesk(o: { socketMode?: boolean; policy?: (p: Policy) => Policy; env?: Record<string, string>; logLevel?: pino.Level } = {}): Promise<SlackDesk> {
  const fake = await startFakeSlackApi({ usergroups: { S0COMMS: ['U0FAY'] }, users: [{ id: 'U0FAY', real_name: 'Fay Quinn' }] });
  const db = await openTestDatabase();
  const clock = createTestClock();
  const loaded = await loadPolicy(POLICY_FILE);
  const policy = o.policy ? o.policy(structuredClone(loaded) as Policy) : loaded;
  const connector = recordingConnector('x');
  const logs: string[] = [];
  // Kept in memory for tests that read them; long runs ask for less, or every Slack call's body piles up.
  const logger = pino({ level: o.logLevel ?? 'debug' }, { write: (line: string) => void logs.push(line) });
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET, DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'desk-e2e-')),
    SLACK_BOT_TOKEN: 'xoxb-e2e-bot-token', SLACK_API_URL: fake.url,
    ...(o.socketMode ? { SLACK_APP_TOKEN: 'xapp-1-e2e-app-token' } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    ...o.env,
  });
  const desk = await startDesk({ config, policy, logger, clock, db, connectors: [connector], startWorker: false, startPollers: false });
  const signed = (payload: { body: string; contentType: string }) => postSignedToSlack(desk.url, SIGNING_SECRET, payload.body, payload.contentType);

  const harness: SlackDesk = {
    desk, fake, db, clock, policy, connector, logs,
    async ingest(m = mention()) {
      const body = JSON.stringify(m);
      const ts = Math.floor(clock.now().getTime() / 1000);
      const res = await fetch(`${desk.url}/api/mentions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, body) },
        body,
      });
      const json = (await res.json()) as { caseId: string };
      return { status: res.status, caseId: json.caseId };
    },
    settle: (maxRounds = 50) => settleOutbox(desk.worker, db, clock, maxRounds),
    message(channel, caseId, purpose = 'triage') {
      const found = fake.messagesIn(channel).find((m) => deskPayloadOf(m)?.case_id === caseId && deskPayloadOf(m)?.purpose === purpose);
      if (!found) throw new Error(`no ${purpose} message for ${caseId} in ${channel}`);
      return found;
    },
    click(user, channel, caseId, actionId, purpose = 'triage') {
      const message = harness.message(channel, caseId, purpose);
      const hit = buttonsIn((message.blocks as SlackBody[]) ?? []).find((b) => b.button.action_id.replace(/#\d+$/, '') === actionId);
      if (!hit) throw new Error(`no ${actionId} button on the ${purpose} message of ${caseId}`);
      return signed(interactivityBody(blockActionsPayload({ user, channel, message, ...hit })));
    },
    openedView(user) {
      const call = fake.callsTo('views.open').at(-1);
      if (!call) throw new Error(`no views.open for ${user.id}`);
      return call.body.view as SlackBody;
    },
    submit(user, view, values) {
      return signed(interactivityBody(viewSubmissionPayload({ user, view, values })));
    },
    command(user, text, channel = 'C0TRIAGE') {
      return signed(slashCommandBody(slashCommandFields(user, channel, text, fake.responseUrl('commands'))));
    },
    openHome(user) {
      return signed(eventBody(appHomeOpenedEnvelope(user)));
    },
    async close() {
      await desk.stop();
      await db.close();
      await fake.close();
    },
  };
  return harness;
}

/** What reached the fake network in reply to this case's post (the connector is shared by every case of a desk). */
export async function repliesSentFor(t: { desk: RunningDesk; connector: RecordingConnector }, caseId: string): Promise<RecordingConnector['replies']> {
  const c = await t.desk.ctx.store.cases.get(caseId);
  const stored = c ? await t.desk.ctx.store.mentions.get(c.mentionId) : null;
  return t.connector.replies.filter((r) => r.target.externalId === stored?.mention.externalId);
}
