// GET /api/cases/:id: a case with its mention and full event history, for people without a chat surface yet.
// Signed like intake, with the request path standing in for the body (a GET has none).
import express, { type Router } from 'express';
import type { DeskContext } from '../services/desk-context.js';
import { verifyIntakeSignature } from './verify-intake-signature.js';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createCaseRouter(ctx: DeskContext, secret: string): Router {
  const router = express.Router();
  router.get('/api/cases/:id', async (req, res, next) => {
    const verdict = verifyIntakeSignature(
      secret,
      { timestamp: req.get('x-desk-timestamp'), signature: req.get('x-desk-signature') },
      Buffer.from(req.originalUrl),
      Math.floor(ctx.clock.now().getTime() / 1000),
    );
    if (!verdict.ok) return void res.status(401).json({ error: 'unauthorized', message: verdict.reason });
    // A case id is letters, digits and dashes (MD-1042); anything else (a %00 PostgreSQL cannot compare) is the caller's mistake.
    if (!CASE_ID.test(req.params.id)) return void res.status(400).json({ error: 'invalid', errors: [{ path: 'id', message: 'must be a case id such as MD-1042' }] });
    try {
      const c = await ctx.store.cases.get(req.params.id);
      if (!c) return void res.status(404).json({ error: 'not_found', message: `There is no case ${req.params.id}.` });
      const mention = await ctx.store.mentions.get(c.mentionId);
      const events = await ctx.store.events.forCase(c.id);
      res.json({ case: c, mention: mention?.mention ?? null, events: events.map((e) => ({ seq: e.seq, id: e.id, hash: e.hash, ...e.event })) });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
