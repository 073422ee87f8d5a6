// The case API and the dashboard's data take the web desk's sign-in as well as scoped read tokens (issue 15):
// anyone signed in reads a case, as the case pages allow; only the dashboard's readers read its data; nobody
// signed in and no token is 401; a token presented is judged as a token whoever is signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/config/load-policy.js';
import { signInAsPolicyPerson, type WebClient } from '../helpers/web-client.js';
import { sampleMention, startTestDesk, TEST_REPORT_TOKEN, type TestDesk } from '../helpers/test-desk.js';

const POLICY_FILE = new URL('../fixtures/policy/test-policy.yml', import.meta.url).pathname;
let t: TestDesk;
let cara: WebClient;
let ana: WebClient;
let caseId: string;

beforeAll(async () => {
  t = await startTestDesk({ policy: await loadPolicy(POLICY_FILE) });
  caseId = (await t.postMentions(sampleMention())).json.caseId;
  cara = await signInAsPolicyPerson(t, 'cara');
  ana = await signInAsPolicyPerson(t, 'ana');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const json = (web: WebClient | null, path: string) =>
  fetch(`${t.url}${path}`, { headers: { accept: 'application/json', ...(web ? { cookie: web.cookie } : {}) } }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));

describe('reading the API signed in to the web desk', () => {
  it('answers a case to anyone signed in, as the case page does', async () => {
    const answer = await json(ana, `/api/cases/${caseId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.case.id).toBe(caseId);
  });

  it('answers the dashboard data to a comms manager, the same as to a report token', async () => {
    const signedIn = await json(cara, '/api/dashboard');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.figures).toEqual((await t.read('/api/dashboard', TEST_REPORT_TOKEN)).json.figures);
    expect(signedIn.body.figures.cases).toBeGreaterThan(0);
    expect((await json(cara, '/api/dashboard/cases')).status).toBe(200);
  });

  it('is 403 for the dashboard data to a comms officer, naming the roles that read it', async () => {
    const refused = await json(ana, '/api/dashboard');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('comms_manager, leadership');
  });

  it('is 401 without a session or a token, and 401 for a session that was ended', async () => {
    expect((await json(null, `/api/cases/${caseId}`)).status).toBe(401);
    expect((await json(null, '/api/dashboard')).status).toBe(401);
    const gone = { ...cara, cookie: 'md_session=not-a-session-anyone-has' } as WebClient;
    expect((await json(gone, '/api/dashboard')).status).toBe(401);
  });

  it('judges a token presented as a token, whoever is signed in', async () => {
    const res = await fetch(`${t.url}/api/cases/${caseId}`, { headers: { cookie: cara.cookie, authorization: `Bearer ${TEST_REPORT_TOKEN}` } });
    expect(res.status).toBe(403);
  });
});
