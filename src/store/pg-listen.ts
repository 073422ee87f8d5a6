// Owns LISTEN on PostgreSQL: one dedicated connection per listener, reconnected when it drops, so
// notifications from every replica (NOTIFY is delivered to all listeners on the database) keep coming.
import pg from 'pg';

export type StopListening = () => Promise<void>;

const RECONNECT_AFTER_MS = 1_000;

/** `onResumed`: listening again after the connection dropped; what was notified in between was not heard. */
export async function listenOnPostgres(config: pg.ClientConfig, channel: string, onPayload: (payload: string) => void, onResumed?: () => void): Promise<StopListening> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client(config);
    c.on('notification', (n) => { if (n.channel === channel) onPayload(n.payload ?? ''); });
    // A dropped connection is reopened; notifications sent meanwhile are missed, which the listener is told.
    c.on('error', () => reconnect(c));
    c.on('end', () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  };
  const reconnect = (c: pg.Client) => {
    if (stopped || client !== c || timer) return;
    client = null;
    c.end().catch(() => {});
    timer = setTimeout(() => {
      timer = null;
      connect().then(() => onResumed?.(), () => reconnect(c));
    }, RECONNECT_AFTER_MS);
    timer.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await (client as pg.Client | null)?.end().catch(() => {});
  };
}
