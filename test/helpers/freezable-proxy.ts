// Owns a TCP proxy in front of PostgreSQL that can "freeze": connections stay open but nothing passes either way,
// as with a network black hole or a frozen VM (no reset, no FIN), which is what makes clients hang.
import net, { type AddressInfo, type Socket } from 'node:net';

export interface FreezableProxy {
  readonly port: number;
  /** From now on, bytes in either direction are dropped and new connections go nowhere. */
  freeze(): void;
  /** New connections pass again (frozen ones stay dead, as after a real black hole). */
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (frozen) return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    let dead = false;
    client.on('data', (chunk) => { if (frozen) dead = true; if (!dead) upstream.write(chunk); });
    upstream.on('data', (chunk) => { if (frozen) dead = true; if (!dead) client.write(chunk); });
    client.on('end', () => { if (!dead) upstream.end(); });
    upstream.on('end', () => { if (!dead) client.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze: () => void (frozen = true),
    thaw: () => void (frozen = false),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
