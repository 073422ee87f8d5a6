// Owns measuring the HTTP server for /metrics: every answer's latency by route, and intake outcomes by request
// and by mention, observed from outside the routes so the routes stay about their own work.
import type { Request, RequestHandler, Response } from 'express';
import type { DeskMetrics, IntakeRequestOutcome } from './desk-metrics.js';

/** Mount first, before any route: times every answer, labelled by the route that answered it. */
export function httpMetricsMiddleware(metrics: DeskMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    // 'close' fires whether the answer was sent or the client went away.
    res.once('close', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
    if (req.method === 'POST' && req.path === '/api/mentions') countIntake(metrics, res);
    next();
  };
}

/** The route's pattern (/api/cases/:id), never the raw path, so case ids and scanners' URLs add no series. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}

function countIntake(metrics: DeskMetrics, res: Response): void {
  const json = res.json.bind(res);
  // The intake answers { caseId, duplicate } or { results: [...] }: each mention's outcome is read from it.
  res.json = (body: unknown) => {
    for (const r of intakeResults(body)) metrics.intakeMentions.inc({ outcome: r.duplicate === true ? 'duplicate' : 'new' });
    return json(body);
  };
  res.once('close', () => metrics.intakeRequests.inc({ outcome: intakeOutcome(res.statusCode) }));
}

function intakeResults(body: unknown): Array<{ duplicate?: unknown }> {
  if (!body || typeof body !== 'object') return [];
  const results = (body as { results?: unknown }).results;
  if (Array.isArray(results)) return results.filter((r): r is { duplicate?: unknown } => !!r && typeof r === 'object');
  return 'caseId' in body ? [body as { duplicate?: unknown }] : [];
}

function intakeOutcome(status: number): IntakeRequestOutcome {
  const byStatus: Record<number, IntakeRequestOutcome> = { 200: 'duplicate', 202: 'accepted', 400: 'invalid', 401: 'unauthorized', 413: 'too_large', 503: 'store_unavailable' };
  return byStatus[status] ?? 'error';
}
