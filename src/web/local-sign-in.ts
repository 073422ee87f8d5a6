// Owns the embedded default's way in: a one-time link for the local administrator, printed at start and
// honoured only from this machine (loopback) unless WEB_LOCAL_SIGN_IN=anywhere.
import type { Request } from 'express';
import type { WebRoutes } from './web-shell.js';
import type { LocalSignIn } from '../config/web-settings.js';
import type { Clock } from '../services/ports.js';
import { LOCAL_ADMINISTRATOR } from './web-person.js';
import type { WebSessionStore } from './web-session-store.js';
import { newSecret, startSession, type SessionCookies } from './web-session.js';
import type { PageRenderer } from './render-page.js';

/** Long enough to finish reading the start-up lines; the link works once. */
const LINK_VALID_HOURS = 24;
export const LOCAL_SIGN_IN_PATH = '/sign-in/local';

/** Creates a fresh link and returns its path and query (the caller knows the host). */
export async function createLocalSignInLink(store: WebSessionStore, clock: Clock): Promise<string> {
  const token = newSecret();
  const now = clock.now();
  await store.createSignInLink(token, LOCAL_ADMINISTRATOR, now, new Date(now.getTime() + LINK_VALID_HOURS * 3_600_000));
  return `${LOCAL_SIGN_IN_PATH}?token=${token}`;
}

export function isLoopback(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function mountLocalSignIn(router: WebRoutes, o: { store: WebSessionStore; cookies: SessionCookies; clock: Clock; mode: LocalSignIn; pages: PageRenderer }): void {
  router.get(LOCAL_SIGN_IN_PATH, async (req, res) => {
    const refuse = (message: string, status: number) => o.pages.render(res, 'sign-in-refused.njk', { title: 'You cannot sign in with this link', message }, status);
    if (o.mode === 'off') return refuse('Signing in with a local link is turned off here (WEB_LOCAL_SIGN_IN=off). Sign in with your organisation account instead.', 403);
    if (o.mode === 'loopback' && !isLoopback(req)) return refuse('This link only works in a browser on the machine the desk runs on. Set WEB_LOCAL_SIGN_IN=anywhere to allow it from elsewhere.', 403);
    const token = typeof req.query['token'] === 'string' ? req.query['token'] : '';
    if (!token || token.length > 100) return refuse('The link has no token: copy the whole link the desk printed when it started.', 400);
    const person = await o.store.useSignInLink(token, o.clock.now());
    if (!person) return refuse('This link has been used already or has expired. Restart the desk (npm start) for a new one.', 403);
    await startSession(res, o.store, o.cookies, o.clock, person);
    res.redirect(303, '/');
  });
}
