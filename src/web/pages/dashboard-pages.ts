// Owns the management dashboard in the web desk: /dashboard (figures, charts, tables), /dashboard/cases (the
// cases behind a bar) and /dashboard/cases.csv, for comms managers and leadership. A wrong query is a 400
// naming the field; every figure comes from src/services/management-dashboard.ts.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { CASE_LIST_LIMIT } from '../../http/dashboard-api-route.js';
import { dashboardCases, dashboardRequestSchema, drillSchema, managementDashboard } from '../../services/management-dashboard.js';
import { csvFileName, renderDashboardCsv } from '../dashboard/dashboard-csv.js';
import { renderDashboardCases } from '../dashboard/render-dashboard-cases.js';
import { renderDashboardPage } from '../dashboard/render-dashboard-page.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages, WebShell } from '../web-shell.js';

const BASE = '/dashboard';
/** Who reads the dashboard, here and (signed in) through its JSON API. */
export const DASHBOARD_READERS = ['comms_manager', 'leadership'] as const;
const READERS = DASHBOARD_READERS;
const drillQuerySchema = drillSchema.partial();

export const dashboardPages: WebPages = (shell) => {
  shell.pages.addNavigation({ href: BASE, text: 'Dashboard', roles: [...READERS] });
  shell.routes.get(BASE, requireSignIn(...READERS), async (req, res, next) => {
    try {
      const request = parse(shell, res, dashboardRequestSchema, req);
      if (!request) return;
      const report = await managementDashboard(shell.ctx, request);
      shell.pages.render(res, 'dashboard.njk', { title: 'Management dashboard', content: renderDashboardPage(report, shell.ctx.policy, BASE) });
    } catch (e) {
      next(e);
    }
  });
  shell.routes.get(`${BASE}/cases`, requireSignIn(...READERS), async (req, res, next) => {
    try {
      const q = parseCases(shell, req, res);
      if (!q) return;
      const { period, cases } = await dashboardCases(shell.ctx, q.request, q.drill, CASE_LIST_LIMIT);
      const view = { period, filter: { service: q.request.service, network: q.request.network, kind: q.request.kind } };
      const content = renderDashboardCases({ view, drill: q.drill, rows: cases, limit: CASE_LIST_LIMIT, caseHref: (id) => `/cases/${encodeURIComponent(id)}` }, shell.ctx.policy, BASE);
      shell.pages.render(res, 'dashboard.njk', { title: 'Cases behind the dashboard', content });
    } catch (e) {
      next(e);
    }
  });
  shell.routes.get(`${BASE}/cases.csv`, requireSignIn(...READERS), async (req, res, next) => {
    try {
      const q = parseCases(shell, req, res);
      if (!q) return;
      const { period, cases } = await dashboardCases(shell.ctx, q.request, q.drill, null);
      res.type('text/csv; charset=utf-8').attachment(csvFileName(period)).send(renderDashboardCsv(cases));
    } catch (e) {
      next(e);
    }
  });
};

function parseCases(shell: WebShell, req: Request, res: Response) {
  const request = parse(shell, res, dashboardRequestSchema, req);
  const drill = request && parse(shell, res, drillQuerySchema, req);
  if (!request || !drill) return null;
  return { request, drill: drill.dimension && drill.value ? { dimension: drill.dimension, value: drill.value } : null };
}

function parse<S extends z.ZodType>(shell: WebShell, res: Response, schema: S, req: Request): z.output<S> | null {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  const errorList = parsed.error.issues.map((i) => ({ text: `${i.path.join('.') || 'query'}: ${i.message}`, href: `#filter-${String(i.path[0] ?? 'from')}` }));
  shell.pages.render(res, 'dashboard.njk', { title: 'Management dashboard', errorSummary: true, errorList, content: '<h1 class="govuk-heading-l">Management dashboard</h1><p class="govuk-body"><a class="govuk-link" href="/dashboard">Show the last 7 days</a></p>' }, 400);
  return null;
}
