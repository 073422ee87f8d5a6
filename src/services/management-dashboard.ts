// The management dashboard (002 §5.11, 001 "Evaluation"): a period's figures for leadership, every one
// computed by the store from the event log; days are whole local days, response times working time.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { storable } from '../domain/storable-text.js';
import { DRILL_DIMENSIONS, type DashboardCaseRow, type DashboardFigures, type DrillDown } from '../domain/dashboard-figures.js';
import { endOfLocalDay, startOfLocalDay } from '../policy/local-day.js';
import { workingTime } from '../policy/working-spans.js';
import type { DeskContext } from './desk-context.js';
import type { DashboardQuery } from './ports.js';

const DEFAULT_DAYS = 7;
/** A form's "All" sends an empty value: the same as no filter. */
const optionalName = z.preprocess((v) => (v === '' ? undefined : v), storable(z.string().trim().min(1).max(100)).nullish()).transform((v) => v ?? null);

/** What a person (or a token holder) asks for: local dates, `to` inclusive; absent: the last 7 days. */
export const dashboardRequestSchema = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional(), service: optionalName, network: optionalName, kind: optionalName })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type DashboardRequest = z.input<typeof dashboardRequestSchema>;

export const drillSchema = z.object({ dimension: z.enum(DRILL_DIMENSIONS), value: storable(z.string().min(1).max(100)) });

export interface DashboardPeriod {
  readonly from: string;
  readonly to: string;
}

export interface DashboardReport {
  readonly period: DashboardPeriod;
  readonly filter: { readonly service: string | null; readonly network: string | null; readonly kind: string | null };
  readonly generatedAt: string;
  readonly headline: DashboardHeadline;
  readonly figures: DashboardFigures;
}

export interface DashboardHeadline {
  readonly cases: number;
  /** met / (met + missed): of the first responses decided, the share on time; null with none decided. */
  readonly shareWithinTarget: number | null;
  readonly breaches: number;
  readonly medianWorkingMinutes: number | null;
  readonly p90WorkingMinutes: number | null;
  readonly escalations: number;
  readonly escalationsPending: number;
  readonly moderationActions: number;
  readonly surges: number;
}

export async function managementDashboard(ctx: DeskContext, request: DashboardRequest): Promise<DashboardReport> {
  const { period, query } = dashboardQuery(ctx, request);
  const figures = await ctx.store.dashboard.figures(query);
  return { period, filter: { service: query.filter.service, network: query.filter.network, kind: query.filter.kind }, generatedAt: query.now.toISOString(), headline: headlineOf(figures), figures };
}

/** The period's filtered cases, or only one bar's; `limit` null for all of them (the CSV). */
export async function dashboardCases(ctx: DeskContext, request: DashboardRequest, drill: DrillDown | null, limit: number | null): Promise<{ period: DashboardPeriod; cases: DashboardCaseRow[] }> {
  const { period, query } = dashboardQuery(ctx, request);
  return { period, cases: await ctx.store.dashboard.cases(query, drill, limit) };
}

export function dashboardQuery(ctx: Pick<DeskContext, 'policy' | 'calendar' | 'clock'>, request: DashboardRequest): { period: DashboardPeriod; query: DashboardQuery } {
  const r = dashboardRequestSchema.parse(request);
  const zone = ctx.policy.calendar.timeZone;
  const now = ctx.clock.now();
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  const to = r.to ?? (r.from ? maxDay(r.from, today) : today);
  const from = r.from ?? DateTime.fromISO(to, { zone }).minus({ days: DEFAULT_DAYS - 1 }).toISODate()!;
  const filter = { from: startOfLocalDay(from, zone), to: endOfLocalDay(to, zone), service: r.service, network: r.network, kind: r.kind };
  // A case counts from its post, which may be up to the policy's maximum age before it was opened.
  const spansFrom = new Date(filter.from.getTime() - (ctx.policy.postTime.maxAgeDays + 1) * 86_400_000);
  const spansTo = new Date(Math.max(now.getTime(), filter.to.getTime()));
  return {
    period: { from, to },
    query: { filter, timeZone: zone, working: workingTime(ctx.calendar, spansFrom, spansTo), surge: ctx.policy.risk.surge, now },
  };
}

export function headlineOf(f: DashboardFigures): DashboardHeadline {
  const { met, missed } = f.firstResponse.outcomes;
  return {
    cases: f.cases,
    shareWithinTarget: met + missed ? Math.round((met / (met + missed)) * 1000) / 1000 : null,
    breaches: missed,
    medianWorkingMinutes: f.firstResponse.medianWorkingMinutes,
    p90WorkingMinutes: f.firstResponse.p90WorkingMinutes,
    escalations: f.escalations.reduce((n, e) => n + e.raised, 0),
    escalationsPending: f.escalations.reduce((n, e) => n + e.pending, 0),
    moderationActions: f.moderationByAction.reduce((n, m) => n + m.count, 0),
    surges: f.surges.length,
  };
}

function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}
