// Owns the session cookie: a random id whose hash names a server-side session row; who is signed in is read
// from the database on every request, so any replica serves any page and signing out ends it everywhere.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse } from 'cookie';
import type { Clock } from '../services/ports.js';
import type { Role } from '../domain/roles.js';
import type { WebPerson } from './web-person.js';
import type { WebSessionStore } from './web-session-store.js';

export interface SessionCookies {
  /** `__Host-` and Secure behind TLS: the browser sends it only over HTTPS, to this host, for every path. */
  readonly name: string;
  readonly secure: boolean;
  readonly hours: number;
}

export function sessionCookies(behindTls: boolean, hours: number): SessionCookies {
  return { name: behindTls ? '__Host-md_session' : 'md_session', secure: behindTls, hours };
}

export const newSecret = (): string => randomBytes(32).toString('base64url');

/** The session the request's cookie names, if it is live, with its id. */
async function cookieSession(req: Request, store: WebSessionStore, cookies: SessionCookies, clock: Clock) {
  const id = parse(req.headers.cookie ?? '')[cookies.name];
  const session = id && id.length <= 100 ? await store.findSession(id, clock.now()) : null;
  return session && id ? { id, session } : null;
}

/** Reads the session (if any) into res.locals: person, csrfToken, sessionId. */
export function loadSession(store: WebSessionStore, cookies: SessionCookies, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    try {
      const found = await cookieSession(req, store, cookies, clock);
      if (found) Object.assign(res.locals, { person: found.session.person, csrfToken: found.session.csrfToken, sessionId: found.id });
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** Who is signed in by the request's session cookie (name and roles), or null: the JSON API reads it too. */
export function sessionPersonOf(store: WebSessionStore, cookies: SessionCookies, clock: Clock): (req: Request) => Promise<WebPerson | null> {
  return async (req) => (await cookieSession(req, store, cookies, clock))?.session.person ?? null;
}

/** Starts a session for a person and sets its cookie; the caller redirects. */
export async function startSession(res: Response, store: WebSessionStore, cookies: SessionCookies, clock: Clock, person: WebPerson): Promise<void> {
  const id = newSecret();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + cookies.hours * 3_600_000);
  await store.createSession(id, { person, csrfToken: newSecret(), expiresAt }, now);
  res.cookie(cookies.name, id, { httpOnly: true, sameSite: 'lax', secure: cookies.secure, path: '/', maxAge: cookies.hours * 3_600_000 });
}

export async function endSession(res: Response, store: WebSessionStore, cookies: SessionCookies): Promise<void> {
  const id = res.locals['sessionId'] as string | undefined;
  if (id) await store.endSession(id);
  res.clearCookie(cookies.name, { httpOnly: true, sameSite: 'lax', secure: cookies.secure, path: '/' });
}

/**
 * Lets a signed-in person through (with one of `roles`, when given). A page sends the browser to sign in;
 * anything asked for by script (the live feed, a fetch) gets 401 rather than a sign-in page it cannot show.
 */
export function requireSignIn(...roles: Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const person = res.locals['person'] as WebPerson | undefined;
    if (!person) {
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl.slice(0, 500))}`);
      return void res.status(401).type('text').send('Sign in first.');
    }
    if (roles.length && !roles.some((r) => person.roles.includes(r))) {
      return void res.status(403).type('text').send(`This page is for people with one of these roles: ${roles.join(', ')}. Your roles: ${person.roles.join(', ') || 'none'}.`);
    }
    next();
  };
}

/**
 * Every state-changing request in a session carries the session's token in `_csrf`: a form on another site
 * cannot know it. Without a session there is nobody to act as; the route's requireSignIn answers 401.
 */
export function requireCsrfToken(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || !res.locals['sessionId']) return next();
    const expected = res.locals['csrfToken'] as string | undefined;
    const sent = typeof req.body?._csrf === 'string' ? (req.body._csrf as string) : '';
    if (!expected || !sameSecret(expected, sent)) {
      return void res.status(403).type('text').send('This form has expired or did not come from the desk: go back, reload the page and try again.');
    }
    next();
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
