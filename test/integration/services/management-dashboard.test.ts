// The dashboard's figures come from SQL over the event log; here the same events are read back and every
// figure is computed again in plain TypeScript (test/helpers/dashboard-in-js.ts), on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseHistory, insertCaseHistory } from '../../../bench/generate-case-history.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { CaseEvent } from '../../../src/domain/events.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { createWorkingCalendar, type WorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { dashboardCases, dashboardQuery, managementDashboard, type DashboardRequest } from '../../../src/services/management-dashboard.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { jsDashboard, tally, type MentionFacts } from '../../helpers/dashboard-in-js.js';
import { openTestDatabase } from '../../helpers/test-database.js';

// Three weeks of history over the autumn clock change, read at a "now" a day after the last opening.
const FROM = new Date('2026-10-12T00:00:00Z');
const TO = new Date('2026-11-02T00:00:00Z');
const NOW = new Date('2026-11-03T12:00:00Z');
const BACKLOG_POSTED = new Date('2026-09-07T09:00:00Z');

let db: Db;
let policy: Policy;
let calendar: WorkingCalendar;
let ctx: DeskContext;
let events: CaseEvent[];
let mentions: Map<string, MentionFacts>;

beforeAll(async () => {
  db = await openTestDatabase();
  policy = await loadPolicy(null);
  calendar = createWorkingCalendar(policy.calendar);
  const store = createPgStore(db);
  ctx = { store, clock: { now: () => NOW }, policy, calendar, surfaces: [], newId: () => 'unused' };
  // Seven posts on one topic written a minute apart five weeks before they came in and were opened (a backlog):
  // a surge by when they were posted, far before the period its cases are counted in.
  const generated = [...generateCaseHistory({ cases: 600, from: FROM, to: TO, seed: 15, calendar })].map((g, i) =>
    i >= 200 && i < 207 ? { ...g, mention: { ...g.mention, topic: ' Old Backlog', postedAt: new Date(BACKLOG_POSTED.getTime() + (i - 200) * 60_000) } } : g);
  await insertCaseHistory(db, generated, 1);
  events = (await db.query<{ body: CaseEvent }>('SELECT body FROM events ORDER BY seq')).rows.map((r) => r.body);
  const rows = (await db.query<{ id: string; topic: string | null; posted_at: Date }>('SELECT id, topic, posted_at FROM mentions')).rows;
  mentions = new Map(rows.map((r) => [r.id, { topic: r.topic, postedAt: new Date(r.posted_at) }]));
}, 60_000);

afterAll(async () => {
  await db?.close();
});

const REQUESTS: Array<[string, DashboardRequest]> = [
  ['the whole three weeks', { from: '2026-10-12', to: '2026-11-01' }],
  ['the last 7 days by default', {}],
  ['one service on one network', { from: '2026-10-12', to: '2026-11-01', service: 'waste', network: 'facebook' }],
  ['complaints only, over the clock change', { from: '2026-10-24', to: '2026-10-27', kind: 'complaint' }],
  ['cases nobody classified', { from: '2026-10-12', to: '2026-11-01', service: 'unclassified' }],
];

describe('the management dashboard computed in SQL', () => {
  it.each(REQUESTS)('agrees with the same figures computed from the events in TypeScript: %s', async (_name, request) => {
    const report = await managementDashboard(ctx, request);
    const { query } = dashboardQuery(ctx, request);
    const js = jsDashboard(policy, calendar, events, mentions, query.filter, NOW);
    const f = report.figures;
    expect(f.cases).toBe(js.cases);
    expect(f.cases).toBeGreaterThan(0);
    expect(tally(f.byDayAndNetwork.flatMap((d) => Array(d.count).fill(`${d.day}|${d.network}`)))).toEqual(js.byDayAndNetwork);
    expect(asRecord(f.byKind)).toEqual(js.byKind);
    expect(asRecord(f.byService)).toEqual(js.byService);
    expect(asRecord(f.byRisk)).toEqual(js.byRisk);
    expect(asRecord(f.bySentiment)).toEqual(js.bySentiment);
    expect(Object.fromEntries(f.byHour.map((h) => [`${h.weekday}|${h.hour}`, h.count]))).toEqual(js.byHour);
    expect(withoutZeros(f.firstResponse.outcomes)).toEqual(js.responses);
    expect(f.firstResponse.replied).toBe(js.replied);
    expect(f.firstResponse.medianWorkingMinutes).toBeCloseTo(js.median!, 0);
    expect(f.firstResponse.p90WorkingMinutes).toBeCloseTo(js.p90!, 0);
    expect(Object.fromEntries(f.escalations.map((e) => [e.target, { raised: e.raised, acknowledged: e.acknowledged, declined: e.declined }])))
      .toEqual(Object.fromEntries(Object.entries(js.escalations).map(([k, v]) => [k, { raised: v.raised, acknowledged: v.acknowledged, declined: v.declined }])));
    for (const e of f.escalations) {
      expect(e.medianAckMinutes ?? -1).toBeCloseTo(js.escalations[e.target]!.median ?? -1, 0);
      expect(e.p90AckMinutes ?? -1).toBeCloseTo(js.escalations[e.target]!.p90 ?? -1, 0);
    }
    expect(asRecord(f.moderationByAction)).toEqual(js.moderation);
    expect(f.surges.map(({ topic, startedAt, endedAt }) => ({ topic, startedAt, endedAt }))).toEqual(js.surges);
    expect(f.signposting.replies).toBe(js.signpostedReplies);
    expect(asRecord(f.signposting.byKind)).toEqual(js.signpostByKind);
    expect(asRecord(f.signposting.byService)).toEqual(js.signpostByService);
    expect(f.holdingLinesAgreed).toBe(js.holdingLinesAgreed);
  });

  it('finds surges, breaches, escalations of every kind and moderation in the generated history', async () => {
    const f = (await managementDashboard(ctx, { from: '2026-10-12', to: '2026-11-01' })).figures;
    expect(f.surges.length).toBeGreaterThan(0);
    expect(f.surges.filter((s) => s.topic === 'old backlog')).toEqual([
      { topic: 'old backlog', startedAt: new Date(BACKLOG_POSTED.getTime() + 5 * 60_000).toISOString(), endedAt: new Date(BACKLOG_POSTED.getTime() + 6 * 60_000).toISOString(), peak: 7 },
    ]);
    expect(f.firstResponse.outcomes.met).toBeGreaterThan(0);
    expect(f.firstResponse.outcomes.missed).toBeGreaterThan(0);
    expect(f.escalations.map((e) => e.target).sort()).toEqual(['leadership', 'safeguarding', 'service_lead']);
    expect(f.moderationByRung.map((m) => m.key).sort()).toEqual(['block', 'remove', 'reverse', 'warn']);
    expect(f.signposting.byKind.map((k) => k.key).sort()).toEqual(['report_online', 'signpost']);
    expect(f.signposting.byService.length).toBeGreaterThan(1);
    expect(f.holdingLinesAgreed).toBeGreaterThan(0);
  });

  it('counts a signposted reply once when the network took it twice, and not at all when it was turned down', async () => {
    const request = { from: '2026-10-12', to: '2026-11-01' };
    const f = (await managementDashboard(ctx, request)).figures;
    const { filter } = dashboardQuery(ctx, request).query;
    const inPeriod = (e: CaseEvent) => events.some((o) => o.caseId === e.caseId && o.type === 'case.opened' && Date.parse(o.at) >= filter.from.getTime() && Date.parse(o.at) < filter.to.getTime());
    const asked = events.filter((e): e is CaseEvent<'case.reply.requested'> => e.type === 'case.reply.requested' && !!e.data.signpost && inPeriod(e));
    const sentIds = new Set(events.filter((e): e is CaseEvent<'case.reply.sent'> => e.type === 'case.reply.sent').map((e) => e.data.replyId));
    const rejected = asked.filter((e) => !sentIds.has(e.data.replyId));
    expect(rejected.length).toBeGreaterThan(0);
    expect(f.signposting.replies).toBe(asked.length - rejected.length);
  });

  it('counts only agreed holding lines, not agreed replies nor a request for more', async () => {
    const f = (await managementDashboard(ctx, { from: '2026-10-12', to: '2026-11-01' })).figures;
    const answers = events.filter((e): e is CaseEvent<'case.leadership.answered'> => e.type === 'case.leadership.answered');
    expect(answers.some((a) => a.data.answer === 'more')).toBe(true);
    expect(f.holdingLinesAgreed).toBeLessThan(answers.filter((a) => a.data.answer === 'agree').length);
  });

  it('lists behind each bar exactly the cases the bar counts, with the same working minutes', async () => {
    const request = { from: '2026-10-12', to: '2026-11-01' };
    const f = (await managementDashboard(ctx, request)).figures;
    const js = jsDashboard(policy, calendar, events, mentions, dashboardQuery(ctx, request).query.filter, NOW);
    const bars: Array<[Parameters<typeof dashboardCases>[2] & object, number]> = [
      ...f.byKind.map((k) => [{ dimension: 'kind' as const, value: k.key }, k.count] as [{ dimension: 'kind'; value: string }, number]),
      ...f.bySentiment.map((k) => [{ dimension: 'sentiment' as const, value: k.key }, k.count] as [{ dimension: 'sentiment'; value: string }, number]),
      [{ dimension: 'response', value: 'missed' }, f.firstResponse.outcomes.missed],
      [{ dimension: 'day', value: f.byDayAndNetwork[0]!.day }, f.byDayAndNetwork.filter((d) => d.day === f.byDayAndNetwork[0]!.day).reduce((n, d) => n + d.count, 0)],
      [{ dimension: 'hour', value: '10' }, f.byHour.filter((h) => h.hour === 10).reduce((n, h) => n + h.count, 0)],
    ];
    for (const [drill, count] of bars) expect((await dashboardCases(ctx, request, drill, null)).cases, `${drill.dimension}=${drill.value}`).toHaveLength(count);
    const all = (await dashboardCases(ctx, request, null, null)).cases;
    expect(all).toHaveLength(js.cases);
    const jsMinutes = new Map(js.rows.map((x) => [x.c.id, x.workingMinutes]));
    for (const row of all) {
      if (row.workingMinutesToReply === null) expect(jsMinutes.get(row.id)).toBeNull();
      else expect(row.workingMinutesToReply).toBeCloseTo(jsMinutes.get(row.id)!, 0);
    }
  });
});

function asRecord(counts: ReadonlyArray<{ key: string; count: number }>): Record<string, number> {
  return Object.fromEntries(counts.map((c) => [c.key, c.count]));
}

function withoutZeros(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v > 0));
}
