// Owns GET and POST /webhooks/meta: Meta's subscription check, then signed changes stored as mentions.
import express, { type Router } from 'express';
import type { Mention } from '../../../domain/mention.js';
import type { DeskContext } from '../../../services/desk-context.js';
import { StoreUnavailableError } from '../../../services/errors.js';
import { ingestMentions } from '../../../services/ingest-mentions.js';
import { MetaPayloadError } from './meta-payload.js';
import { parseMetaWebhook } from './parse-meta-webhook.js';
import { verifyMetaSignature } from './verify-meta-signature.js';

export const META_WEBHOOK_PATH = '/webhooks/meta';
const MAX_META_BYTES = 1024 * 1024;

export interface MetaRouteLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface MetaRouteOptions {
  readonly ctx: DeskContext;
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly log: MetaRouteLog;
  /** Fills in what a webhook leaves out (Instagram links and mention texts); never throws. */
  readonly enrich?: (mentions: Mention[]) => Promise<Mention[]>;
}

export function createMetaWebhookRouter(o: MetaRouteOptions): Router {
  const router = express.Router();

  router.get(META_WEBHOOK_PATH, (req, res) => {
    const q = req.query as Record<string, unknown>;
    if (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === o.verifyToken && typeof q['hub.challenge'] === 'string') {
      return void res.status(200).type('text/plain').send(q['hub.challenge']);
    }
    o.log.warn({ mode: q['hub.mode'] }, 'Meta webhook verification refused: wrong hub.verify_token or hub.mode');
    res.status(403).type('text/plain').send('Forbidden');
  });

  // Raw bytes, scoped to this route: the signature covers the body exactly as Meta sent it.
  router.post(META_WEBHOOK_PATH, express.raw({ type: () => true, limit: MAX_META_BYTES }), async (req, res, next) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyMetaSignature(o.appSecret, req.get('x-hub-signature-256'), raw);
    if (!verdict.ok) return void res.status(401).json({ error: 'unauthorized', message: verdict.reason });
    let parsed;
    try {
      parsed = parseMetaWebhook(raw);
    } catch (e) {
      if (e instanceof MetaPayloadError) return void res.status(400).json({ error: 'invalid', field: e.path, message: e.message });
      return next(e);
    }
    if (Object.keys(parsed.ignored).length) o.log.info({ ignored: parsed.ignored }, 'Meta webhook: changes that are not mentions were ignored');
    try {
      const mentions = o.enrich && parsed.mentions.length ? await o.enrich(parsed.mentions) : parsed.mentions;
      // One call for the whole POST: all of it is stored, or none and Meta sends it again.
      const outcomes = mentions.length ? await ingestMentions(o.ctx, mentions) : [];
      res.status(200).json({ received: outcomes.length, new: outcomes.filter((x) => !x.duplicate).length });
    } catch (e) {
      if (e instanceof StoreUnavailableError) return void res.status(503).set('Retry-After', '5').json({ error: 'store_unavailable' });
      next(e);
    }
  });

  return router;
}
