// npm run bench:dashboard: the management dashboard's queries on a council-and-beyond history (default
// 1,000,000 generated cases over three years) in real PostgreSQL; prints p50/p95/max per request shape.
// The database is kept (desk_bench_dashboard, or --database NAME) so `-- --reuse` measures again without regenerating.
// The machine is shared and noisy: run it niced, read p95 against the 200 ms target.
import { parseArgs } from 'node:util';
import { BENCH_SERVER_URL } from './bench-setup.js';
import { at, measureDashboard } from './dashboard-phase.js';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'desk_bench_dashboard' }, cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '30' }, reuse: { type: 'boolean', default: false } } });
const serverUrl = BENCH_SERVER_URL;

const result = await measureDashboard({ serverUrl, database: values.database, cases: Number(values.cases), runs: Number(values.runs), reuse: values.reuse, log: console.log });
if (result.generationSeconds !== null) console.log(`generated and loaded in ${result.generationSeconds.toFixed(0)} s`);
console.log(`\n${result.cases.toLocaleString('en-GB')} cases, ${result.events.toLocaleString('en-GB')} events; ${values.runs} runs each after 3 warm-up runs\n`);
console.log('request                               | cases in period | figures p50 / p95 / max (ms) | case list (500) p50 / p95 (ms) | CSV (all) p50 / p95 (ms)');
for (const r of result.requests) {
  console.log(`${r.name.padEnd(37)} | ${String(r.casesInPeriod).padStart(15)} | ${fmt(r.figures)} | ${fmt(r.list)} | ${fmt(r.csv)}`);
}

function fmt(sorted: number[]): string {
  return `${at(sorted, 0.5).toFixed(0)} / ${at(sorted, 0.95).toFixed(0)} / ${sorted[sorted.length - 1]!.toFixed(0)}`.padStart(20);
}
