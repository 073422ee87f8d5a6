// Owns GET /webhooks/x: X's challenge-response check (CRC), for accounts that register a webhook.
import { createHmac } from 'node:crypto';
import express, { type Router } from 'express';

export const X_WEBHOOK_PATH = '/webhooks/x';

export function crcResponseToken(consumerSecret: string, crcToken: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(crcToken).digest('base64')}`;
}

/** Mentions come in by polling; this only proves to X that we hold the consumer secret. */
export function createXCrcRouter(consumerSecret: string): Router {
  const router = express.Router();
  router.get(X_WEBHOOK_PATH, (req, res) => {
    const token = req.query['crc_token'];
    if (typeof token !== 'string' || !token) return void res.status(400).json({ error: 'invalid', field: 'crc_token', message: 'crc_token is required' });
    res.status(200).json({ response_token: crcResponseToken(consumerSecret, token) });
  });
  return router;
}
