// Owns turning a page's data into HTML: nunjucks with autoescape on, GOV.UK Frontend's macros and template,
// and the desk's layout (service navigation, sign-out, CSRF token, CSP nonce) around every page.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import type { Role } from '../domain/roles.js';
import type { WebPerson } from './web-person.js';

/** A link in the service navigation; shown to people with one of the roles (any signed-in person if none). */
export interface NavItem {
  readonly href: string;
  readonly text: string;
  readonly roles?: readonly Role[];
}

export const VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'views');
/** govuk-frontend's dist folder: its `govuk/` macros and template, and `govuk/assets` served as /assets. */
export const GOVUK_DIST_DIR = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend')), '..');

export interface PageRenderer {
  /** Renders `view` (a file in src/web/views) inside the layout, with the signed-in person's navigation. */
  render(res: Response, view: string, data: Record<string, unknown>, status?: number): void;
  addNavigation(item: NavItem): void;
}

export function createPageRenderer(extraViewDirs: readonly string[] = []): PageRenderer {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, ...extraViewDirs, GOVUK_DIST_DIR]), { autoescape: true, throwOnUndefined: false });
  const nav: NavItem[] = [];
  return {
    addNavigation: (item) => void nav.push(item),
    render(res, view, data, status = 200) {
      const person = res.locals['person'] as WebPerson | undefined;
      const path = res.req.path;
      const navigation = person ? nav.filter((n) => !n.roles || n.roles.some((r) => person.roles.includes(r))).map((n) => ({ href: n.href, text: n.text, active: path === n.href || path.startsWith(`${n.href}/`) })) : [];
      const html = env.render(view, { ...data, person, navigation, csrfToken: res.locals['csrfToken'], cspNonce: res.locals['cspNonce'], liveFrom: res.locals['liveFrom'] });
      res.status(status).type('html').send(html);
    },
  };
}
