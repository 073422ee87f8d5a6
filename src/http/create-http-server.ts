// The one HTTP server: intake, health, and whatever chat and network adapters mount on it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createErrorHandler } from './error-handler.js';
import { trackInFlight, type InFlight } from './in-flight-requests.js';

export interface HttpServer {
  readonly app: Express;
  listen(port: number, host?: string): Promise<number>;
  /**
   * Stops accepting connections, lets requests already being answered finish for up to graceMs, then cuts
   * whatever is left. Without graceMs, cuts at once.
   */
  close(graceMs?: number): Promise<void>;
  /** Mount error handling last, after every adapter has added its routes. */
  finish(): void;
  /** From now on /readyz says no and every answer asks the client to close its connection. */
  drain(): void;
  readonly draining: boolean;
  /** Requests being answered now. */
  readonly inFlight: number;
}

export function createHttpServer(log: { error: (obj: unknown, msg?: string) => void }): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  let server: Server | null = null;
  let tracked: InFlight | null = null;
  let draining = false;
  // A kept-alive connection would otherwise carry new requests past the drain.
  app.use((_req, res, next) => {
    if (draining) res.set('Connection', 'close');
    next();
  });
  return {
    app,
    finish: () => void app.use(createErrorHandler(log)),
    drain: () => void (draining = true),
    get draining() {
      return draining;
    },
    get inFlight() {
      return tracked?.count ?? 0;
    },
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server = createServer(app);
        tracked = trackInFlight(server);
        server.once('error', reject);
        server.listen(port, host, () => resolve((server!.address() as AddressInfo).port));
      }),
    close: async (graceMs = 0) => {
      if (!server) return;
      draining = true;
      const s = server;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      await tracked?.settled(graceMs);
      s.closeAllConnections();
      await closed;
    },
  };
}
