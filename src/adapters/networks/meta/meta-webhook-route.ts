// Owns GET and POST /webhooks/meta: Meta's subscription check, then signed changes stored as mentions.
import type { Log } from '../../../services/log.js';
import express, { type Router } from 'express';
import { StoreUnavailableError } from '../../../services/errors.js';
import { MetaPayloadError } from './meta-payload.js';
import { storeMetaDelivery, type MetaDeliveryDeps, type StoredDelivery } from './store-meta-delivery.js';
import { verifyMetaSignature } from './verify-meta-signature.js';

export const META_WEBHOOK_PATH = '/webhooks/meta';
const MAX_META_BYTES = 1024 * 1024;


export interface MetaRouteOptions extends MetaDeliveryDeps {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly log: Pick<Log, 'info' | 'warn'>;
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
    let stored: StoredDelivery;
    try {
      stored = await storeMetaDelivery(o, raw);
    } catch (e) {
      if (e instanceof MetaPayloadError) return void res.status(400).json({ error: 'invalid', field: e.path, message: e.message });
      if (e instanceof StoreUnavailableError) return void res.status(503).set('Retry-After', '5').json({ error: 'store_unavailable' });
      return next(e);
    }
    const { parsed } = stored;
    if (Object.keys(parsed.ignored).length) o.log.info({ ignored: parsed.ignored }, 'Meta webhook: changes that are not mentions were ignored');
    if (parsed.unreadable.length) {
      o.log.warn({ unreadable: parsed.unreadable.map((u) => u.reason) }, 'Meta webhook: changes the desk could not read were kept (npm run unreadable -- list)');
    }
    // 200 for a signed, well-formed delivery even with unreadable changes in it: a 4xx would make Meta
    // retry the whole batch for 36 hours and then drop it, readable changes and all.
    res.status(200).json({ received: stored.received, new: stored.fresh, unreadable: parsed.unreadable.length });
  });

  return router;
}
