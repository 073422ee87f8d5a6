// Owns search over past cases: text, author, service, kind, state, network and a date range, newest first.
import { CASE_STATES } from '../../domain/case.js';
import { PgCaseListing } from '../../store/pg-case-listing.js';
import { caseFilterSchema } from '../case-listing.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages } from '../web-shell.js';
import { tableRow } from './queue-pages.js';

const RESULTS_LIMIT = 200;

export const searchPages: WebPages = (shell) => {
  const listing = new PgCaseListing(shell.db);
  shell.pages.addNavigation({ href: '/search', text: 'Search' });
  shell.routes.get('/search', requireSignIn(), async (req, res) => {
    const { policy } = shell.ctx;
    // Empty boxes in a GET form arrive as empty strings: they mean "any".
    const query = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    const parsed = caseFilterSchema.safeParse(query);
    const options = {
      services: policy.services.map((s) => ({ value: s.tag, text: s.name })),
      kinds: policy.kinds.map((k) => ({ value: k.id, text: k.name })),
      states: CASE_STATES.map((s) => ({ value: s, text: s })),
      networks: Object.entries(policy.networks).map(([id, n]) => ({ value: id, text: n.displayName ?? id })),
    };
    const values = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 200) : '']));
    if (!parsed.success) {
      const errorList = parsed.error.issues.map((i) => ({ text: `${fieldName(i.path)}: ${i.message}`, href: `#${String(i.path[0] ?? 'text')}` }));
      return shell.pages.render(res, 'search.njk', { title: 'Search cases', options, values, errorList, errorSummary: true, rows: null }, 400);
    }
    const searched = Object.keys(parsed.data).length > 0;
    const rows = searched ? await listing.list(parsed.data, { limit: RESULTS_LIMIT, timeZone: policy.calendar.timeZone, newestFirst: true }) : null;
    shell.pages.render(res, 'search.njk', { title: 'Search cases', options, values, errorList: [], rows: rows?.map((r) => tableRow(shell, r)) ?? null, limit: RESULTS_LIMIT });
  });
};

function fieldName(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : 'query';
}

