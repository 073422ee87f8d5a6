// /healthz: the process answers. /readyz: the store is reachable and migrated.
import express, { type Router } from 'express';
import type { Store } from '../services/ports.js';

export function createHealthRouter(store: Store): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => void res.json({ ok: true }));
  router.get('/readyz', async (_req, res) => {
    const r = await store.ready().catch((e: Error) => ({ ok: false, detail: e.message }));
    res.status(r.ok ? 200 : 503).json(r);
  });
  return router;
}
