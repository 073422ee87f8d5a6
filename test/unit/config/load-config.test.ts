// Configuration: read once from the environment, one line per problem naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts with nothing set: port 3000, embedded store in ./.data, default policy, no chat', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, dataDir: './.data', policyPath: null, intakeSecret: null, slack: null, teams: null });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names each wrong variable with what it expects, one line each', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', INTAKE_SECRET: 'short', SLACK_BOT_TOKEN: 'xoxp-user' });
    expect(problems).toHaveLength(5);
    expect(problems).toContain('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    expect(problems.find((p) => p.startsWith('PORT:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/postgres:\/\//);
    expect(problems.find((p) => p.startsWith('INTAKE_SECRET:'))).toMatch(/16 characters/);
    expect(problems.find((p) => p.startsWith('SLACK_BOT_TOKEN:'))).toMatch(/xoxb-/);
  });

  it('keeps an outbox claim 60 s unless DESK_OUTBOX_LEASE_SECONDS says otherwise, and never under 5 s', () => {
    expect(loadConfig({}).env.DESK_OUTBOX_LEASE_SECONDS).toBe(60);
    expect(loadConfig({ DESK_OUTBOX_LEASE_SECONDS: '15' }).env.DESK_OUTBOX_LEASE_SECONDS).toBe(15);
    expect(problemsOf({ DESK_OUTBOX_LEASE_SECONDS: '1' }).find((p) => p.startsWith('DESK_OUTBOX_LEASE_SECONDS:'))).toBeDefined();
  });

  it('needs a signing secret or an app token with a Slack bot token', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toMatch(/^SLACK_SIGNING_SECRET:/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toMatchObject({ appToken: 'xapp-1', signingSecret: null });
  });

  it('refuses unauthenticated Teams while Microsoft credentials are present', () => {
    const problems = problemsOf({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw', TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(problems).toEqual([expect.stringMatching(/^TEAMS_ALLOW_UNAUTHENTICATED: refused/)]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: null, port: 3000 });
  });

  it('says everything in one error message, for the start-up log', () => {
    expect(() => loadConfig({ PORT: '-1' })).toThrow(/Configuration problems:\n {2}- PORT:/);
  });
});

describe('loadConfig, all at once', () => {
  it('reports bad values and missing partners together, so one edit fixes the lot', () => {
    const problems = problemsOf({ PORT: 'abc', MICROSOFT_APP_ID: 'id', TEAMS_ALLOW_UNAUTHENTICATED: 'false' });
    expect(problems).toEqual(['PORT: a port number from 0 to 65535', "MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (the bot's client secret)"]);
  });
});
