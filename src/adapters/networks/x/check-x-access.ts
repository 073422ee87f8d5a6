// Owns `npm run doctor`'s X section: the bearer token reads the council's mentions as the poller reads them, and
// the user-context keys (replying, hiding, DMs) belong to the council's account, through the desk's own X client.
import type { XSettings } from '../../../config/network-settings.js';
import type { Clock } from '../../../services/ports.js';
import { failedCall, fine, notConfigured, toFix, type Finding } from '../../../services/doctor-finding.js';
import type { Fetch } from '../shared/call-json.js';
import { createXClient } from './x-client.js';

export async function checkXAccess(s: XSettings, clock: Clock, fetchFn?: Fetch): Promise<Finding[]> {
  if (!s.bearerToken && !s.user) return [notConfigured('X: not configured (X_BEARER_TOKEN and X_USER_ID); nothing to check.')];
  const client = createXClient({ apiUrl: s.apiUrl, bearerToken: s.bearerToken, user: s.user, clock, fetch: fetchFn });
  const findings: Finding[] = [];
  if (!s.userId) findings.push(toFix('X: X_USER_ID is not set, so no mentions are read.', 'Set X_USER_ID to the numeric id of the council\'s X account.'));
  else if (s.bearerToken) {
    try {
      await client.read(`/2/users/${s.userId}/mentions`, { max_results: '5' });
      findings.push(fine(`X: the bearer token reads the mentions of account ${s.userId}.`));
    } catch (e) {
      findings.push(failedCall('X: the bearer token could not read mentions', e, 'Regenerate the Bearer Token in the X developer portal (Keys and tokens) and set X_BEARER_TOKEN; reading mentions needs the Basic tier or above.'));
    }
  }
  if (s.user) findings.push(await checkUserContext(client, s.userId));
  else findings.push(notConfigured('X: no user-context keys (X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET): replies and hiding are done on x.com.'));
  return findings;
}

async function checkUserContext(client: ReturnType<typeof createXClient>, userId: string | null): Promise<Finding> {
  try {
    const me = await client.readAsUser<{ data?: { id?: string; username?: string } }>('/2/users/me');
    const id = me.data?.id;
    if (userId && id !== userId) {
      return toFix(`X: the access token acts as @${me.data?.username ?? '?'} (${id ?? '?'}), not the council's account ${userId}.`, 'Generate X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET while signed in as the council\'s account, or correct X_USER_ID.');
    }
    return fine(`X: the user-context keys act as @${me.data?.username ?? '?'} (${id ?? '?'}): replying and hiding work.`);
  } catch (e) {
    return failedCall('X: the user-context keys were refused', e, 'Regenerate the access token and secret (read and write) for the council\'s account and set X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET, with the app\'s X_CONSUMER_KEY and X_CONSUMER_SECRET.');
  }
}
