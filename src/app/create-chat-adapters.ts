// Builds the chat adapters the configuration asks for (Slack, Teams); none is fine too.
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createPgCardMessageRepository } from '../store/pg-card-message-repository.js';
import { createPgChannelPacer } from '../store/pg-channel-pacer.js';
import { createSlackAdapter } from '../adapters/slack/create-slack-adapter.js';
import { createTeamsAdapter, type TeamsTransportOverrides } from '../adapters/teams/create-teams-adapter.js';
import { createPgConversationRefRepository } from '../adapters/teams/pg-conversation-ref-repository.js';
import type { Config } from '../config/load-config.js';
import type { DeskContext } from '../services/desk-context.js';
import type { Sql } from '../store/db.js';
import type { ChatAdapter } from './chat-adapter.js';

export interface ChatAdapterOverrides {
  /** Tests: a loopback Bot Framework issuer and a bot token (see create-teams-adapter.ts). */
  readonly teams?: TeamsTransportOverrides;
}

export async function createChatAdapters(ctx: DeskContext, config: Config, app: Express, log: Logger, db: Sql, overrides: ChatAdapterOverrides = {}): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  const cardMessages = createPgCardMessageRepository(db);
  if (config.slack) {
    const pacer = createPgChannelPacer(db, ctx.clock, { intervalMs: config.slack.postIntervalMs });
    adapters.push(await createSlackAdapter(ctx, config.slack, app, log.child({ surface: 'slack' }), { cardMessages, pacer }));
  }
  if (config.teams) {
    const refs = createPgConversationRefRepository(db);
    adapters.push(await createTeamsAdapter(ctx, config.teams, app, log.child({ surface: 'teams' }), { cardMessages, refs, ...(overrides.teams ? { transport: overrides.teams } : {}) }));
  }
  return adapters;
}
