// Owns the sign-in page (which ways in are on) and signing out.
import type { LocalSignIn } from '../config/web-settings.js';
import { LOCAL_SIGN_IN_PATH } from './local-sign-in.js';
import { OIDC_START_PATH } from './oidc-paths.js';
import type { PageRenderer } from './render-page.js';
import type { WebRoutes } from './web-shell.js';
import type { WebSessionStore } from './web-session-store.js';
import { endSession, type SessionCookies } from './web-session.js';

export interface SignInPagesDeps {
  readonly pages: PageRenderer;
  readonly sessions: WebSessionStore;
  readonly cookies: SessionCookies;
  readonly oidc: boolean;
  readonly localSignIn: LocalSignIn;
}

export function mountSignInPages(routes: WebRoutes, d: SignInPagesDeps): void {
  routes.get('/sign-in', (_req, res) => {
    if (res.locals['person']) return res.redirect(303, '/');
    d.pages.render(res, 'sign-in.njk', { title: 'Sign in', oidcPath: d.oidc ? OIDC_START_PATH : null, localPath: d.localSignIn === 'off' ? null : LOCAL_SIGN_IN_PATH });
  });
  routes.post('/sign-out', async (_req, res) => {
    await endSession(res, d.sessions, d.cookies);
    res.redirect(303, '/sign-in');
  });
}
