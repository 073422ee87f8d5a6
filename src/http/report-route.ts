// GET /api/report?from=YYYY-MM-DD&to=YYYY-MM-DD: the management report as JSON, for a read token with report.read.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { DeskContext } from '../services/desk-context.js';
import { managementReport } from '../services/management-report.js';
import type { ApiToken } from '../config/api-tokens.js';
import { requireApiToken } from './require-api-token.js';

const querySchema = z.object({ from: z.iso.date(), to: z.iso.date() }).refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export function createReportRouter(ctx: DeskContext, tokens: readonly ApiToken[]): Router {
  const router = express.Router();
  router.get('/api/report', requireApiToken(tokens, 'report.read'), async (req, res, next) => {
    const query = querySchema.safeParse(req.query);
    if (!query.success) return void res.status(400).json({ error: 'invalid', errors: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    try {
      res.json(await managementReport(ctx, query.data.from, query.data.to));
    } catch (e) {
      next(e);
    }
  });
  return router;
}
