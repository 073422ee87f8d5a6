// The Dockerfile's steps without Docker (no daemon here): the built dist/ and the package files in a clean folder,
// a production install from the npm cache (no dev dependencies, no install scripts), then `node dist/main.js` on
// this run's store answering /readyz with the default policy and the migrations found from dist/, intake and
// /metrics working, a clean stop on SIGTERM, and the production CLIs run from dist/.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../../src/config/api-tokens.js';
import { postSigned } from '../../src/http/post-signed.js';
import { processStore, startDeskProcess, type ProcessStore } from '../helpers/desk-process.js';
import { sampleMention } from '../helpers/test-desk.js';

const run = promisify(execFile);
const SECRET = 'production-build-intake-secret';
const METRICS_TOKEN = 'mdt_production-build-metrics-token';
let dir: string;
let store: ProcessStore;
let installSeconds: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-prod-'));
  // CI may hand over the dist/ it has already built; otherwise build into the clean folder, as the build stage does.
  if (process.env.DESK_BUILT_DIST) cpSync(process.env.DESK_BUILT_DIST, join(dir, 'dist'), { recursive: true });
  else await run(process.execPath, ['scripts/build.mjs', '--out', join(dir, 'dist')], { timeout: 180_000 });
  for (const f of ['package.json', 'package-lock.json', 'migrations']) cpSync(f, join(dir, f), { recursive: true });
  const started = Date.now();
  await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, timeout: 300_000 });
  installSeconds = (Date.now() - started) / 1000;
  console.log(`production install (npm ci --omit=dev --prefer-offline --ignore-scripts): ${installSeconds.toFixed(1)} s`);
  store = await processStore();
}, 600_000);

afterAll(async () => {
  await store?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cli = (script: string, args: string[] = []) =>
  run(process.execPath, [`dist/cli/${script}.js`, ...args], { cwd: dir, env: { ...process.env, ...store.env, LOG_LEVEL: 'silent' }, timeout: 120_000 });

describe('the production steps (as the Dockerfile runs them)', () => {
  it('installs the production dependencies only: no tsx, TypeScript or test tools', () => {
    for (const dev of ['tsx', 'typescript', 'vitest', 'fast-check', 'autocannon']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);
    for (const dep of ['prom-client', 'pg', '@electric-sql/pglite', '@slack/bolt']) expect(existsSync(join(dir, 'node_modules', dep)), dep).toBe(true);
    expect(existsSync(join(dir, 'dist', 'policy', 'default-policy.yml'))).toBe(true);
  });

  it(`runs node dist/main.js on the store: /readyz 200, intake, /metrics, and exit 0 on SIGTERM`, async () => {
    const p = startDeskProcess({ ...store.env, INTAKE_SECRET: SECRET, DESK_API_TOKENS: `prometheus:metrics:${hashApiToken(METRICS_TOKEN)}` }, { cwd: dir, entry: 'dist' });
    try {
      const url = await p.listening(120_000);
      // The report's lines may reach the pipe in more than one write after the listening line.
      await expect.poll(() => p.output(), { timeout: 15_000 }).toContain('Policy: built-in default');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const answer = await postSigned(`${url}/api/mentions`, JSON.stringify(sampleMention()), SECRET);
      expect(answer.status).toBe(202);
      const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('desk_intake_mentions_total{outcome="new"} 1');
      // The web desk's templates and browser files come from dist/ and GOV.UK Frontend from the production install.
      const signIn = await fetch(`${url}/sign-in`);
      expect(signIn.status).toBe(200);
      expect(await signIn.text()).toContain('Sign in to Mention Desk');
      for (const file of ['/web-assets/govuk-frontend.min.css', '/web-assets/desk.js', '/assets/images/favicon.svg']) expect((await fetch(`${url}${file}`)).status, file).toBe(200);
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
    expect(p.output()).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
  }, 180_000);

  it('runs the production CLIs from dist/: migrate, audit:verify, token, doctor', async () => {
    expect((await cli('migrate')).stdout).toMatch(/up to date, nothing to apply/);
    expect((await cli('audit-verify')).stdout).toMatch(/^chain intact: \d+ events/);
    expect((await cli('create-api-token', ['prometheus', 'metrics'])).stdout).toMatch(/mdt_[A-Za-z0-9_-]{40,}[\s\S]*prometheus:metrics:[0-9a-f]{64}/);
    expect((await cli('doctor')).stdout).toMatch(/Nothing to fix\.$/m);
  }, 180_000);
});
