// Owns `npm run doctor`'s Teams credentials check: the bot's app id, password and tenant obtain a Bot Framework
// token the way every send obtains it (MSAL client credentials), with what to fix when Entra refuses.
import type { TeamsSettings } from '../../config/load-config.js';
import { failedCall, fine, notConfigured, toFix, type Finding } from '../../services/doctor-finding.js';
import { offlineTeamsTransport } from './check-teams-reach.js';
import type { TeamsTransportOverrides } from './create-teams-graph.js';

/** Entra's error codes a council's admin meets when registering a bot, and what each means for the settings. */
const ENTRA_FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/AADSTS7000215|AADSTS7000222/, 'MICROSOFT_APP_PASSWORD is wrong or has expired: create a new client secret (Certificates & secrets) in the app registration and set its Value (not its ID).'],
  [/AADSTS700016/, 'MICROSOFT_APP_ID is not an application in tenant MICROSOFT_APP_TENANT_ID: check both against the Azure Bot\'s app registration (a single-tenant bot uses the tenant it is registered in).'],
  [/AADSTS90002|AADSTS900023/, 'MICROSOFT_APP_TENANT_ID is not a tenant Entra knows: use the Directory (tenant) ID from the app registration\'s overview.'],
];

export async function checkTeamsCredentials(settings: TeamsSettings | null, overrides: TeamsTransportOverrides = {}): Promise<Finding[]> {
  if (!settings) return [notConfigured('Microsoft Teams: not configured (MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID); nothing to check.')];
  if (settings.allowUnauthenticated) {
    return [toFix('Teams: TEAMS_ALLOW_UNAUTHENTICATED is on: no credentials to check, and anyone who can reach /api/messages is believed.', 'For anything but local development, register the bot in Azure and set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID instead (manifests/teams/README.md).')];
  }
  const what = `Teams: the bot's credentials (app ${settings.appId ?? '?'}, tenant ${settings.tenantId ?? 'not set'})`;
  try {
    const transport = await offlineTeamsTransport(settings, overrides);
    if (!(await transport.app.obtainBotToken())) return [toFix(`${what} obtained no token.`, 'Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.')];
    return [fine(`${what} obtain a Bot Framework token.`)];
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const fix = ENTRA_FIXES.find(([pattern]) => pattern.test(text))?.[1] ?? 'Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID against the Azure Bot\'s app registration, and that this machine can reach login.microsoftonline.com.';
    return [failedCall(`${what} did not obtain a token`, e, fix)];
  }
}
