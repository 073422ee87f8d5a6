// Owns who may read through the API: a bearer token whose hash is configured, holding the scope the
// route needs, or (where the route allows it) a web desk sign-in with a role that reads the same on its pages.
// 401 without a valid token or sign-in (the intake secret is not one), 403 without the scope or role.
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hashApiToken, type ApiScope, type ApiToken } from '../config/api-tokens.js';

/** Reading with a web desk sign-in instead of a token (issue 15: the same sign-in or scoped API tokens). */
export interface SessionAccess {
  /** Who is signed in by the request's session cookie, or null. */
  personOf(req: Request): Promise<{ readonly name: string; readonly roles: readonly string[] } | null>;
  /** Per scope, the roles that may read with it when signed in, as the web desk's own pages allow ([]: anyone
   * signed in); a scope not listed is for tokens only. */
  readonly roles: Partial<Record<ApiScope, readonly string[]>>;
}

export function requireApiToken(tokens: readonly ApiToken[], scope: ApiScope, session: SessionAccess | null = null): RequestHandler {
  return (req, res, next) => {
    const presented = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    // A token presented is judged as a token, whoever is signed in as well.
    const allowed = session?.roles[scope];
    if (!presented && session && allowed) return void bySession(req, res, next, session, scope, allowed).catch(next);
    const token = presented ? findToken(tokens, hashApiToken(presented)) : null;
    if (!token) {
      res.set('WWW-Authenticate', `Bearer scope="${scope}"`);
      return void res.status(401).json({ error: 'unauthorized', message: `Send a read token as "Authorization: Bearer <token>" with the ${scope} scope (npm run token makes one).` });
    }
    if (!token.scopes.has(scope)) return void res.status(403).json({ error: 'forbidden', message: `The token "${token.name}" does not have the ${scope} scope.` });
    next();
  };
}

async function bySession(req: Request, res: Response, next: NextFunction, session: SessionAccess, scope: ApiScope, allowed: readonly string[]): Promise<void> {
  const person = await session.personOf(req);
  if (!person) {
    res.set('WWW-Authenticate', `Bearer scope="${scope}"`);
    return void res.status(401).json({ error: 'unauthorized', message: `Sign in to the web desk, or send a read token as "Authorization: Bearer <token>" with the ${scope} scope (npm run token makes one).` });
  }
  if (allowed.length && !allowed.some((r) => person.roles.includes(r))) {
    return void res.status(403).json({ error: 'forbidden', message: `${person.name} is signed in with roles ${person.roles.join(', ') || 'none'}; ${scope} is for ${allowed.join(', ')}.` });
  }
  next();
}

function findToken(tokens: readonly ApiToken[], hash: string): ApiToken | null {
  const presented = Buffer.from(hash, 'hex');
  // Every configured token is compared, in constant time each, so timing tells nothing.
  let found: ApiToken | null = null;
  for (const t of tokens) if (timingSafeEqual(Buffer.from(t.hash, 'hex'), presented)) found = t;
  return found;
}
