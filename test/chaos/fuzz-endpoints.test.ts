// Property-based fuzz of every HTTP endpoint the desk serves, signed where the endpoint needs it so the input
// reaches the parsers: never a 5xx, and input that is refused (4xx) changes nothing in the store.
import { createHmac } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMetaBody } from '../../src/adapters/networks/meta/verify-meta-signature.js';
import { startDesk, type RunningDesk } from '../../src/app/start-desk.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { Db } from '../../src/store/db.js';
import clickFixture from '../fixtures/slack/block_actions.button.json' with { type: 'json' };
import metaFixture from '../fixtures/networks/meta.page.feed-comment.json' with { type: 'json' };
import { startFakeBotConnector, type FakeBotConnector } from '../helpers/fake-bot-connector.js';
import { startFakeGraphApi, type FakeGraphApi } from '../helpers/fake-graph-api.js';
import { startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { signSlackRequest } from '../helpers/slack-signing.js';
import { openTestDatabase } from '../helpers/test-database.js';
import { storeCounts as countsIn } from '../helpers/store-counts.js';
import { signInLocally, type WebClient } from '../helpers/web-client.js';
import { readFile } from 'node:fs/promises';
import { sampleMention } from '../helpers/test-desk.js';
import { histogram, printFigures, scale, timeoutMs } from './chaos-scale.js';
import { structuredMutation } from './structured-mutation.js';
import { encodeShape, SLACK_SHAPES } from '../helpers/slack-request-shapes.js';

const INTAKE = 'fuzz-intake-secret-0123456789';
const SLACK = 'fuzz-slack-signing-secret';
const META = 'fuzz-meta-app-secret';
const PAGE_ID = '100000000000001';

let desk: RunningDesk;
let db: Db;
let slack: FakeSlackApi;
let graph: FakeGraphApi;
let bot: FakeBotConnector;
/** A read token with every scope (the embedded store's local one), so fuzzed queries reach the read APIs' parsers. */
let readToken: string;
/** A signed-in web desk session, so fuzzed pages and forms reach the web desk's parsers (CSRF token included). */
let web: WebClient;

beforeAll(async () => {
  [slack, graph, bot, db] = await Promise.all([startFakeSlackApi(), startFakeGraphApi({ pageId: PAGE_ID }), startFakeBotConnector(), openTestDatabase()]);
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DESK_DATA_DIR: await mkdtemp(join(tmpdir(), 'desk-fuzz-')),
    INTAKE_SECRET: INTAKE, SLACK_BOT_TOKEN: 'xoxb-fuzz', SLACK_SIGNING_SECRET: SLACK, SLACK_API_URL: slack.url,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    META_APP_SECRET: META, META_VERIFY_TOKEN: 'fuzz-verify', META_PAGE_TOKEN: 'fuzz-page-token', META_PAGE_ID: PAGE_ID, META_GRAPH_API_URL: graph.url,
  });
  desk = await startDesk({ config, policy: await loadPolicy(null), logger: pino({ level: 'silent' }), db, startWorker: false, startPollers: false });
  readToken = (await readFile(desk.localApiToken!.file, 'utf8')).trim();
  web = await signInLocally(desk);
}, 120_000);
afterAll(async () => {
  await desk?.stop();
  await Promise.all([db?.close(), slack?.close(), graph?.close(), bot?.close()]);
});

const storeCounts = () => countsIn(db);

/** Counts once work an accepted request started after its answer (a Slack listener, a Teams reply) has landed. */
async function settledCounts(): Promise<string> {
  let last = await storeCounts();
  let stable = 0;
  for (let i = 0; i < 40 && stable < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    const now = await storeCounts();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

interface Request {
  readonly endpoint: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const now = () => Math.floor(Date.now() / 1000);
const intakeHeaders = (payload: string) => {
  const ts = now();
  return { 'x-desk-timestamp': String(ts), 'x-desk-signature': `v1=${createHmac('sha256', INTAKE).update(`v1:${ts}:${payload}`).digest('hex')}` };
};

// Values that have broken parsers before, mixed with anything at all.
const nasty = fc.oneof(
  fc.constantFrom('\u0000', '\ud800', 'x\udfffy', 'javascript:alert(1)', 'file:///etc/passwd', '', ' ', '1e13', 'null', '__proto__', 'MD-1001\u0000'),
  fc.constantFrom(1e13, 1e16, 1e300, -1, 0, 3_000_000_000, Number.MAX_SAFE_INTEGER, 0.5, null, true, [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.anything({ maxDepth: 2 }),
);

/** A realistic object with one field (possibly nested) replaced by something nasty, or removed. */
function mutated(base: () => Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), nasty, fc.boolean()).map(([picks, value, remove]) => {
    const copy = structuredClone(base()) as Record<string, unknown>;
    let target: Record<string, unknown> = copy;
    for (let i = 0; i < picks.length; i++) {
      const keys = Object.keys(target);
      if (keys.length === 0) break;
      const key = keys[picks[i]! % keys.length]!;
      const next = target[key];
      if (i < picks.length - 1 && typeof next === 'object' && next !== null) {
        target = next as Record<string, unknown>;
        continue;
      }
      if (remove) delete target[key];
      else target[key] = value;
      break;
    }
    return copy;
  });
}

const jsonText = fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 60 }));
const bodyOf = (value: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') }, { weight: 1, arbitrary: jsonText });
const pathSegment = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))), fc.constantFrom('MD-1001%00', '%ED%A0%80', '..%2F..', 'MD-1001', '%', '%zz'));

const intake: fc.Arbitrary<Request> = bodyOf(fc.oneof(mutated(() => sampleMention()), mutated(() => ({ mentions: [sampleMention(), sampleMention()] })))).map((body) => ({
  endpoint: 'POST /api/mentions', method: 'POST', path: '/api/mentions', body, headers: { 'content-type': 'application/json', ...intakeHeaders(body) },
}));
const caseRead: fc.Arbitrary<Request> = pathSegment.map((id) => {
  const path = `/api/cases/${id}`;
  return { endpoint: 'GET /api/cases/:id', method: 'GET', path, headers: intakeHeaders(path) };
});
const report: fc.Arbitrary<Request> = fc.tuple(pathSegment, pathSegment).map(([from, to]) => {
  const path = `/api/report?from=${from}&to=${to}`;
  return { endpoint: 'GET /api/report', method: 'GET', path, headers: intakeHeaders(path) };
});
const slackEvents: fc.Arbitrary<Request> = fc
  .tuple(fc.oneof(mutated(() => clickFixture as unknown as Record<string, unknown>), fc.constantFrom({ type: 'block_suggestion', team: { id: 'T0000DESK' } }, null, [])), fc.boolean())
  .chain(([payload, asForm]) => (asForm ? bodyOf(fc.constant(payload)).map((p) => ({ body: `payload=${encodeURIComponent(p)}`, type: 'application/x-www-form-urlencoded' })) : bodyOf(fc.constant(payload)).map((p) => ({ body: p, type: 'application/json' }))))
  .map(({ body, type }) => ({ endpoint: 'POST /slack/events', method: 'POST', path: '/slack/events', body, headers: { 'content-type': type, ...signSlackRequest(SLACK, body) } }));
// Each valid Slack request shape with one or two fields made hostile, signed correctly, so it reaches the guard's schemas and Bolt.
const slackStructured: fc.Arbitrary<Request> = fc.oneof(
  ...SLACK_SHAPES.map((shape) => structuredMutation(shape.build, shape.fields.map((f) => f.path)).map((payload) => ({ shape, ...encodeShape(shape, payload) }))),
).map(({ shape, body, contentType }) => ({ endpoint: `POST /slack/events (${shape.kind.split(' ')[0]})`, method: 'POST', path: '/slack/events', body, headers: { 'content-type': contentType, ...signSlackRequest(SLACK, body) } }));
// Built when a request is drawn: the fake connector's address is known only once it has started.
const activity = () => ({ type: 'message', id: 'a1', text: 'desk help', channelId: 'msteams', serviceUrl: bot.serviceUrl, from: { id: '29:u1', aadObjectId: '6f1c2d3e-0000-4000-8000-00000000a11c' }, conversation: { id: 'a:1', conversationType: 'personal' }, recipient: { id: '28:local-unauthenticated-bot' } });
const TEAMS_FIELDS = [['type'], ['text'], ['serviceUrl'], ['from'], ['from', 'id'], ['from', 'aadObjectId'], ['conversation'], ['conversation', 'id'], ['conversation', 'conversationType'], ['recipient'], ['channelData'], ['value'], ['membersAdded']];
const teams: fc.Arbitrary<Request> = fc.oneof(bodyOf(mutated(activity)), fc.constant(0).chain(() => structuredMutation(activity, TEAMS_FIELDS)).map((v) => JSON.stringify(v)))
  .map((body) => ({ endpoint: 'POST /api/messages', method: 'POST', path: '/api/messages', body, headers: { 'content-type': 'application/json' } }));
const metaPost: fc.Arbitrary<Request> = bodyOf(mutated(() => metaFixture as unknown as Record<string, unknown>)).map((body) => ({
  endpoint: 'POST /webhooks/meta', method: 'POST', path: '/webhooks/meta', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(META, body) },
}));
const metaVerify: fc.Arbitrary<Request> = fc.tuple(pathSegment, pathSegment, pathSegment).map(([mode, token, challenge]) => ({
  endpoint: 'GET /webhooks/meta', method: 'GET', path: `/webhooks/meta?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=${challenge}`,
}));
const bearer = () => ({ authorization: `Bearer ${readToken}` });
const queryOf = (names: readonly string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), pathSegment), pathSegment), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const DASHBOARD_FIELDS = ['from', 'to', 'service', 'network', 'kind', 'bar', 'value', 'day', 'hour', 'limit'];
const readApis: fc.Arbitrary<Request> = fc
  .tuple(fc.constantFrom('/api/report', '/api/dashboard', '/api/dashboard/cases', '/api/dashboard/cases.csv', '/metrics'), queryOf(DASHBOARD_FIELDS), fc.boolean())
  .map(([path, query, withToken]) => ({ endpoint: `GET ${path} (read token)`, method: 'GET', path: `${path}?${query}`, headers: withToken ? bearer() : { authorization: 'Bearer not-a-token' } }));
const caseReadWithToken: fc.Arbitrary<Request> = pathSegment.map((id) => ({ endpoint: 'GET /api/cases/:id (read token)', method: 'GET', path: `/api/cases/${id}`, headers: bearer() }));
const SEARCH_FIELDS = ['text', 'author', 'service', 'kind', 'state', 'network', 'from', 'to', 'page'];
const webPages: fc.Arbitrary<Request> = fc
  .tuple(fc.constantFrom('/queue', '/my-cases', '/search', '/dashboard', '/dashboard/cases', '/emergency', '/exports', '/cases/MD-1001', '/cases/MD-1001/forms/reply'), pathSegment, queryOf([...SEARCH_FIELDS, ...DASHBOARD_FIELDS]))
  .map(([page, segment, query]) => ({ endpoint: `GET web ${page.replace(/MD-1001/, ':id')}`, method: 'GET', path: `${page.replace(/MD-1001/, segment || 'MD-1001')}?${query}`, headers: { cookie: web.cookie, accept: 'text/html' } }));
const webForms: fc.Arbitrary<Request> = fc
  .tuple(fc.constantFrom('/cases/MD-1001/act', '/emergency', '/exports/subject', '/exports/case', '/sign-out'), fc.dictionary(fc.oneof(fc.constantFrom('actionId', 'formId', 'payload', 'label', 'field_text', 'field_reason', 'field_visibility', 'on', 'network', 'authorId', 'caseId'), fc.string({ maxLength: 12 })), fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), nasty.map((v) => JSON.stringify(v) ?? '')), { maxKeys: 6 }), fc.boolean())
  .map(([path, fields, withCsrf]) => {
    const body = new URLSearchParams({ ...(withCsrf ? { _csrf: web.csrf } : {}), ...fields }).toString();
    // Sign-out is sent without the CSRF token only: with it, it would end the session the other requests use.
    const csrfOk = withCsrf && path !== '/sign-out';
    const sent = csrfOk ? body : new URLSearchParams(fields).toString();
    return { endpoint: `POST web ${path.replace(/MD-1001/, ':id')}`, method: 'POST', path, body: sent, headers: { cookie: web.cookie, 'content-type': 'application/x-www-form-urlencoded' } };
  });
const health: fc.Arbitrary<Request> = fc.constantFrom('/healthz', '/readyz').map((path) => ({ endpoint: `GET ${path}`, method: 'GET', path }));
const unknown: fc.Arbitrary<Request> = pathSegment.map((p) => ({ endpoint: 'GET (other)', method: 'GET', path: `/${p}` }));

const anyRequest = fc.oneof(intake, intake, caseRead, caseReadWithToken, report, readApis, slackEvents, slackStructured, slackStructured, teams, teams, metaPost, metaVerify, webPages, webForms, health, unknown);

/** CHAOS_FUZZ_RUNS sets any number of requests between the CI and full scales. */
const FUZZ_RUNS = Number(process.env.CHAOS_FUZZ_RUNS ?? scale(250, 100_000));

describe('every HTTP endpoint, fuzzed', () => {
  it('never answers 5xx, and what it refuses changes nothing', async () => {
    const statuses: string[] = [];
    const fiveHundreds: string[] = [];
    const refusedButChanged: string[] = [];
    let previousAccepted = true;
    const runs = FUZZ_RUNS;
    // Every generated request is sent (no stopping and shrinking at the first 5xx), so the figures cover them all.
    for (let done = 0; done < runs; done += 500) {
      if (done > 0 && done % 10_000 === 0) console.log(`CHAOS fuzz progress ${done} sent, ${fiveHundreds.length} 5xx, ${refusedButChanged.length} refused but changed`);
      for (const r of fc.sample(anyRequest, { numRuns: Math.min(500, runs - done), seed: Number(process.env.CHAOS_SEED ?? 42) + done })) {
        const before = previousAccepted ? await settledCounts() : await storeCounts();
        const res = await fetch(`${desk.url}${r.path}`, { method: r.method, headers: r.headers ?? {}, redirect: 'manual', ...(r.body !== undefined ? { body: r.body } : {}) });
        const text = await res.text();
        statuses.push(`${r.endpoint} ${res.status}`);
        if (res.status >= 500) {
          fiveHundreds.push(`${r.endpoint} ${res.status} ${text.slice(0, 200)} <- ${(r.body ?? r.path).slice(0, 3000)}`);
          // Said at once, so a long run's 5xx can be looked into while it goes on.
          console.log(`CHAOS fuzz 5xx ${fiveHundreds.at(-1)}`);
        }
        previousAccepted = res.status < 400;
        const after = res.status >= 400 ? await storeCounts() : before;
        if (after !== before) refusedButChanged.push(`${r.endpoint} ${res.status} ${before} -> ${after} <- ${(r.body ?? r.path).slice(0, 300)}`);
      }
    }
    printFigures('fuzz', { requests: statuses.length, fiveHundreds: fiveHundreds.length, refusedButChanged: refusedButChanged.length, statuses: histogram(statuses) });
    expect(fiveHundreds.slice(0, 20)).toEqual([]);
    expect(refusedButChanged.slice(0, 20)).toEqual([]);
  }, Math.max(timeoutMs(120, 6 * 3_600), FUZZ_RUNS * 100));
});
