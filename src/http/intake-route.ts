// POST /api/mentions: signed intake of one mention or a batch. Stored before any 2xx is sent.
import express, { type Router } from 'express';
import { StoreUnavailableError } from '../services/errors.js';
import { ingestMentions } from '../services/ingest-mentions.js';
import { createIntakeGroups } from '../services/intake-groups.js';
import type { DeskContext } from '../services/desk-context.js';
import { parseIntakeBody } from './parse-intake-body.js';
import { verifyIntakeSignature } from './verify-intake-signature.js';

export const MAX_INTAKE_BYTES = 1024 * 1024;

export function createIntakeRouter(ctx: DeskContext, secret: string): Router {
  const router = express.Router();
  // Concurrent POSTs share their statements (group commit); each is still answered only after its own are stored.
  const groups = createIntakeGroups((mentions) => ingestMentions(ctx, mentions));
  router.post('/api/mentions', express.raw({ type: () => true, limit: MAX_INTAKE_BYTES }), async (req, res, next) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyIntakeSignature(
      secret,
      { timestamp: req.get('x-desk-timestamp'), signature: req.get('x-desk-signature') },
      raw,
      Math.floor(ctx.clock.now().getTime() / 1000),
    );
    if (!verdict.ok) return void res.status(401).json({ error: 'unauthorized', message: verdict.reason });
    const parsed = parseIntakeBody(raw);
    if (!parsed.ok) return void res.status(400).json({ error: 'invalid', errors: parsed.errors });
    try {
      const outcomes = await groups.ingest(parsed.mentions);
      const anyNew = outcomes.some((o) => !o.duplicate);
      res.status(anyNew ? 202 : 200).json(parsed.batch ? { results: outcomes } : outcomes[0]);
    } catch (e) {
      if (e instanceof StoreUnavailableError) return void res.status(503).set('Retry-After', '5').json({ error: 'store_unavailable', message: 'Nothing was stored; try again shortly.' });
      next(e);
    }
  });
  return router;
}
