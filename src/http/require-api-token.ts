// Owns who may read through the API: a bearer token whose hash is configured, holding the scope the
// route needs. 401 without a valid token (the intake secret is not one), 403 without the scope.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { hashApiToken, type ApiScope, type ApiToken } from '../config/api-tokens.js';

export function requireApiToken(tokens: readonly ApiToken[], scope: ApiScope): RequestHandler {
  return (req, res, next) => {
    const presented = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const token = presented ? findToken(tokens, hashApiToken(presented)) : null;
    if (!token) {
      res.set('WWW-Authenticate', `Bearer scope="${scope}"`);
      return void res.status(401).json({ error: 'unauthorized', message: `Send a read token as "Authorization: Bearer <token>" with the ${scope} scope (npm run token makes one).` });
    }
    if (!token.scopes.has(scope)) return void res.status(403).json({ error: 'forbidden', message: `The token "${token.name}" does not have the ${scope} scope.` });
    next();
  };
}

function findToken(tokens: readonly ApiToken[], hash: string): ApiToken | null {
  const presented = Buffer.from(hash, 'hex');
  // Every configured token is compared, in constant time each, so timing tells nothing.
  let found: ApiToken | null = null;
  for (const t of tokens) if (timingSafeEqual(Buffer.from(t.hash, 'hex'), presented)) found = t;
  return found;
}
