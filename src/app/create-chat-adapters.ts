// Builds the chat adapters the configuration asks for (Slack, Teams); none is fine too.
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createPgCardMessageRepository } from '../store/pg-card-message-repository.js';
import { createSlackAdapter } from '../adapters/slack/create-slack-adapter.js';
import type { Config } from '../config/load-config.js';
import type { DeskContext } from '../services/desk-context.js';
import type { Sql } from '../store/db.js';
import type { ChatAdapter } from './chat-adapter.js';

export async function createChatAdapters(ctx: DeskContext, config: Config, app: Express, log: Logger, db: Sql): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.slack) {
    adapters.push(await createSlackAdapter(ctx, config.slack, app, log.child({ surface: 'slack' }), { cardMessages: createPgCardMessageRepository(db) }));
  }
  return adapters;
}
