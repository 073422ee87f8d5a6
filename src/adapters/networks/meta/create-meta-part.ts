// Owns building Facebook and Instagram from configuration: the shared webhook route and each connector.
import type { Log } from '../../../services/log.js';
import type { MetaSettings } from '../../../config/network-settings.js';
import type { Mention } from '../../../domain/mention.js';
import type { DeskContext } from '../../../services/desk-context.js';
import type { NetworkPart } from '../network-part.js';
import type { AttemptLog } from '../../../services/network-state-ports.js';
import type { Fetch } from '../shared/call-json.js';
import type { UnreadableChanges } from '../../../services/network-state-ports.js';
import { switchedOffConnector } from '../unavailable-connector.js';
import { enrichInstagram } from './enrich-instagram.js';
import { createFacebookConnector } from './facebook-connector.js';
import { createGraphClient } from './graph-client.js';
import { createInstagramConnector } from './instagram-connector.js';
import { createMetaWebhookRouter, META_WEBHOOK_PATH } from './meta-webhook-route.js';
import { META_SOURCE, metaReplayReader } from './store-meta-delivery.js';

export function createMetaPart(ctx: DeskContext, s: MetaSettings, attempts: AttemptLog, unreadable: UnreadableChanges, log: Pick<Log, 'info' | 'warn' | 'error'>, fetchFn?: Fetch): NetworkPart {
  const graph = (network: string) => (s.pageToken ? createGraphClient({ baseUrl: s.graphApiUrl, pageToken: s.pageToken, appSecret: s.appSecret, network, clock: ctx.clock, fetch: fetchFn }) : null);
  const fbGraph = graph('Facebook');
  const igGraph = graph('Instagram');
  const enrich = igGraph && s.instagramAccountId ? instagramEnricher(igGraph, s.instagramAccountId, log) : undefined;
  // The replay reader needs no webhook secret: changes kept while the webhook was on can be replayed after.
  const part: NetworkPart = { connectors: [], routers: [], pollers: [], report: [], readers: { [META_SOURCE]: metaReplayReader({ ctx, unreadable, enrich }) } };

  if (fbGraph && s.pageId) {
    part.connectors.push(createFacebookConnector({ graph: fbGraph, pageId: s.pageId, attempts }));
    part.report.push(`Facebook: on (page ${s.pageId}, Graph API ${s.graphApiVersion}): replies, private replies, hide, delete, ban`);
  } else {
    part.connectors.push(switchedOffConnector('facebook', 'Facebook', 'META_PAGE_TOKEN and META_PAGE_ID'));
    part.report.push('Facebook: off — set META_PAGE_TOKEN and META_PAGE_ID to reply and moderate (docs/networks.md)');
  }
  if (igGraph && s.instagramAccountId) {
    part.connectors.push(createInstagramConnector({ graph: igGraph, accountId: s.instagramAccountId, attempts }));
    part.report.push(`Instagram: on (account ${s.instagramAccountId}): replies, hide, delete`);
  } else {
    part.connectors.push(switchedOffConnector('instagram', 'Instagram', 'INSTAGRAM_ACCOUNT_ID (with META_PAGE_TOKEN)'));
    part.report.push('Instagram: off — set INSTAGRAM_ACCOUNT_ID (with META_PAGE_TOKEN) to reply and moderate');
  }

  if (s.appSecret && s.verifyToken) {
    part.routers.push(createMetaWebhookRouter({ ctx, unreadable, appSecret: s.appSecret, verifyToken: s.verifyToken, log, enrich }));
    part.report.push(`Meta webhook ${META_WEBHOOK_PATH}: on (Facebook Page feed and Messenger, Instagram comments and mentions come in here)`);
  } else {
    part.report.push(`Meta webhook ${META_WEBHOOK_PATH}: off — set META_APP_SECRET and META_VERIFY_TOKEN to receive Facebook and Instagram mentions`);
  }
  return part;
}

function instagramEnricher(graph: ReturnType<typeof createGraphClient>, accountId: string, log: Pick<Log, 'info' | 'warn' | 'error'>) {
  return async (mentions: Mention[]): Promise<Mention[]> => {
    const r = await enrichInstagram(graph, accountId, mentions);
    if (r.failures) log.warn({ failures: r.failures }, 'Instagram: could not look up some mentions\' links or texts; stored with placeholders');
    return r.mentions;
  };
}
