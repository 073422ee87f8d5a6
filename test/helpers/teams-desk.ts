// Owns booting the whole desk (startDesk, the real Teams SDK on real HTTP) against the fake Bot Connector, with
// the Teams test policy, and driving it as Teams would: installs, clicks on the cards it holds, form submits.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startDesk, type RunningDesk } from '../../src/app/start-desk.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { MentionInput } from '../../src/domain/mention.js';
import { signIntakeBody } from '../../src/http/verify-intake-signature.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import type { Db } from '../../src/store/db.js';
import { startFakeBotConnector, type FakeBotConnector } from './fake-bot-connector.js';
import { startFakeMsGraph, type FakeMsGraph, type FakeMsGraphOptions } from './fake-ms-graph.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { createTestClock, mention, recordingConnector, type RecordingConnector, type TestClock } from './slack-desk.js';
import { cardAt, type TeamsCard } from './teams-cards.js';
import { buildBotAddedToTeam, buildCardAction, buildPersonalMessage, postActivity, TEAM_AAD_GROUP_ID, TENANT_ID, type PostedActivity } from './teams-activities.js';
import { loadTeamsPolicy, type TeamsPerson } from './teams-policy.js';
import { openTestDatabase } from './test-database.js';
import { settleOutbox } from './settle-outbox.js';

export const INTAKE_SECRET = 'e2e-intake-secret-0123456789';
export const SLACK_SIGNING_SECRET = 'e2e-signing-secret';
export const APP_ID = '0b1c2d3e-0000-4000-8000-00000000b07a';
/** The app's id in the fake tenant's app catalog (not the manifest id). */
export const TEAMS_CATALOG_ID = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';

export interface TeamsDeskOptions {
  /** More environment for loadConfig (e.g. CHAT_REQUEST_TIMEOUT_MS). */
  env?: Record<string, string>;
  /** 'jwt': real Bot Framework token checks against the fake issuer; 'local': TEAMS_ALLOW_UNAUTHENTICATED. */
  readonly auth?: 'local' | 'jwt';
  /** Slack configured too, on the same desk (against a fake Slack Web API). */
  readonly slack?: boolean;
  /** false: Slack alone (the parity runs); default true. */
  readonly teams?: boolean;
  readonly clock?: TestClock;
  readonly policy?: Policy;
  /** A fake Microsoft Graph beside the fake Bot Connector (MICROSOFT_GRAPH_URL, TEAMS_APP_CATALOG_ID set). */
  readonly msGraph?: Omit<FakeMsGraphOptions, 'catalogId' | 'externalId' | 'team'>;
}

export interface TeamsDesk {
  readonly desk: RunningDesk;
  readonly fake: FakeBotConnector;
  readonly slackApi: FakeSlackApi | null;
  readonly msGraph: FakeMsGraph | null;
  readonly db: Db;
  readonly clock: TestClock;
  readonly policy: Policy;
  readonly connector: RecordingConnector;
  readonly logs: string[];
  ingest(m?: MentionInput): Promise<{ status: number; caseId: string }>;
  /** Runs the outbox until nothing chat or network is left, moving the clock to each retry's time. */
  settle(maxRounds?: number): Promise<number>;
  /** POSTs an activity to /api/messages as the Bot Connector does (with a good token in 'jwt' mode, unless given one). */
  post(activity: Record<string, unknown>, jwt?: string): Promise<PostedActivity>;
  install(): Promise<PostedActivity>;
  /** The case's card for `purpose` as the fake Bot Connector holds it now (the last POST or PUT). */
  card(caseId: string, purpose?: string): TeamsCard;
  /** Clicks the Action.Execute with `verb` on a card (the case's message for `purpose`, or a card given). */
  click(person: TeamsPerson, caseId: string, verb: string, o?: { purpose?: string; on?: TeamsCard; args?: Record<string, string> }): Promise<PostedActivity>;
  /** Teams asking for the card's refresh (trigger "automatic") as `person` looks at it: their own view. */
  refreshAs(person: TeamsPerson, caseId: string, purpose?: string): Promise<PostedActivity>;
  /** Submits a form card (an invoke's answer) with `values` by field id. */
  submit(person: TeamsPerson, caseId: string, form: TeamsCard, values: Readonly<Record<string, string>>, purpose?: string): Promise<PostedActivity>;
  message(person: TeamsPerson, text: string): Promise<PostedActivity>;
  close(): Promise<void>;
}

export async function startTeamsDesk(o: TeamsDeskOptions = {}): Promise<TeamsDesk> {
  const fake = await startFakeBotConnector();
  const slackApi = o.slack ? await startFakeSlackApi({ usergroups: { S0COMMS: ['U0FAY'] } }) : null;
  // Graph lists the team's channels as the fake Bot Connector holds them.
  const team = { aadGroupId: TEAM_AAD_GROUP_ID, messages: () => fake.messages };
  const msGraph = o.msGraph ? await startFakeMsGraph({ ...o.msGraph, catalogId: TEAMS_CATALOG_ID, externalId: APP_ID, team }) : null;
  const db = await openTestDatabase();
  const clock = o.clock ?? createTestClock();
  const policy = o.policy ?? (await loadTeamsPolicy());
  const connector = recordingConnector('x');
  const logs: string[] = [];
  const jwtMode = o.auth === 'jwt';
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET, DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'desk-teams-')), LOG_LEVEL: 'debug',
    ...(o.teams === false ? {} : jwtMode ? { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'never-used-the-test-token-replaces-msal', MICROSOFT_APP_TENANT_ID: TENANT_ID } : { TEAMS_ALLOW_UNAUTHENTICATED: 'true' }),
    ...(msGraph ? { MICROSOFT_GRAPH_URL: msGraph.url, TEAMS_APP_CATALOG_ID: TEAMS_CATALOG_ID } : {}),
    ...(slackApi ? { SLACK_BOT_TOKEN: 'xoxb-e2e-bot-token', SLACK_API_URL: slackApi.url, SLACK_SIGNING_SECRET } : {}),
    ...o.env,
  });
  const desk = await startDesk({
    config, policy, clock, db, connectors: [connector], startWorker: false, startPollers: false,
    logger: pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) }),
    ...(jwtMode ? { chatOverrides: { teams: { openIdMetadataUrl: fake.openIdMetadataUrl, botToken: () => fake.signJwt({ aud: 'https://api.botframework.com', serviceurl: '' }) } } } : {}),
  });
  const fx = { serviceUrl: fake.serviceUrl, ...(jwtMode ? { botAppId: APP_ID } : {}) };
  const goodJwt = () => fake.signJwt({ aud: APP_ID, serviceurl: fake.serviceUrl });
  const row = async (caseId: string, purpose: string) => {
    const res = await db.query<{ channel: string; message_id: string }>(`SELECT channel, message_id FROM card_messages WHERE case_id = $1 AND surface = 'teams' AND purpose = $2`, [caseId, purpose]);
    if (!res.rows[0]?.message_id) throw new Error(`no Teams ${purpose} message for ${caseId}`);
    return res.rows[0];
  };
  const rows = new Map<string, { channel: string; message_id: string }>();

  const t: TeamsDesk = {
    desk, fake, slackApi, msGraph, db, clock, policy, connector, logs,
    async ingest(m = mention()) {
      const body = JSON.stringify(m);
      const ts = Math.floor(clock.now().getTime() / 1000);
      const res = await fetch(`${desk.url}/api/mentions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(INTAKE_SECRET, ts, body) },
        body,
      });
      return { status: res.status, caseId: ((await res.json()) as { caseId: string }).caseId };
    },
    async settle(maxRounds = 60) {
      const ran = await settleOutbox(desk.worker, db, clock, maxRounds);
      // Remember where each card is, so card() works after the rows are read once.
      const all = await db.query<{ case_id: string; purpose: string; channel: string; message_id: string }>(`SELECT case_id, purpose, channel, message_id FROM card_messages WHERE surface = 'teams' AND message_id <> ''`);
      for (const r of all.rows) rows.set(`${r.case_id}|${r.purpose}`, r);
      return ran;
    },
    post: (activity, jwt) => postActivity(desk.url, activity, jwtMode || jwt !== undefined ? { jwt: jwt ?? goodJwt() } : {}),
    install: () => t.post(buildBotAddedToTeam(fx)),
    card(caseId, purpose = 'triage') {
      const r = rows.get(`${caseId}|${purpose}`);
      if (!r) throw new Error(`no Teams ${purpose} message for ${caseId} (settle first)`);
      return cardAt(fake.calls, r.channel, r.message_id);
    },
    async click(person, caseId, verb, opts = {}) {
      const purpose = opts.purpose ?? 'triage';
      const where = await row(caseId, purpose);
      const card = opts.on ?? t.card(caseId, purpose);
      const action = card.executes().find((a) => a.verb === verb && Object.entries(opts.args ?? {}).every(([k, v]) => (a.data['a'] as Record<string, string> | undefined)?.[k] === v));
      if (!action) throw new Error(`no ${verb} button on the ${purpose} card of ${caseId}`);
      return t.post(buildCardAction(fx, { verb, data: action.data, cardActivityId: where.message_id, channelId: where.channel.split(';')[0]!, user: person }));
    },
    async refreshAs(person, caseId, purpose = 'triage') {
      const where = await row(caseId, purpose);
      const refresh = t.card(caseId, purpose).refresh();
      if (!refresh) throw new Error(`the ${purpose} card of ${caseId} carries no refresh`);
      const { verb, data } = refresh.action;
      return t.post(buildCardAction(fx, { verb, data, cardActivityId: where.message_id, channelId: where.channel.split(';')[0]!, user: person, trigger: 'automatic' }));
    },
    async submit(person, caseId, form, values, purpose = 'triage') {
      const where = await row(caseId, purpose);
      const submit = form.executes().find((a) => typeof a.data['fields'] === 'string');
      if (!submit) throw new Error('no submit button on that form');
      const prefix = submit.data['fields'] as string;
      const inputs = Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}.${k}`, v]));
      return t.post(buildCardAction(fx, { verb: submit.verb, data: { ...submit.data, ...inputs }, cardActivityId: where.message_id, channelId: where.channel.split(';')[0]!, user: person }));
    },
    message: (person, text) => t.post({ ...buildPersonalMessage(fx, { text }), from: { ...person } }),
    async close() {
      await desk.stop();
      await db.close();
      await fake.close();
      await slackApi?.close();
      await msGraph?.close();
    },
  };
  return t;
}

/** A desk with the bot already added to the team (the triage channel picked) and the hello sent. */
export async function startInstalledTeamsDesk(o: TeamsDeskOptions = {}): Promise<TeamsDesk> {
  const t = await startTeamsDesk(o);
  await t.install();
  await t.settle();
  return t;
}
