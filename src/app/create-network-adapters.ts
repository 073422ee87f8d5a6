// Builds the network connectors, webhook routes and pollers the configuration asks for.
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { DeskContext } from '../services/desk-context.js';
import type { NetworkAdapters } from './network-adapter.js';

export async function createNetworkAdapters(_ctx: DeskContext, _config: Config, _app: Express, _log: Logger): Promise<NetworkAdapters> {
  return { connectors: [], pollers: [], report: [] };
}
