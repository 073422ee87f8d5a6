// Owns building X from configuration: the mentions and DM pollers, the connector, the optional webhook CRC route.
import type { Log } from '../../../services/log.js';
import type { XSettings } from '../../../config/network-settings.js';
import type { Mention } from '../../../domain/mention.js';
import type { DeskContext } from '../../../services/desk-context.js';
import { ingestMentions } from '../../../services/ingest-mentions.js';
import type { NetworkPart } from '../network-part.js';
import type { AttemptLog } from '../../../services/network-state-ports.js';
import type { Fetch } from '../shared/call-json.js';
import type { MakePoller } from '../shared/create-poller.js';
import type { PollCursors } from '../../../services/network-state-ports.js';
import type { ReplayReader } from '../shared/replay-unreadable.js';
import type { UnreadableChanges } from '../../../services/network-state-ports.js';
import { switchedOffConnector } from '../unavailable-connector.js';
import { parseXMentions, type XMentionsPage } from './parse-x-mentions.js';
import { createXDmPoll } from './poll-x-dms.js';
import { createXMentionsPoll } from './poll-x-mentions.js';
import { createXClient } from './x-client.js';
import { createXConnector } from './x-connector.js';
import { createXCrcRouter, X_WEBHOOK_PATH } from './x-crc-route.js';

export const X_SOURCE = 'x';

export function createXPart(ctx: DeskContext, s: XSettings, cursors: PollCursors, attempts: AttemptLog, unreadable: UnreadableChanges, log: Pick<Log, 'info' | 'warn' | 'error'>, makePoller: MakePoller, fetchFn?: Fetch): NetworkPart {
  const ingest = (m: Mention[]) => ingestMentions(ctx, m);
  const part: NetworkPart = { connectors: [], routers: [], pollers: [], report: [], readers: s.userId ? { [X_SOURCE]: xReplayReader(s.userId, ingest) } : {} };
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
  const keepUnreadable = async (post: { reason: string; raw: string }) => {
    await unreadable.keep({ source: X_SOURCE, network: 'x', ...post });
    log.warn({ reason: post.reason }, 'X: a post the desk could not read was kept (npm run unreadable -- list)');
  };
  const poll = createXMentionsPoll({ client, userId: s.userId, cursors, clock: ctx.clock, ingest, keepUnreadable });
  part.pollers.push(makePoller('x-mentions', s.pollSeconds * 1000, poll));
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
    part.pollers.push(makePoller('x-dms', s.pollSeconds * 1000, createXDmPoll({ client, userId: s.userId, cursors, clock: ctx.clock, ingest })));
    part.report.push(`X direct messages: on (read as user ${s.userId} every ${s.pollSeconds} s — X_FEATURES=dm)`);
  } else if (s.features.has('dm')) {
    part.report.push('X direct messages: off — X_FEATURES=dm also needs X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET (X reads DMs only as the account)');
  }
  return part;
}

/** A kept post read again (npm run unreadable -- replay): stored if today's parser reads it. */
function xReplayReader(userId: string, ingest: (m: Mention[]) => Promise<Array<{ duplicate: boolean }>>): ReplayReader {
  return async (raw) => {
    const { mentions, unreadable } = parseXMentions(JSON.parse(raw) as XMentionsPage, userId);
    if (unreadable.length) return { unreadable: unreadable.map((u) => u.reason).join('; ') };
    const outcomes = mentions.length ? await ingest(mentions) : [];
    return { stored: outcomes.length, fresh: outcomes.filter((x) => !x.duplicate).length };
  };
}
