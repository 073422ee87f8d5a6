// Builds the network connectors, webhook routes and pollers the configuration asks for.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createMetaPart } from '../adapters/networks/meta/create-meta-part.js';
import type { NetworkPart } from '../adapters/networks/network-part.js';
import { createRssPart } from '../adapters/networks/rss/create-rss-part.js';
import { createPgAttemptLog } from '../store/pg-attempt-log.js';
import type { Fetch } from '../adapters/networks/shared/call-json.js';
import { createPgPollCursors } from '../store/pg-poll-cursors.js';
import { createPoller, type MakePoller } from '../adapters/networks/shared/create-poller.js';
import { createPgPollLease } from '../store/pg-poll-leases.js';
import { createPgUnreadableChanges } from '../store/pg-unreadable-changes.js';
import { replyOnNetworkConnector } from '../adapters/networks/unavailable-connector.js';
import { createXPart } from '../adapters/networks/x/create-x-part.js';
import type { Config } from '../config/load-config.js';
import type { DeskContext } from '../services/desk-context.js';
import type { Sql } from '../store/db.js';
import type { NetworkAdapters } from './network-adapter.js';

/** Routes are mounted on `app` here, each with its own body parser (Bolt needs the raw stream). */
export async function createNetworkAdapters(ctx: DeskContext, config: Config, app: Express, log: Logger, db: Sql, fetchFn?: Fetch): Promise<NetworkAdapters> {
  const cursors = createPgPollCursors(db, ctx.clock);
  const attempts = createPgAttemptLog(db, ctx.clock);
  const unreadable = createPgUnreadableChanges(db, ctx.clock);
  // One replica polls each source at a time; the others stand by and take over if it stops renewing.
  const lease = createPgPollLease(db, `desk-${process.pid}-${randomUUID().slice(0, 8)}`);
  const makePoller: MakePoller = (name, intervalMs, poll) => createPoller(name, intervalMs, poll, log, lease);
  const parts: NetworkPart[] = [
    createMetaPart(ctx, config.meta, attempts, unreadable, log, fetchFn),
    createXPart(ctx, config.x, cursors, attempts, unreadable, log, makePoller, fetchFn),
    createRssPart(ctx, config.rss, cursors, log, makePoller, fetchFn),
  ];
  for (const router of parts.flatMap((p) => p.routers)) app.use(router);
  const connectors = parts.flatMap((p) => p.connectors);
  const direct = new Set(connectors.map((c) => c.network));
  // Networks that come in through /api/mentions or a feed: the card links there, and a reply
  // that reaches the outbox anyway is refused with what to do, never retried.
  const elsewhere = Object.entries(ctx.policy.networks).filter(([name]) => !direct.has(name));
  for (const [name, capability] of elsewhere) connectors.push(replyOnNetworkConnector(name, capability.displayName));
  const report = parts.flatMap((p) => p.report);
  if (elsewhere.length) report.push(`Through /api/mentions (reply on the network itself): ${elsewhere.map(([, c]) => c.displayName).join(', ')}`);
  const readers = Object.assign({}, ...parts.map((p) => p.readers ?? {})) as NetworkAdapters['readers'];
  return { connectors, pollers: parts.flatMap((p) => p.pollers), report, unreadable, readers };
}
