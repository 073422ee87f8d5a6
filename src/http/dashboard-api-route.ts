// GET /api/dashboard (the figures), /api/dashboard/cases (a bar's cases) and /api/dashboard/cases.csv:
// the management dashboard as data, for a read token with report.read or a dashboard reader signed in to the web desk. Query: from, to (local dates,
// inclusive; default the last 7 days), service, network, kind; for cases also dimension and value.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { ApiToken } from '../config/api-tokens.js';
import type { DeskContext } from '../services/desk-context.js';
import { dashboardCases, dashboardRequestSchema, drillSchema, managementDashboard } from '../services/management-dashboard.js';
import { csvFileName, renderDashboardCsv } from '../web/dashboard/dashboard-csv.js';
import { requireApiToken, type SessionAccess } from './require-api-token.js';

/** The most rows the JSON list answers with; the CSV has them all. */
export const CASE_LIST_LIMIT = 1000;
const casesQuerySchema = z.object({ dimension: drillSchema.shape.dimension.optional(), value: drillSchema.shape.value.optional() });

export function createDashboardApiRouter(ctx: DeskContext, tokens: readonly ApiToken[], session: SessionAccess | null = null): Router {
  const router = express.Router();
  const guard = requireApiToken(tokens, 'report.read', session);
  router.get('/api/dashboard', guard, handle(async (req, res) => {
    const request = parse(dashboardRequestSchema, req, res);
    if (request) res.json(await managementDashboard(ctx, request));
  }));
  router.get('/api/dashboard/cases', guard, handle(async (req, res) => {
    const q = parseCases(req, res);
    if (q) res.json(await dashboardCases(ctx, q.request, q.drill, CASE_LIST_LIMIT));
  }));
  router.get('/api/dashboard/cases.csv', guard, handle(async (req, res) => {
    const q = parseCases(req, res);
    if (!q) return;
    const { period, cases } = await dashboardCases(ctx, q.request, q.drill, null);
    res.type('text/csv; charset=utf-8').attachment(csvFileName(period)).send(renderDashboardCsv(cases));
  }));
  return router;
}

export function parseCases(req: Request, res: Response) {
  const request = parse(dashboardRequestSchema, req, res);
  const drill = request && parse(casesQuerySchema, req, res);
  if (!request || !drill) return null;
  if (!drill.dimension !== !drill.value) return void badRequest(res, [{ path: drill.dimension ? 'value' : 'dimension', message: 'dimension and value go together' }]), null;
  return { request, drill: drill.dimension && drill.value ? { dimension: drill.dimension, value: drill.value } : null };
}

function parse<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | null {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  badRequest(res, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return null;
}

function badRequest(res: Response, errors: Array<{ path: string; message: string }>): void {
  res.status(400).json({ error: 'invalid', errors });
}

function handle(work: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: (e?: unknown) => void) => void work(req, res).catch(next);
}
