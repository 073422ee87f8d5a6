// Owns `npm run doctor`'s Facebook and Instagram section: the page token (with appsecret_proof when the app secret
// is set) reads the page and the Instagram account through the same Graph client the connectors act with.
import type { MetaSettings } from '../../../config/network-settings.js';
import type { Clock } from '../../../services/ports.js';
import { failedCall, fine, notConfigured, toFix, type Finding } from '../../../services/doctor-finding.js';
import type { Fetch } from '../shared/call-json.js';
import { createGraphClient } from './graph-client.js';

const NEW_TOKEN = 'Generate a long-lived Page access token for the page (docs/networks.md, Facebook) and set META_PAGE_TOKEN; if META_APP_SECRET is set, it must be the secret of the app the token was made with.';

export async function checkMetaAccess(s: MetaSettings, clock: Clock, fetchFn?: Fetch): Promise<Finding[]> {
  if (!s.pageToken) return [notConfigured('Facebook and Instagram: META_PAGE_TOKEN not set; the desk cannot reply or moderate there; nothing to check.')];
  const graph = (network: string) => createGraphClient({ baseUrl: s.graphApiUrl, pageToken: s.pageToken as string, appSecret: s.appSecret, network, clock, fetch: fetchFn });
  const findings: Finding[] = [];
  if (!s.pageId) findings.push(toFix('Facebook: META_PAGE_TOKEN is set but META_PAGE_ID is not, so Facebook stays off.', 'Set META_PAGE_ID to the numeric id of the council\'s Page (Page → About → Page transparency, or the token debugger).'));
  else findings.push(await readObject(graph('Facebook'), `Facebook: the page token (Graph API ${s.graphApiVersion}) for page ${s.pageId}`, s.pageId, 'id,name'));
  if (s.instagramAccountId) findings.push(await readObject(graph('Instagram'), `Instagram: the page token for account ${s.instagramAccountId}`, s.instagramAccountId, 'id,username'));
  return findings;
}

async function readObject(graph: ReturnType<typeof createGraphClient>, what: string, id: string, fields: string): Promise<Finding> {
  try {
    const found = await graph.get<{ id?: string; name?: string; username?: string }>(`/${id}`, { fields });
    return fine(`${what} works: it reads ${found.name ?? (found.username ? `@${found.username}` : found.id ?? id)}.`);
  } catch (e) {
    return failedCall(what, e, NEW_TOKEN);
  }
}
