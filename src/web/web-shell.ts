// Owns what a web page module is given: a router behind the session and CSRF check, the page renderer and the
// desk's services. Pages register themselves here (src/web/web-pages.ts) and mount their own routes.
import type { RequestHandler } from 'express';
import type { CheckpointSettings } from '../config/checkpoint-settings.js';
import type { DeskContext } from '../services/desk-context.js';
import type { Db } from '../store/db.js';
import type { PageRenderer } from './render-page.js';
import type { CaseChangeFeed } from './case-change-feed.js';

export interface WebShell {
  /**
   * Adds a route with the web desk's own middleware in front (security headers, urlencoded body up to 64 KiB,
   * the session read into res.locals, `_csrf` checked on POST): only on the desk's paths, never on the API's.
   */
  readonly routes: WebRoutes;
  readonly pages: PageRenderer;
  readonly ctx: DeskContext;
  readonly db: Db;
  /** Every saved case, from any replica: what the live pages follow. */
  readonly changes: CaseChangeFeed;
  /** The desk's logger: pages record here what no event records (who downloaded an export). */
  readonly log: WebLog;
  /** Where the signed checkpoints are (null: none configured): what an export's proof is anchored to. */
  readonly checkpoints: CheckpointSettings | null;
}

export interface WebLog {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface WebRoutes {
  get(path: string, ...handlers: RequestHandler[]): void;
  post(path: string, ...handlers: RequestHandler[]): void;
}

/** A group of pages: mounts its routes on shell.routes (each behind requireSignIn) and adds its navigation. */
export type WebPages = (shell: WebShell) => void;
