// Owns /api/unreadable: the changes a network sent that the desk could not read, listed, shown and replayed.
// They hold residents' words: reading takes a read token with cases.read. A replay puts mentions in, so it is
// signed with the intake secret like intake, the request path standing in for the body (npm run unreadable does both).
import express, { type Request, type Response, type Router } from 'express';
import type { ApiToken } from '../../../config/api-tokens.js';
import { requireApiToken } from '../../../http/require-api-token.js';
import { verifyIntakeSignature } from '../../../http/verify-intake-signature.js';
import type { Clock } from '../../../services/ports.js';
import { replayUnreadable, type ReplayReader } from './replay-unreadable.js';
import type { UnreadableChanges } from '../../../services/network-state-ports.js';

export interface UnreadableRouteOptions {
  readonly changes: UnreadableChanges;
  readonly readers: Readonly<Record<string, ReplayReader>>;
  readonly readTokens: readonly ApiToken[];
  /** Null when intake is off (DATABASE_URL without INTAKE_SECRET): nothing can be replayed. */
  readonly intakeSecret: string | null;
  readonly clock: Clock;
}

export function createUnreadableRouter(o: UnreadableRouteOptions): Router {
  const router = express.Router();
  const readable = requireApiToken(o.readTokens, 'cases.read');
  const signed = (req: Request, res: Response): boolean => {
    if (!o.intakeSecret) {
      res.status(401).json({ error: 'unauthorized', message: 'Intake is off (no INTAKE_SECRET), so nothing can be replayed.' });
      return false;
    }
    const verdict = verifyIntakeSignature(
      o.intakeSecret,
      { timestamp: req.get('x-desk-timestamp'), signature: req.get('x-desk-signature') },
      Buffer.from(req.originalUrl),
      Math.floor(o.clock.now().getTime() / 1000),
    );
    if (!verdict.ok) res.status(401).json({ error: 'unauthorized', message: verdict.reason });
    return verdict.ok;
  };

  router.get('/api/unreadable', readable, async (req, res, next) => {
    try {
      res.json({ changes: await o.changes.list({ includeReplayed: req.query['all'] === 'true' }) });
    } catch (e) {
      next(e);
    }
  });

  router.get('/api/unreadable/:id', readable, async (req, res, next) => {
    try {
      const record = await o.changes.get(String(req.params.id));
      if (!record) return void res.status(404).json({ error: 'not_found', message: `There is no unreadable change ${String(req.params.id)}.` });
      res.json({ change: record });
    } catch (e) {
      next(e);
    }
  });

  router.post('/api/unreadable/:id/replay', async (req, res, next) => {
    if (!signed(req, res)) return;
    try {
      const r = await replayUnreadable(o.changes, o.readers, String(req.params.id));
      if (r.outcome === 'not_found') return void res.status(404).json({ error: 'not_found', message: `There is no unreadable change ${String(req.params.id)}.` });
      if (r.outcome === 'no_reader') {
        return void res.status(409).json({ error: 'no_reader', message: `Nothing reads "${r.record.source}" changes on this desk now: switch that network back on, then replay.`, change: r.record });
      }
      // Still unreadable is an answer, not a failure of the request: the change stays kept with today's reason.
      res.json({ outcome: r.outcome, change: r.record });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
