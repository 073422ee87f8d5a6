// Builds the chat adapters the configuration asks for (Slack, Teams); none is fine too. Each platform's SDK is
// loaded only when it is configured: Bolt and the Teams SDK together are tens of MiB a desk without them never uses.
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createPgCardMessageRepository } from '../store/pg-card-message-repository.js';
import { createPgChannelPacer } from '../store/pg-channel-pacer.js';
import type { TeamsTransportOverrides } from '../adapters/teams/create-teams-adapter.js';
import type { Config } from '../config/load-config.js';
import type { DeskContext } from '../services/desk-context.js';
import type { Sql } from '../store/db.js';
import type { ChatAdapter } from '../services/chat-adapter.js';

export interface ChatAdapterOverrides {
  /** Tests: a loopback Bot Framework issuer and a bot token (see create-teams-adapter.ts). */
  readonly teams?: TeamsTransportOverrides;
}

export async function createChatAdapters(ctx: DeskContext, config: Config, app: Express, log: Logger, db: Sql, overrides: ChatAdapterOverrides = {}): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  // A request we gave up on may still land for as long again as we waited for it.
  const timeoutMs = Math.max(config.slack?.requestTimeoutMs ?? 0, config.teams?.requestTimeoutMs ?? 0);
  const cardMessages = createPgCardMessageRepository(db, timeoutMs > 0 ? { landingGraceSeconds: (2 * timeoutMs) / 1000 } : {});
  if (config.slack) {
    const pacer = createPgChannelPacer(db, ctx.clock, { intervalMs: config.slack.postIntervalMs });
    const { createSlackAdapter } = await import('../adapters/slack/create-slack-adapter.js');
    adapters.push(await createSlackAdapter(ctx, config.slack, app, log.child({ surface: 'slack' }), { cardMessages, pacer }));
  }
  if (config.teams) {
    const { createTeamsAdapter } = await import('../adapters/teams/create-teams-adapter.js');
    const { createPgConversationRefRepository } = await import('../adapters/teams/pg-conversation-ref-repository.js');
    const refs = createPgConversationRefRepository(db);
    adapters.push(await createTeamsAdapter(ctx, config.teams, app, log.child({ surface: 'teams' }), { cardMessages, refs, ...(overrides.teams ? { transport: overrides.teams } : {}) }));
  }
  return adapters;
}
