// The start-up report: where it listens, where the data is, which platforms are on, what is missing.
import { describeApiToken } from '../config/api-tokens.js';
import type { Config } from '../config/load-config.js';
import type { RunningDesk } from './start-desk.js';

export function describeStartup(config: Config, desk: RunningDesk): string[] {
  const lines = [`Mention Desk listening on http://localhost:${desk.port}`];
  lines.push(config.databaseUrl ? 'Store: PostgreSQL (DATABASE_URL)' : `Store: embedded PGlite in ${config.dataDir} (set DATABASE_URL to use a PostgreSQL server)`);
  lines.push(`Policy: ${config.policyPath ?? 'built-in default (set DESK_POLICY to your council\'s policy file; npm run policy:check FILE)'}`);
  const secret = desk.intakeSecret;
  if (!secret) lines.push('Intake /api/mentions: OFF — set INTAKE_SECRET (at least 16 characters) to sign intake requests');
  else if (secret.source === 'env') lines.push('Intake /api/mentions: on (INTAKE_SECRET)');
  else lines.push(`Intake /api/mentions: on, with a local secret kept in ${secret.file} (set INTAKE_SECRET for production)`);
  lines.push(describeReadApi(config, desk));
  const slack = desk.adapters.find((a) => a.surface === 'slack');
  lines.push(slack ? `Slack: on, ${slack.description}` : 'Slack: not configured — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  const teams = desk.adapters.find((a) => a.surface === 'teams');
  lines.push(teams ? `Microsoft Teams: on, ${teams.description}` : 'Microsoft Teams: not configured — set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID');
  lines.push(...desk.networks.report);
  if (!slack && !teams) lines.push(desk.web ? 'No chat platform is configured: the cases are on the web desk (below).' : 'No chat platform is configured: mentions are stored and visible through the event log, but nobody is shown a card yet.');
  lines.push(describeWebDesk(config, desk));
  return lines;
}

function describeReadApi(config: Config, desk: RunningDesk): string {
  const named = config.apiTokens.map(describeApiToken);
  const local = desk.localApiToken ? [`a local token kept in ${desk.localApiToken.file} (for npm run case on this machine)`] : [];
  if (!named.length && !local.length) return 'Read API /api/cases, /api/report: OFF — set DESK_API_TOKENS (npm run token -- NAME cases.read+report.read)';
  return `Read API /api/cases, /api/report: on, for ${[...named, ...local].join('; ')}`;
}

function describeWebDesk(config: Config, desk: RunningDesk): string {
  if (!desk.web) return 'Web desk: OFF (WEB_DESK=off)';
  const ways = [config.web.oidc ? `sign-in with ${config.web.oidc.identity === 'slack' ? 'Slack' : 'Microsoft Entra ID'}` : null, config.web.localSignIn !== 'off' ? `a one-time local link (${config.web.localSignIn === 'loopback' ? 'from this machine only' : 'from anywhere'})` : null].filter(Boolean);
  return `Web desk: on at ${config.web.publicUrl ?? `http://localhost:${desk.port}`}/ (${ways.length ? ways.join(' or ') : 'no way to sign in: set OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or WEB_LOCAL_SIGN_IN'})`;
}
