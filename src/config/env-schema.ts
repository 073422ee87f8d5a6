// The environment variables Mention Desk reads, with what each expects (README "Configuration").
import { z } from 'zod';
import { apiTokensSchema } from './api-tokens.js';

const optionalText = z.string().trim().min(1).optional();
const url = z.url().optional();
const flag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  PORT: z.coerce.number('a port number from 0 to 65535').int('a whole port number').min(0, 'a port number from 0 to 65535').max(65535, 'a port number from 0 to 65535').default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL').optional(),
  DESK_DATA_DIR: z.string().default('./.data'),
  DESK_POLICY: optionalText,
  INTAKE_SECRET: z.string().min(16, 'at least 16 characters (a long random string)').optional(),
  /** Named read tokens for /api/cases and /api/report: name:scope+scope:sha256hex, comma-separated. */
  DESK_API_TOKENS: apiTokensSchema,
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'a bot token starting xoxb-').optional(),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'an app-level token starting xapp-').optional(),
  SLACK_API_URL: url,
  SLACK_TEAM_ID: z.string().regex(/^T[A-Z0-9]{2,}$/, 'a Slack workspace id such as T0123ABCD').optional(),
  /** Slack takes one message a second per channel; the desk posts no faster (0 turns pacing off, for a fake Slack in tests). */
  SLACK_POST_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SLACK_ENTERPRISE_ID: z.string().regex(/^E[A-Z0-9]{2,}$/, 'an Enterprise Grid organisation id such as E0123ABCD').optional(),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  TEAMS_ALLOW_UNAUTHENTICATED: flag,
  MICROSOFT_GRAPH_URL: url,
  TEAMS_APP_CATALOG_ID: optionalText,
  META_APP_SECRET: optionalText,
  META_VERIFY_TOKEN: optionalText,
  META_PAGE_TOKEN: optionalText,
  META_GRAPH_API_URL: url,
  META_GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'a Graph API version such as v25.0').optional(),
  META_PAGE_ID: z.string().regex(/^\d+$/, 'the numeric id of the Facebook Page').optional(),
  INSTAGRAM_ACCOUNT_ID: z.string().regex(/^\d+$/, 'the numeric id of the Instagram professional account').optional(),
  X_BEARER_TOKEN: optionalText,
  X_API_URL: url,
  X_USER_ID: z.string().regex(/^\d+$/, "the numeric id of the council's X account").optional(),
  X_POLL_SECONDS: z.coerce.number().int().min(15, 'at least 15 (X rate-limits the mentions timeline)').default(120),
  X_FEATURES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((f) => f.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['block', 'dm'], 'a comma-separated list of: block, dm'))),
  X_CONSUMER_KEY: optionalText,
  X_CONSUMER_SECRET: optionalText,
  X_ACCESS_TOKEN: optionalText,
  X_ACCESS_TOKEN_SECRET: optionalText,
  /** On SIGTERM: how long /readyz says no while requests are still taken, so a load balancer stops sending first. */
  DESK_DRAIN_SECONDS: z.coerce.number('a number of seconds').min(0).max(120).default(0),
  /** Then: how long requests already being answered get to finish before their connections are cut. */
  DESK_STOP_GRACE_SECONDS: z.coerce.number('a number of seconds').min(0).max(120).default(8),
  /**
   * How long an outbox item claimed by a desk stays its own: a desk that dies mid-item (SIGKILL, a lost node) leaves
   * its items to the others, or to its next start, only after this. Longer than a chat call may take (three
   * CHAT_REQUEST_TIMEOUT_MS: the call, then the wait before looking for a message that may still land).
   */
  DESK_OUTBOX_LEASE_SECONDS: z.coerce.number('a number of seconds').int().min(5).max(3600).default(60),
  RSS_POLL_SECONDS: z.coerce.number().int().min(60, 'at least 60 (be kind to the sites you watch)').default(900),
  CHAT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(200, 'at least 200').max(120_000, 'at most 120000 (two minutes)').default(10_000),
});

export type Env = z.infer<typeof envSchema>;
