// Owns measuring the management dashboard (issue 15's goal: every dashboard query p95 ≤ 200 ms at 1,000,000
// cases) on generated history in real PostgreSQL: per request shape, the figures, a case list of 500 and the
// whole CSV. The database is kept under its name so a later run can measure again without generating.
import pg from 'pg';
import { loadPolicy } from '../src/config/load-policy.js';
import { createWorkingCalendar, type WorkingCalendar } from '../src/policy/working-calendar.js';
import type { DeskContext } from '../src/services/desk-context.js';
import { dashboardCases, managementDashboard, type DashboardRequest } from '../src/services/management-dashboard.js';
import { createPgStore } from '../src/store/create-pg-store.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres, withoutTimeouts } from '../src/store/open-postgres.js';
import { generateCaseHistory, insertCaseHistory, type GeneratedCase } from './generate-case-history.js';

export const DASHBOARD_GOAL_MS = 200;
const FROM = new Date('2023-12-01T00:00:00Z');
const NOW = new Date('2026-12-01T12:00:00Z');

export const DASHBOARD_REQUESTS: Array<[string, DashboardRequest]> = [
  ['last 7 days (the default)', {}],
  ['last 7 days, waste on facebook', { service: 'waste', network: 'facebook' }],
  ['last 30 days', { from: '2026-11-02', to: '2026-12-01' }],
  ['last 30 days, complaints', { from: '2026-11-02', to: '2026-12-01', kind: 'complaint' }],
  ['a quarter (91 days)', { from: '2026-09-02', to: '2026-12-01' }],
];

export interface DashboardPhaseOptions {
  readonly serverUrl: string;
  readonly database: string;
  readonly cases: number;
  readonly runs: number;
  /** Measure the kept database when it already holds `cases` cases, instead of generating again. */
  readonly reuse: boolean;
  readonly log?: (line: string) => void;
}

/** Milliseconds, sorted ascending. */
export interface RequestTimings {
  readonly name: string;
  readonly casesInPeriod: number;
  readonly figures: number[];
  readonly list: number[];
  readonly csv: number[];
}

export interface DashboardPhaseResult {
  readonly cases: number;
  readonly events: number;
  /** Seconds spent generating and loading, null when the kept database was measured. */
  readonly generationSeconds: number | null;
  readonly requests: RequestTimings[];
}

export async function measureDashboard(o: DashboardPhaseOptions): Promise<DashboardPhaseResult> {
  const log = o.log ?? (() => undefined);
  const url = await prepareDatabase(o.serverUrl, o.database, o.reuse);
  const db = openPostgres(url, { max: 10, applicationName: 'mention-desk-bench', queryTimeoutMs: 60_000 });
  try {
    const policy = await loadPolicy(null);
    const calendar = createWorkingCalendar(policy.calendar);
    const ctx: DeskContext = { store: createPgStore(db), clock: { now: () => NOW }, policy, calendar, surfaces: [], newId: () => 'unused' };
    let generationSeconds: number | null = null;
    if (!o.reuse || (await count(db, 'cases')) < o.cases) {
      const started = Date.now();
      await fill(db, calendar, o.cases, log);
      generationSeconds = (Date.now() - started) / 1000;
    }
    const requests: RequestTimings[] = [];
    for (const [name, request] of DASHBOARD_REQUESTS) {
      const figures = await measure(() => managementDashboard(ctx, request), o.runs);
      const list = await measure(() => dashboardCases(ctx, request, null, 500), o.runs);
      const csv = await measure(() => dashboardCases(ctx, request, null, null), Math.min(o.runs, 5));
      requests.push({ name, casesInPeriod: (await managementDashboard(ctx, request)).figures.cases, figures, list, csv });
    }
    return { cases: await count(db, 'cases'), events: await count(db, 'events'), generationSeconds, requests };
  } finally {
    await db.close();
  }
}

/** The value at or above a share p (0–1) of a sorted list. */
export function at(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

async function measure(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function fill(db: Db, calendar: WorkingCalendar, cases: number, log: (line: string) => void): Promise<void> {
  await db.query('TRUNCATE mentions, cases CASCADE').catch(() => undefined);
  let batch: GeneratedCase[] = [];
  let seq = 1;
  let done = 0;
  const started = Date.now();
  for (const g of generateCaseHistory({ cases, from: FROM, to: NOW, seed: 1, calendar })) {
    batch.push(g);
    if (batch.length < 2000) continue;
    seq = await insertCaseHistory(db, batch, seq);
    done += batch.length;
    batch = [];
    if (done % 50_000 === 0) log(`generated ${done.toLocaleString('en-GB')} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // The case facts' triggers plan their reads by the tables' statistics: without autovacuum (the test server
    // runs without) a growing table still looks empty, and each batch's refresh would read it whole.
    if (done === 10_000 || done % 100_000 === 0) await withoutTimeouts(db, (d) => d.query('ANALYZE mentions, cases, events'));
  }
  if (batch.length) await insertCaseHistory(db, batch, seq);
  await withoutTimeouts(db, async (d) => {
    for (const table of ['mentions', 'cases', 'events', 'case_facts']) await d.query(`VACUUM ANALYZE ${table}`);
  });
}

/** A fresh database unless reusing; the same one kept between runs. Migrations bring a kept one up to date. */
async function prepareDatabase(serverUrl: string, name: string, reuse: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists && !reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    if (!exists || !reuse) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), { max: 1 });
  // A kept database's new tables were just filled by their migration: without statistics its plans would be guesses.
  await withoutTimeouts(db, (d) => migrate(d).then(() => d.query('VACUUM ANALYZE case_facts')));
  await db.close();
  return url.toString();
}

async function count(db: Db, table: 'cases' | 'events'): Promise<number> {
  return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
}

/** The dashboard's lines for npm run bench: figures p95 per request shape and overall, against the 200 ms goal. */
export function reportDashboard(r: DashboardPhaseResult, report: (goal: string, figure: string, ceiling: string, ratio: string) => void): void {
  const goal = `${DASHBOARD_GOAL_MS} ms (goal)`;
  const line = (name: string, sorted: readonly number[]) => {
    const p95 = at(sorted, 0.95);
    report(name, `${at(sorted, 0.5).toFixed(0)} / ${p95.toFixed(0)} ms`, goal, `${(p95 / DASHBOARD_GOAL_MS).toFixed(2)} (goal ≤ 1)`);
  };
  const loaded = r.generationSeconds === null ? 'kept database' : `generated in ${r.generationSeconds.toFixed(0)} s`;
  console.log(`    dashboard on ${r.cases.toLocaleString('en-GB')} cases (${r.events.toLocaleString('en-GB')} events, ${loaded}); figures p50 / p95:`);
  for (const q of r.requests) line(`dashboard: ${q.name} (${q.casesInPeriod} cases)`, q.figures);
  line('dashboard: every request shape together', r.requests.flatMap((q) => q.figures).sort((a, b) => a - b));
  line('dashboard: case lists of 500, every shape', r.requests.flatMap((q) => q.list).sort((a, b) => a - b));
}
