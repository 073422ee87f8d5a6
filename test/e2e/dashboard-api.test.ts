// The dashboard as data behind the scoped read tokens: the figures, a bar's cases and the CSV over real
// HTTP; the weekly digest scheduled at start and posted to leadership on every surface through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseHistory, insertCaseHistory } from '../../bench/generate-case-history.js';
import { hashApiToken } from '../../src/config/api-tokens.js';
import { managementDashboard } from '../../src/services/management-dashboard.js';
import { runWeeklyDigest } from '../../src/services/weekly-digest.js';
import { startTestDesk, TEST_REPORT_TOKEN, type TestDesk } from '../helpers/test-desk.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const CASES_ONLY_TOKEN = 'mdt_test-read-token-cases-only';
let t: TestDesk;

beforeAll(async () => {
  t = await startTestDesk({ clock: { now: () => NOW }, env: { DESK_API_TOKENS: `reporter:report.read:${hashApiToken(TEST_REPORT_TOKEN)},caseworker:cases.read:${hashApiToken(CASES_ONLY_TOKEN)}` } });
  await insertCaseHistory(t.db, [...generateCaseHistory({ cases: 250, from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z'), seed: 3, calendar: t.ctx.calendar })], 1_000_000);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('the dashboard API', () => {
  it('answers the figures for a report.read token, the same as the service computes them', async () => {
    const answer = await t.read('/api/dashboard?from=2026-11-23&to=2026-11-29&network=x', TEST_REPORT_TOKEN);
    expect(answer.status).toBe(200);
    const expected = await managementDashboard(t.ctx, { from: '2026-11-23', to: '2026-11-29', network: 'x' });
    expect(answer.json).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(answer.json.figures.cases).toBeGreaterThan(0);
    expect(answer.json.figures.byDayAndNetwork.every((d: { network: string }) => d.network === 'x')).toBe(true);
  });

  it('answers the replies sent from a ready reply, by kind and service, and the holding lines agreed', async () => {
    const figures = (await t.read('/api/dashboard?from=2026-11-16&to=2026-11-29', TEST_REPORT_TOKEN)).json.figures;
    expect(figures.signposting.replies).toBeGreaterThan(0);
    const total = (counts: Array<{ count: number }>) => counts.reduce((n, c) => n + c.count, 0);
    expect(total(figures.signposting.byKind)).toBe(figures.signposting.replies);
    expect(total(figures.signposting.byService)).toBe(figures.signposting.replies);
    expect(figures.holdingLinesAgreed).toEqual(expect.any(Number));
  });

  it('defaults to the last 7 days', async () => {
    const answer = await t.read('/api/dashboard', TEST_REPORT_TOKEN);
    expect(answer.json.period).toEqual({ from: '2026-11-24', to: '2026-11-30' });
  });

  it('is 401 without a token and 403 for a token without report.read', async () => {
    expect((await t.read('/api/dashboard', null)).status).toBe(401);
    const refused = await t.read('/api/dashboard/cases.csv', CASES_ONLY_TOKEN);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('report.read');
  });

  it('lists the cases behind a bar, as many as the bar counts', async () => {
    const figures = (await t.read('/api/dashboard?from=2026-11-16&to=2026-11-29', TEST_REPORT_TOKEN)).json.figures;
    const missed = figures.firstResponse.outcomes.missed;
    const list = await t.read('/api/dashboard/cases?from=2026-11-16&to=2026-11-29&dimension=response&value=missed', TEST_REPORT_TOKEN);
    expect(list.json.cases).toHaveLength(missed);
    expect(list.json.cases.every((c: { response: string }) => c.response === 'missed')).toBe(true);
  });

  it('names the field of a wrong query in a 400', async () => {
    const bad = await t.read('/api/dashboard/cases?from=2026-11-30&to=2026-11-01&dimension=colour&value=red', TEST_REPORT_TOKEN);
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toContain('to');
    const half = await t.read('/api/dashboard/cases?dimension=kind', TEST_REPORT_TOKEN);
    expect(half.status).toBe(400);
    expect(half.json.errors[0].path).toBe('value');
  });

  it('exports the filtered cases as CSV, one row each, nobody’s words or identity in it', async () => {
    const res = await fetch(`${t.url}/api/dashboard/cases.csv?from=2026-11-16&to=2026-11-29&kind=complaint`, { headers: { authorization: `Bearer ${TEST_REPORT_TOKEN}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('mention-desk-cases-2026-11-16-to-2026-11-29.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    const figures = (await t.read('/api/dashboard?from=2026-11-16&to=2026-11-29&kind=complaint', TEST_REPORT_TOKEN)).json.figures;
    expect(lines).toHaveLength(figures.cases + 1);
    expect(lines.slice(1).every((l) => l.split(',')[5] === 'complaint')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/author|generated/);
  });
});

describe('the weekly digest', () => {
  it('is scheduled at start for Monday’s first opening', async () => {
    const jobs = (await t.db.query<{ key: string; run_at: Date }>(`SELECT key, run_at FROM outbox WHERE kind = 'clock.digest'`)).rows;
    expect(jobs.map((j) => j.key)).toEqual(['clock:digest:2026-12-07']);
    expect(new Date(jobs[0]!.run_at).toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });

  it('posts last week’s headline figures and a dashboard link to leadership on each surface, once, and schedules the next', async () => {
    const ctx = { ...t.ctx, surfaces: ['slack', 'teams'] as const };
    const job = { key: 'clock:digest:2026-11-30', payload: { weekOf: '2026-11-30' } };
    const done = await runWeeklyDigest(ctx, job, 'https://desk.example.gov.uk/dashboard');
    await runWeeklyDigest(ctx, job, 'https://desk.example.gov.uk/dashboard');
    expect(done).toMatchObject({ posted: 2, period: { from: '2026-11-23', to: '2026-11-29' }, next: 'clock:digest:2026-12-07' });
    const notices = (await t.db.query<{ payload: { surface: string; audience: string; text: string } }>(`SELECT payload FROM outbox WHERE key LIKE 'digest:%' ORDER BY key`)).rows.map((r) => r.payload);
    expect(notices.map((n) => [n.surface, n.audience])).toEqual([['slack', 'leadership'], ['teams', 'leadership']]);
    const report = await managementDashboard(t.ctx, { from: '2026-11-23', to: '2026-11-29' });
    const text = notices[0]!.text;
    expect(text).toContain(`${report.headline.cases} cases`);
    expect(text).toContain(`${report.headline.breaches} breached`);
    expect(text).toContain(`Surges: ${report.headline.surges}.`);
    expect(text).toContain('The dashboard: https://desk.example.gov.uk/dashboard?from=2026-11-23&to=2026-11-29');
  });
});
