// Owns the web desk, the third surface: GOV.UK Frontend pages on the desk's one HTTP server, behind sign-in,
// acting through the same services as Slack and Teams. Pages come from src/web/web-pages.ts.
import express, { type Express } from 'express';
import type { WebSettings } from '../config/web-settings.js';
import type { DeskContext } from '../services/desk-context.js';
import type { Db } from '../store/db.js';
import { PgWebSessionStore } from '../store/pg-web-session-store.js';
import { startCaseChangeFeed, type CaseChangeFeed } from './case-change-feed.js';
import { createLocalSignInLink, mountLocalSignIn } from './local-sign-in.js';
import { createPageRenderer, GOVUK_DIST_DIR } from './render-page.js';
import { securityHeaders } from './security-headers.js';
import { webErrorPage } from './web-error-page.js';
import { mountSignInPages } from './sign-in-pages.js';
import { WEB_PAGES } from './web-pages.js';
import { loadSession, requireCsrfToken, sessionCookies, sessionPersonOf, type SessionCookies } from './web-session.js';
import type { SessionAccess } from '../http/require-api-token.js';
import type { Clock } from '../services/ports.js';
import { DASHBOARD_READERS } from './pages/dashboard-pages.js';
import type { WebSessionStore } from './web-session-store.js';
import type { WebLog, WebRoutes } from './web-shell.js';
import type { CheckpointSettings } from '../config/checkpoint-settings.js';
import { join } from 'node:path';
import { VIEWS_DIR } from './render-page.js';

export interface WebDesk {
  readonly sessions: WebSessionStore;
  readonly changes: CaseChangeFeed;
  /** A fresh one-time link for the local administrator (path and query), or null when local sign-in is off. */
  localSignInLink(): Promise<string | null>;
  stop(): Promise<void>;
}

/** The session cookie's settings: Secure and `__Host-` when the desk is served over HTTPS. */
function webCookies(settings: WebSettings): SessionCookies {
  return sessionCookies(settings.publicUrl?.startsWith('https://') ?? false, settings.sessionHours);
}

/**
 * The JSON API's reading by sign-in (issue 15): the cases for anyone signed in, as the case pages are, and the
 * dashboard's data for the dashboard's readers. Sessions are rows in the database, so this needs no web desk running.
 */
export function webSessionAccess(db: Db, settings: WebSettings, clock: Clock): SessionAccess {
  return { personOf: sessionPersonOf(new PgWebSessionStore(db), webCookies(settings), clock), roles: { 'cases.read': [], 'report.read': DASHBOARD_READERS } };
}

export async function createWebDesk(app: Express, ctx: DeskContext, db: Db, settings: WebSettings, log: WebLog, checkpoints: CheckpointSettings | null = null): Promise<WebDesk> {
  const sessions = new PgWebSessionStore(db);
  const changes = await startCaseChangeFeed(db, undefined, {
    onPoll: {
      failed: (err) => log.error({ err }, 'web desk: reading the event log for unannounced case changes failed; live pages may lag until it reads again'),
      recovered: () => log.info({}, 'web desk: reading the event log for unannounced case changes works again'),
    },
  });
  const cookies = webCookies(settings);
  const behindTls = cookies.secure;
  const pages = createPageRenderer();
  const router = express.Router();
  // The live feed's cursor is taken as a request arrives, before its page reads anything: the page's live
  // script starts the feed from there, so a change saved while the page was read or loading is still sent.
  const liveFrom: express.RequestHandler = (_req, res, next) => { res.locals['liveFrom'] = changes.position(); next(); };
  const common = [liveFrom, ...securityHeaders(behindTls), express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }), loadSession(sessions, cookies, ctx.clock), requireCsrfToken()];
  const routes: WebRoutes = {
    get: (path, ...handlers) => void router.get(path, ...common, ...handlers),
    post: (path, ...handlers) => void router.post(path, ...common, ...handlers),
  };
  // The fonts and images GOV.UK Frontend's stylesheet asks for at /assets, and the desk's own files.
  app.use('/assets', express.static(join(GOVUK_DIST_DIR, 'govuk', 'assets'), { maxAge: '1d', fallthrough: false }));
  app.use('/web-assets', express.static(join(GOVUK_DIST_DIR, 'govuk'), { maxAge: '1h', index: false }), express.static(join(VIEWS_DIR, '..', 'assets'), { maxAge: '1h', index: false, fallthrough: false }));
  const publicUrl = settings.publicUrl;
  mountSignInPages(routes, { pages, sessions, cookies, oidc: settings.oidc !== null, localSignIn: settings.localSignIn });
  mountLocalSignIn(routes, { store: sessions, cookies, clock: ctx.clock, mode: settings.localSignIn, pages });
  // The OpenID client is loaded only for a desk that signs people in through their organisation.
  if (settings.oidc && publicUrl) (await import('./oidc-sign-in.js')).mountOidcSignIn(routes, { settings: settings.oidc, publicUrl, policy: ctx.policy, store: sessions, cookies, clock: ctx.clock, pages });
  for (const mount of WEB_PAGES) mount({ routes, pages, ctx, db, changes, log, checkpoints });
  // Only errors from the routes above come here: the API's and the adapters' keep their JSON answers.
  router.use(webErrorPage(pages, log));
  app.use(router);
  return {
    sessions,
    changes,
    localSignInLink: () => (settings.localSignIn === 'off' ? Promise.resolve(null) : createLocalSignInLink(sessions, ctx.clock)),
    stop: () => changes.stop(),
  };
}
