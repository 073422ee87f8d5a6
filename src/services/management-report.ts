// The report senior management reads (002 §5.11), for whole days in the council's time zone.
import { buildReport, type Report } from '../domain/build-report.js';
import { endOfLocalDay, startOfLocalDay } from '../policy/local-day.js';
import type { DeskContext } from './desk-context.js';

/** `to` is inclusive: 2026-11-01 to 2026-11-30 is the whole of November. */
export async function managementReport(ctx: DeskContext, fromDay: string, toDay: string): Promise<Report> {
  const tz = ctx.policy.calendar.timeZone;
  const cases = await ctx.store.reports.casesOpenedBetween(startOfLocalDay(fromDay, tz), endOfLocalDay(toDay, tz));
  const events = await ctx.store.reports.eventsOfTypes(cases.map((c) => c.id), ['case.opened', 'case.reply.sent', 'case.escalated']);
  return buildReport({ from: fromDay, to: toDay }, cases, events, ctx.clock.now());
}
