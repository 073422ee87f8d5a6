// The one HTTP server: intake, health, and whatever chat and network adapters mount on it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createErrorHandler } from './error-handler.js';

export interface HttpServer {
  readonly app: Express;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /** Mount error handling last, after every adapter has added its routes. */
  finish(): void;
}

export function createHttpServer(log: { error: (obj: unknown, msg?: string) => void }): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  let server: Server | null = null;
  return {
    app,
    finish: () => void app.use(createErrorHandler(log)),
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server = createServer(app);
        server.once('error', reject);
        server.listen(port, host, () => resolve((server!.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
