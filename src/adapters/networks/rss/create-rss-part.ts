// Owns building the RSS/Atom watch from the policy's feeds, and the connectors for networks answered on the network itself.
import type { Log } from '../../../services/log.js';
import type { RssSettings } from '../../../config/network-settings.js';
import type { DeskContext } from '../../../services/desk-context.js';
import { ingestMentions } from '../../../services/ingest-mentions.js';
import type { NetworkPart } from '../network-part.js';
import type { Fetch } from '../shared/call-json.js';
import type { MakePoller } from '../shared/create-poller.js';
import type { PollCursors } from '../../../services/network-state-ports.js';
import { createFeedPoll } from './poll-feeds.js';

export function createRssPart(ctx: DeskContext, s: RssSettings, cursors: PollCursors, log: Pick<Log, 'info' | 'warn' | 'error'>, makePoller: MakePoller, fetchFn?: Fetch): NetworkPart {
  const feeds = ctx.policy.feeds;
  if (!feeds.length) return { connectors: [], routers: [], pollers: [], report: ['RSS/Atom watch: no feeds — list them under feeds: in the policy file'] };
  const poll = createFeedPoll({ feeds, councilName: ctx.policy.council.name, cursors, clock: ctx.clock, fetch: fetchFn, log, ingest: (m) => ingestMentions(ctx, m) });
  return {
    connectors: [],
    routers: [],
    pollers: [makePoller('rss', s.pollSeconds * 1000, poll)],
    report: [`RSS/Atom watch: on (${feeds.length} feed${feeds.length === 1 ? '' : 's'} every ${s.pollSeconds} s: ${feeds.map((f) => f.name).join(', ')})`],
  };
}
