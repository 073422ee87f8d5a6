// GET /api/cases/:id: a case with its mention and full event history, for people without a chat surface yet.
// Residents' words: only a read token with the cases.read scope, or a web desk sign-in, opens it (never the intake secret).
import express, { type Router } from 'express';
import type { ApiToken } from '../config/api-tokens.js';
import type { DeskContext } from '../services/desk-context.js';
import { requireApiToken, type SessionAccess } from './require-api-token.js';

/** A case id is letters, digits and dashes (MD-1042); anything else (a %00 PostgreSQL cannot compare) is the caller's mistake. */
const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createCaseRouter(ctx: DeskContext, tokens: readonly ApiToken[], session: SessionAccess | null = null): Router {
  const router = express.Router();
  router.get('/api/cases/:id', requireApiToken(tokens, 'cases.read', session), async (req, res, next) => {
    const id = String(req.params.id);
    if (!CASE_ID.test(id)) return void res.status(400).json({ error: 'invalid', errors: [{ path: 'id', message: 'must be a case id such as MD-1042' }] });
    try {
      const c = await ctx.store.cases.get(id);
      if (!c) return void res.status(404).json({ error: 'not_found', message: `There is no case ${id}.` });
      const mention = await ctx.store.mentions.get(c.mentionId);
      const events = await ctx.store.events.forCase(c.id);
      res.json({ case: c, mention: mention?.mention ?? null, events: events.map((e) => ({ seq: e.seq, id: e.id, hash: e.hash, ...e.event })) });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
