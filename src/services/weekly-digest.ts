// Owns the weekly digest for leadership (002 §5.11): every Monday at the council's first opening, last
// week's headline figures and a link to the dashboard, posted to the leadership channel on each surface
// through the outbox. A durable clock job (kind clock.digest) that schedules the next one as it runs.
import { DateTime } from 'luxon';
import type { DashboardFigures } from '../domain/dashboard-figures.js';
import { formatMinutes } from '../policy/format-minutes.js';
import type { DeskContext } from './desk-context.js';
import { managementDashboard, type DashboardReport } from './management-dashboard.js';
import type { OutboxItem } from './ports.js';
import type { ClockJob } from './run-clock-job.js';

export const DIGEST_JOB_KIND = 'clock.digest';

/** The digest job for the first Monday opening after `after`; its key makes enqueueing it twice harmless. */
export function nextDigestJob(ctx: Pick<DeskContext, 'calendar' | 'policy'>, after: Date): OutboxItem {
  const zone = ctx.policy.calendar.timeZone;
  let monday = DateTime.fromJSDate(after, { zone }).startOf('week');
  // A bank holiday Monday moves it to the next opening; one already passed this week waits for the next.
  while (ctx.calendar.nextOpening(monday.toJSDate()) <= after) monday = monday.plus({ weeks: 1 });
  const weekOf = monday.toISODate()!;
  return { key: `clock:digest:${weekOf}`, kind: DIGEST_JOB_KIND, caseId: null, payload: { weekOf }, runAt: ctx.calendar.nextOpening(monday.toJSDate()) };
}

/** Runs one week's digest: the notices and the next week's job, together or not at all. */
export async function runWeeklyDigest(ctx: DeskContext, job: ClockJob, dashboardUrl: string | null): Promise<Record<string, unknown>> {
  const weekOf = DateTime.fromISO(String(job.payload['weekOf']), { zone: ctx.policy.calendar.timeZone });
  if (!weekOf.isValid) return { skipped: `not a week: ${String(job.payload['weekOf'])}` };
  const from = weekOf.minus({ weeks: 1 }).toISODate()!;
  const to = weekOf.minus({ days: 1 }).toISODate()!;
  const report = await managementDashboard(ctx, { from, to });
  const text = digestText(report, dashboardUrl ? `${dashboardUrl}?from=${from}&to=${to}` : null);
  const notices: OutboxItem[] = ctx.surfaces.map((surface) => ({
    key: `digest:${surface}:${from}`, kind: 'chat.notice', caseId: null,
    payload: { caseId: null, surface, audience: 'leadership', ownerId: null, text, period: { from, to } },
  }));
  const next = nextDigestJob(ctx, weekOf.plus({ days: 1 }).toJSDate());
  await ctx.store.transaction((uow) => uow.outbox.enqueue([...notices, next]));
  return { posted: notices.length, period: { from, to }, next: next.key };
}

/** The headline figures in one message a leader reads on a phone. */
export function digestText(report: DashboardReport, link: string | null): string {
  const h = report.headline;
  const f = report.figures;
  const kind = (k: string) => f.byKind.find((c) => c.key === k)?.count ?? 0;
  const pct = h.shareWithinTarget === null ? 'none decided yet' : `${Math.round(h.shareWithinTarget * 100)}% within target`;
  const days = `${DateTime.fromISO(report.period.from).toFormat('ccc d LLL')} to ${DateTime.fromISO(report.period.to).toFormat('ccc d LLL yyyy')}`;
  const lines = [
    `Social media, week of ${days}: ${h.cases} cases (${kind('complaint')} complaints, ${kind('compliment')} compliments, ${kind('comment')} comments).`,
    `First responses: ${pct}, ${h.breaches} breached; median ${formatMinutes(h.medianWorkingMinutes)}, 90th percentile ${formatMinutes(h.p90WorkingMinutes)} of working time.`,
    `Escalations: ${h.escalations}${h.escalations ? ` (${escalationSplit(f)}), ${h.escalationsPending} still waiting` : ''}.`,
    `Moderation: ${h.moderationActions} actions carried out${blocks(f)}. Surges: ${h.surges}.`,
  ];
  if (link) lines.push(`The dashboard: ${link}`);
  return lines.join('\n');
}

function escalationSplit(f: DashboardFigures): string {
  const names: Record<string, string> = { service_lead: 'to service leads', leadership: 'to leadership', safeguarding: 'safeguarding' };
  return f.escalations.map((e) => `${e.raised} ${names[e.target] ?? e.target}`).join(', ');
}

function blocks(f: DashboardFigures): string {
  const n = f.moderationByRung.find((r) => r.key === 'block')?.count ?? 0;
  return n ? `, ${n} ${n === 1 ? 'block' : 'blocks'}` : '';
}
