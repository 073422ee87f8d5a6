// Boots the whole desk (real HTTP, real store of the current test backend) for end-to-end tests.
import { pino } from 'pino';
import { startDesk, type DeskOptions, type RunningDesk } from '../../src/app/start-desk.js';
import { loadConfig } from '../../src/config/load-config.js';
import { hashApiToken } from '../../src/config/api-tokens.js';
import { loadPolicy } from '../../src/config/load-policy.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import type { Db } from '../../src/store/db.js';
import { postSigned, type SignedAnswer } from '../../src/http/post-signed.js';
import { openTestDatabase } from './test-database.js';

export const TEST_INTAKE_SECRET = 'test-intake-secret-0123456789';
/** Read tokens the test desk is configured with (by their hashes): one reads everything, one only the report. */
export const TEST_READ_TOKEN = 'mdt_test-read-token-everything';
export const TEST_REPORT_TOKEN = 'mdt_test-read-token-report-only';
const TEST_API_TOKENS = `tester:cases.read+report.read:${hashApiToken(TEST_READ_TOKEN)},reporter:report.read:${hashApiToken(TEST_REPORT_TOKEN)}`;

export interface TestDesk extends RunningDesk {
  readonly db: Db;
  postMentions(body: unknown, options?: { secret?: string; timestamp?: number; raw?: string }): Promise<SignedAnswer>;
  /** A GET with a read token (TEST_READ_TOKEN unless given; null sends none). */
  read(path: string, token?: string | null, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export interface TestDeskOptions extends Partial<Omit<DeskOptions, 'config' | 'policy' | 'logger' | 'db'>> {
  readonly env?: Record<string, string>;
  readonly policy?: Policy;
  readonly db?: Db;
}

export async function startTestDesk(options: TestDeskOptions = {}): Promise<TestDesk> {
  const db = options.db ?? (await openTestDatabase());
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', INTAKE_SECRET: TEST_INTAKE_SECRET, DESK_API_TOKENS: TEST_API_TOKENS, DATABASE_URL: 'postgres://unused', LOG_LEVEL: 'silent', ...options.env });
  const policy = options.policy ?? (await loadPolicy(null));
  const desk = await startDesk({ ...options, config, policy, logger: pino({ level: 'silent' }), db, startWorker: options.startWorker ?? false });
  return {
    ...desk,
    db,
    postMentions: (body, o = {}) => postSigned(`${desk.url}/api/mentions`, o.raw ?? JSON.stringify(body), o.secret ?? TEST_INTAKE_SECRET, o.timestamp),
    async read(path, token = TEST_READ_TOKEN, headers = {}) {
      const res = await fetch(`${desk.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    async close() {
      await desk.stop();
      if (!options.db) await db.close();
    },
  };
}

let counter = 0;
/** A realistic mention, unique per call unless externalId is given. */
export function sampleMention(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    network: 'facebook',
    externalId: `fb-comment-${process.pid}-${counter}`,
    url: `https://www.facebook.com/examplecouncil/posts/1?comment_id=${counter}`,
    text: 'My bins were not collected again on Elm Road this week. When will someone come?',
    postedAt: '2026-03-27T15:00:00Z',
    kind: 'comment',
    author: { id: `fb-user-${counter}`, name: 'Jo Bloggs', handle: 'jo.bloggs', followers: 120, verified: false },
    ...overrides,
  };
}
