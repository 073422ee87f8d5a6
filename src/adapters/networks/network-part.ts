// Owns the shape each network's builder hands the composition root: connectors, routes, pollers, report lines.
import type { Router } from 'express';
import type { NetworkConnector } from '../../services/ports.js';
import type { Poller } from './shared/create-poller.js';
import type { ReplayReader } from './shared/replay-unreadable.js';

export interface NetworkPart {
  readonly connectors: NetworkConnector[];
  readonly routers: Router[];
  readonly pollers: Poller[];
  readonly report: string[];
  /** Per source ("meta"): reads a kept unreadable change again, for npm run unreadable -- replay. */
  readonly readers?: Readonly<Record<string, ReplayReader>>;
}

