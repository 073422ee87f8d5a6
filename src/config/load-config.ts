// The only reader of process.env: validates it once and says, per variable, what is wrong.
import type { z } from 'zod';
import type { ApiToken } from './api-tokens.js';
import { envSchema, type Env } from './env-schema.js';
import { webSettings, type WebSettings } from './web-settings.js';
import { metaSettings, networkCrossChecks, xSettings, type MetaSettings, type RssSettings, type XSettings } from './network-settings.js';

export interface SlackSettings {
  readonly botToken: string;
  readonly signingSecret: string | null;
  readonly appToken: string | null;
  readonly apiUrl: string | null;
  /** The desk's workspace (and Enterprise Grid organisation); unset: learned from auth.test at start. */
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  /** How long a Web API call may take before its outcome counts as unknown (CHAT_REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  /** One chat.postMessage per channel per this many ms (a short burst aside); 0: unpaced. */
  readonly postIntervalMs: number;
}

export interface TeamsSettings {
  readonly appId: string | null;
  readonly appPassword: string | null;
  readonly tenantId: string | null;
  readonly allowUnauthenticated: boolean;
  /** Microsoft Graph root (MICROSOFT_GRAPH_URL): a sovereign cloud's, or a local fake in tests; null = the public one. */
  readonly graphUrl: string | null;
  /** The app's id in the tenant's app catalog (TEAMS_APP_CATALOG_ID); null = looked up by the manifest id. */
  readonly appCatalogId: string | null;
  /** How long a Bot Connector call may take before its outcome counts as unknown (CHAT_REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly policyPath: string | null;
  readonly intakeSecret: string | null;
  /** Who may read cases and the report (hashes only); the intake secret is not one of them. */
  readonly apiTokens: readonly ApiToken[];
  readonly slack: SlackSettings | null;
  readonly teams: TeamsSettings | null;
  /** Facebook and Instagram (always present: each part is on when its variables are set). */
  readonly meta: MetaSettings;
  readonly x: XSettings;
  readonly rss: RssSettings;
  /** The web desk (src/web): on unless WEB_DESK=off. */
  readonly web: WebSettings;
  readonly env: Env;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw = withoutBlanks(env);
  const parsed = envSchema.safeParse(raw);
  // Every problem at once, so a newcomer fixes the environment in one go.
  const problems = parsed.success
    ? [...crossChecks(parsed.data), ...networkCrossChecks(parsed.data)]
    : [...parsed.error.issues.map(describeIssue), ...crossChecks({ ...raw, TEAMS_ALLOW_UNAUTHENTICATED: ['true', '1'].includes(raw['TEAMS_ALLOW_UNAUTHENTICATED'] ?? '') } as Partial<Env>)];
  const web = webSettings(raw, !raw['DATABASE_URL']);
  problems.push(...web.problems);
  if (problems.length || !parsed.success || !web.settings) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DESK_DATA_DIR,
    policyPath: e.DESK_POLICY ?? null,
    intakeSecret: e.INTAKE_SECRET ?? null,
    apiTokens: e.DESK_API_TOKENS,
    slack: slackSettings(e),
    teams: teamsSettings(e),
    meta: metaSettings(e),
    x: xSettings(e),
    rss: { pollSeconds: e.RSS_POLL_SECONDS },
    web: web.settings,
    env: e,
  });
}

function slackSettings(e: Env): SlackSettings | null {
  if (!e.SLACK_BOT_TOKEN) return null;
  return {
    botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET ?? null, appToken: e.SLACK_APP_TOKEN ?? null, apiUrl: e.SLACK_API_URL ?? null,
    teamId: e.SLACK_TEAM_ID ?? null, enterpriseId: e.SLACK_ENTERPRISE_ID ?? null, requestTimeoutMs: e.CHAT_REQUEST_TIMEOUT_MS,
    postIntervalMs: e.SLACK_POST_INTERVAL_MS,
  };
}

function teamsSettings(e: Env): TeamsSettings | null {
  if (!e.MICROSOFT_APP_ID && !e.TEAMS_ALLOW_UNAUTHENTICATED) return null;
  return {
    appId: e.MICROSOFT_APP_ID ?? null,
    appPassword: e.MICROSOFT_APP_PASSWORD ?? null,
    tenantId: e.MICROSOFT_APP_TENANT_ID ?? null,
    allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
    graphUrl: e.MICROSOFT_GRAPH_URL?.replace(/\/+$/, '') ?? null,
    appCatalogId: e.TEAMS_APP_CATALOG_ID ?? null,
    requestTimeoutMs: e.CHAT_REQUEST_TIMEOUT_MS,
  };
}

/** Rules between variables: one line per problem, naming the variable and what it needs. */
function crossChecks(e: Partial<Env>): string[] {
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (a bot token starting xoxb-)');
  }
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD) {
    problems.push('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (the bot\'s client secret)');
  }
  if (e.TEAMS_ALLOW_UNAUTHENTICATED && (e.MICROSOFT_APP_ID || e.MICROSOFT_APP_PASSWORD)) {
    problems.push('TEAMS_ALLOW_UNAUTHENTICATED: refused while MICROSOFT_APP_ID or MICROSOFT_APP_PASSWORD is set; it is for local development only');
  }
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.join('.') || '(environment)';
  return `${name}: ${issue.message}`;
}

/** An empty variable (FOO=) means unset, as most deploy tools write it. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => typeof kv[1] === 'string' && kv[1] !== ''));
}
