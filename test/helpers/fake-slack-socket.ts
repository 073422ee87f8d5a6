// Owns the fake Socket Mode WebSocket endpoint: sends `hello` on connect, pushes envelopes to the
// app and records the app's acks (`{ envelope_id, payload? }`), as Slack's Socket Mode docs describe.
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRecorder } from './recorder.js';

export const SOCKET_PATH = '/link/';

export type SocketEnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** What Slack sends over the socket: the HTTP body moves into `payload`. */
export interface SocketEnvelope {
  envelope_id: string;
  type: SocketEnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** What the app sends back; `payload` carries an ack body (e.g. a slash-command reply). */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  at: Date;
}

export interface FakeSlackSocket {
  readonly acks: readonly SocketAck[];
  readonly openConnections: number;
  send(envelope: SocketEnvelope): void;
  /** Sends `{type:'disconnect', reason}` as Slack does before recycling a connection. */
  sendDisconnect(reason?: 'warning' | 'refresh_requested' | 'link_disabled'): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  waitForConnection(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function attachFakeSlackSocket(server: Server, appId: string): FakeSlackSocket {
  const wss = new WebSocketServer({ server, path: SOCKET_PATH });
  const acks = createRecorder<SocketAck>();
  const connections = createRecorder<WebSocket>();
  const open = new Set<WebSocket>();

  wss.on('connection', (ws) => {
    open.add(ws);
    // Slack pings; the client reconnects when it hears nothing for 30 s.
    const pinger = setInterval(() => ws.ping(), 10_000);
    ws.on('close', () => {
      clearInterval(pinger);
      open.delete(ws);
    });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (typeof message.envelope_id === 'string') {
        acks.push({ envelope_id: message.envelope_id, payload: message.payload, at: new Date() });
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.size,
        debug_info: { host: 'applink-fake-desk', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    connections.push(ws);
  });

  function broadcast(message: unknown): void {
    if (open.size === 0) throw new Error('No Socket Mode client is connected to the fake Slack socket');
    const text = JSON.stringify(message);
    for (const ws of open) ws.send(text);
  }

  return {
    get acks() {
      return acks.items;
    },
    get openConnections() {
      return open.size;
    },
    send: (envelope) => broadcast(envelope),
    sendDisconnect: (reason = 'refresh_requested') =>
      broadcast({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-desk' } }),
    waitForAck: (envelopeId, timeoutMs = 3_000) =>
      acks.waitFor((ack) => ack.envelope_id === envelopeId, timeoutMs, `an ack of envelope ${envelopeId}`),
    waitForConnection: async (timeoutMs = 3_000) => {
      await connections.waitFor((ws) => open.has(ws), timeoutMs, 'a Socket Mode connection');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of open) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
