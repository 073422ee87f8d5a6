// Owns the queue (unclaimed cases, oldest first, with their first-response deadlines) and "my cases".
import type { Response } from 'express';
import { formatLocalTime } from '../../policy/format-local-time.js';
import { PgCaseListing } from '../../store/pg-case-listing.js';
import type { CaseFilter, CaseListRow } from '../case-listing.js';
import type { WebPerson } from '../web-person.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages, WebShell } from '../web-shell.js';

const QUEUE_LIMIT = 200;

export const queuePages: WebPages = (shell) => {
  const listing = new PgCaseListing(shell.db);
  shell.pages.addNavigation({ href: '/queue', text: 'Queue' });
  shell.pages.addNavigation({ href: '/my-cases', text: 'My cases' });
  shell.routes.get('/', requireSignIn(), (_req, res) => res.redirect(303, '/queue'));
  shell.routes.get('/queue', requireSignIn(), async (_req, res) => {
    await renderList(shell, listing, res, { states: ['new'] }, { title: 'Queue', intro: 'Cases nobody has claimed yet, oldest first. The first-response deadline counts working time.', empty: 'Nothing is waiting: every case has been claimed.' });
  });
  shell.routes.get('/my-cases', requireSignIn(), async (_req, res) => {
    const person = res.locals['person'] as WebPerson;
    await renderList(shell, listing, res, { ownerId: person.personId, states: ['claimed', 'waiting'] }, { title: 'My cases', intro: 'Open cases you hold, oldest first.', empty: 'You hold no open cases. Claim one from the queue.' });
  });
};

async function renderList(shell: WebShell, listing: PgCaseListing, res: Response, filter: CaseFilter, page: { title: string; intro: string; empty: string }): Promise<void> {
  const rows = await listing.list(filter, { limit: QUEUE_LIMIT, timeZone: shell.ctx.policy.calendar.timeZone });
  shell.pages.render(res, 'case-list.njk', { ...page, live: 'all', rows: rows.map((r) => tableRow(shell, r)) });
}

/** What a row shows: times in the council's zone, and whether the first response is already late. */
export function tableRow(shell: WebShell, r: CaseListRow) {
  const { timeZone } = shell.ctx.policy.calendar;
  const now = shell.ctx.clock.now();
  const due = r.firstResponseDue;
  return {
    ...r,
    network: shell.ctx.policy.networks[r.network]?.displayName ?? r.network,
    opened: formatLocalTime(r.openedAt, timeZone, now),
    due: due ? formatLocalTime(due, timeZone, now) : null,
    late: due ? new Date(due).getTime() < now.getTime() : false,
    service: r.serviceTag ? (shell.ctx.policy.services.find((s) => s.tag === r.serviceTag)?.name ?? r.serviceTag) : null,
  };
}
