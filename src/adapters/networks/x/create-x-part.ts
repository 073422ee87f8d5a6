// Owns building X from configuration: the mentions and DM pollers, the connector, the optional webhook CRC route.
import type { XSettings } from '../../../config/network-settings.js';
import type { Mention } from '../../../domain/mention.js';
import type { DeskContext } from '../../../services/desk-context.js';
import { ingestMentions } from '../../../services/ingest-mentions.js';
import type { NetworkLog, NetworkPart } from '../network-part.js';
import type { AttemptLog } from '../shared/attempt-log.js';
import type { Fetch } from '../shared/call-json.js';
import { createPoller } from '../shared/create-poller.js';
import type { PollCursors } from '../shared/poll-cursors.js';
import { switchedOffConnector } from '../unavailable-connector.js';
import { createXDmPoll } from './poll-x-dms.js';
import { createXMentionsPoll } from './poll-x-mentions.js';
import { createXClient } from './x-client.js';
import { createXConnector } from './x-connector.js';
import { createXCrcRouter, X_WEBHOOK_PATH } from './x-crc-route.js';

export function createXPart(ctx: DeskContext, s: XSettings, cursors: PollCursors, attempts: AttemptLog, log: NetworkLog, fetchFn?: Fetch): NetworkPart {
  const part: NetworkPart = { connectors: [], routers: [], pollers: [], report: [] };
  if (s.consumerSecret) {
    part.routers.push(createXCrcRouter(s.consumerSecret));
    part.report.push(`X webhook CRC ${X_WEBHOOK_PATH}: on (X_CONSUMER_SECRET)`);
  }
  if (!s.bearerToken || !s.userId) {
    part.connectors.push(switchedOffConnector('x', 'X', 'X_BEARER_TOKEN, X_USER_ID and the four X user credentials'));
    part.report.push('X: off — set X_BEARER_TOKEN and X_USER_ID to read mentions (docs/networks.md)');
    return part;
  }
  const client = createXClient({ apiUrl: s.apiUrl, bearerToken: s.bearerToken, user: s.user, clock: ctx.clock, fetch: fetchFn });
  const ingest = (m: Mention[]) => ingestMentions(ctx, m);
  const poll = createXMentionsPoll({ client, userId: s.userId, cursors, clock: ctx.clock, ingest });
  part.pollers.push(createPoller('x-mentions', s.pollSeconds * 1000, poll, log));
  const features = [`block ${s.features.has('block') ? 'on' : 'off'}`, `DMs ${s.features.has('dm') ? 'on' : 'off'}`].join(', ');
  if (s.user) {
    part.connectors.push(createXConnector({ client, userId: s.userId, features: s.features, attempts, clock: ctx.clock }));
    part.report.push(`X: on (mentions of user ${s.userId} every ${s.pollSeconds} s; replies and hiding on; ${features} — X_FEATURES)`);
  } else {
    part.connectors.push(switchedOffConnector('x', 'X', 'X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET'));
    part.report.push(`X: reading only (mentions of user ${s.userId} every ${s.pollSeconds} s) — set X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET to reply and hide`);
  }
  if (s.features.has('dm') && s.user) {
    // DMs are read as the account: X refuses the bearer token on its DM endpoints.
    part.pollers.push(createPoller('x-dms', s.pollSeconds * 1000, createXDmPoll({ client, userId: s.userId, cursors, clock: ctx.clock, ingest }), log));
    part.report.push(`X direct messages: on (read as user ${s.userId} every ${s.pollSeconds} s — X_FEATURES=dm)`);
  } else if (s.features.has('dm')) {
    part.report.push('X direct messages: off — X_FEATURES=dm also needs X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET (X reads DMs only as the account)');
  }
  return part;
}
