// /healthz: the process answers. /readyz: the store is reachable and migrated, answered within a second, and the
// desk is not stopping (a load balancer stops sending work before the server stops taking it).
import express, { type Router } from 'express';
import type { Store } from '../services/ports.js';

/** A load balancer asking "ready?" needs an answer, not a hang: a store slower than this is not ready. */
const READY_WITHIN_MS = 900;

export function createHealthRouter(store: Store, readyWithinMs = READY_WITHIN_MS, stopping: () => boolean = () => false): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => void res.json({ ok: true }));
  router.get('/readyz', async (_req, res) => {
    if (stopping()) return void res.status(503).json({ ok: false, detail: 'stopping: finishing the requests in hand' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ ok: boolean; detail: string }>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `the store did not answer within ${readyWithinMs} ms` }), readyWithinMs);
    });
    const r = await Promise.race([store.ready().catch((e: Error) => ({ ok: false, detail: e.message })), late]);
    clearTimeout(timer);
    res.status(r.ok ? 200 : 503).json(r);
  });
  return router;
}
