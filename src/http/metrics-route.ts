// GET /metrics: the desk's figures in Prometheus' text format, for a bearer token with the metrics scope.
import express, { type Router } from 'express';
import type { Registry } from 'prom-client';
import type { ApiToken } from '../config/api-tokens.js';
import { requireApiToken } from './require-api-token.js';

export function createMetricsRouter(tokens: readonly ApiToken[], registry: Registry, refresh: () => Promise<void>): Router {
  const router = express.Router();
  router.get('/metrics', requireApiToken(tokens, 'metrics'), async (_req, res, next) => {
    try {
      await refresh();
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    } catch (e) {
      next(e);
    }
  });
  return router;
}
