// npm run bench:dashboard: the management dashboard's queries on a council-and-beyond history (default
// 1,000,000 generated cases over three years) in real PostgreSQL; prints p50/p95/max per request shape.
// The database is kept (desk_bench_dashboard, or --database NAME) so `-- --reuse` measures again without regenerating.
// The machine is shared and noisy: run it niced, read p95 against the 200 ms target.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadPolicy } from '../src/config/load-policy.js';
import { createWorkingCalendar } from '../src/policy/working-calendar.js';
import type { DeskContext } from '../src/services/desk-context.js';
import { dashboardCases, managementDashboard, type DashboardRequest } from '../src/services/management-dashboard.js';
import { createPgStore } from '../src/store/create-pg-store.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres, withoutTimeouts } from '../src/store/open-postgres.js';
import { generateCaseHistory, insertCaseHistory, type GeneratedCase } from './generate-case-history.js';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'desk_bench_dashboard' }, cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '30' }, reuse: { type: 'boolean', default: false } } });
const CASES = Number(values.cases);
const RUNS = Number(values.runs);
const FROM = new Date('2023-12-01T00:00:00Z');
const NOW = new Date('2026-12-01T12:00:00Z');
const NAME = values.database;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const REQUESTS: Array<[string, DashboardRequest]> = [
  ['last 7 days (the default)', {}],
  ['last 7 days, waste on facebook', { service: 'waste', network: 'facebook' }],
  ['last 30 days', { from: '2026-11-02', to: '2026-12-01' }],
  ['last 30 days, complaints', { from: '2026-11-02', to: '2026-12-01', kind: 'complaint' }],
  ['a quarter (91 days)', { from: '2026-09-02', to: '2026-12-01' }],
];

async function main(): Promise<void> {
  const url = await prepareDatabase();
  const db = openPostgres(url, { max: 10, applicationName: 'mention-desk-bench', queryTimeoutMs: 60_000 });
  const policy = await loadPolicy(null);
  const calendar = createWorkingCalendar(policy.calendar);
  const ctx: DeskContext = { store: createPgStore(db), clock: { now: () => NOW }, policy, calendar, surfaces: [], newId: () => 'unused' };
  if (!values.reuse || (await countCases(db)) < CASES) await fill(db, calendar);
  const total = await countCases(db);
  console.log(`\n${total.toLocaleString('en-GB')} cases, ${(await countEvents(db)).toLocaleString('en-GB')} events; ${RUNS} runs each after 3 warm-up runs\n`);
  console.log('request                               | cases in period | figures p50 / p95 / max (ms) | case list (500) p50 / p95 (ms) | CSV (all) p50 / p95 (ms)');
  for (const [name, request] of REQUESTS) {
    const figures = await measure(() => managementDashboard(ctx, request));
    const list = await measure(() => dashboardCases(ctx, request, null, 500));
    const csv = await measure(() => dashboardCases(ctx, request, null, null), Math.min(RUNS, 5));
    const cases = (await managementDashboard(ctx, request)).figures.cases;
    console.log(`${name.padEnd(37)} | ${String(cases).padStart(15)} | ${fmt(figures)} | ${fmt(list)} | ${fmt(csv)}`);
  }
  await db.close();
}

async function measure(run: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function fmt(sorted: number[]): string {
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.toFixed(0);
  return `${at(0.5)} / ${at(0.95)} / ${sorted[sorted.length - 1]!.toFixed(0)}`.padStart(20);
}

async function fill(db: ReturnType<typeof openPostgres>, calendar: ReturnType<typeof createWorkingCalendar>): Promise<void> {
  await db.query('TRUNCATE mentions, cases CASCADE').catch(() => undefined);
  let batch: GeneratedCase[] = [];
  let seq = 1;
  let done = 0;
  const started = Date.now();
  for (const g of generateCaseHistory({ cases: CASES, from: FROM, to: NOW, seed: 1, calendar })) {
    batch.push(g);
    if (batch.length < 2000) continue;
    seq = await insertCaseHistory(db, batch, seq);
    done += batch.length;
    batch = [];
    if (done % 50_000 === 0) console.log(`generated ${done.toLocaleString('en-GB')} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (batch.length) await insertCaseHistory(db, batch, seq);
  await withoutTimeouts(db, (d) => d.query('VACUUM ANALYZE mentions; ').then(() => d.query('VACUUM ANALYZE cases')).then(() => d.query('VACUUM ANALYZE events')));
}

/** A fresh database on --reuse-less runs; the same one kept between runs. */
async function prepareDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount === 1;
    if (exists && !values.reuse) await admin.query(`DROP DATABASE ${NAME} WITH (FORCE)`);
    if (!exists || !values.reuse) await admin.query(`CREATE DATABASE ${NAME}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${NAME}`;
  const db = openPostgres(url.toString(), { max: 1 });
  await withoutTimeouts(db, (d) => migrate(d));
  await db.close();
  return url.toString();
}

async function countCases(db: ReturnType<typeof openPostgres>): Promise<number> {
  return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]?.n ?? 0);
}

async function countEvents(db: ReturnType<typeof openPostgres>): Promise<number> {
  return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n ?? 0);
}

await main();
