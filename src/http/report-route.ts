// GET /api/report?from=YYYY-MM-DD&to=YYYY-MM-DD: the management report as JSON, signed like intake (path and query as the body).
import express, { type Router } from 'express';
import { z } from 'zod';
import type { DeskContext } from '../services/desk-context.js';
import { managementReport } from '../services/management-report.js';
import { verifyIntakeSignature } from './verify-intake-signature.js';

const querySchema = z.object({ from: z.iso.date(), to: z.iso.date() }).refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export function createReportRouter(ctx: DeskContext, secret: string): Router {
  const router = express.Router();
  router.get('/api/report', async (req, res, next) => {
    const verdict = verifyIntakeSignature(secret, { timestamp: req.get('x-desk-timestamp'), signature: req.get('x-desk-signature') }, Buffer.from(req.originalUrl), Math.floor(ctx.clock.now().getTime() / 1000));
    if (!verdict.ok) return void res.status(401).json({ error: 'unauthorized', message: verdict.reason });
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
