// Owns turning the dashboard's figures into the charts a manager reads: which bars, in which order,
// labelled how, each linked to its cases. Drawing is render-bar-chart.ts's.
import { DateTime } from 'luxon';
import type { Count, DrillDimension } from '../../domain/dashboard-figures.js';
import { formatMinutes } from '../../policy/format-minutes.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { DashboardReport } from '../../services/management-dashboard.js';
import { casesHref } from './dashboard-links.js';
import type { Bar, BarChart } from './render-bar-chart.js';

const RESPONSE_LABELS: Record<string, string> = { met: 'Within target', missed: 'Breached', pending: 'Clock still running', closed_without_reply: 'Closed without a reply', no_target: 'No target' };
const RUNG_LABELS: Record<string, string> = { remove: 'Removed (hide or delete)', warn: 'Written warning', block: 'Blocked', reverse: 'Reversed (unhide or unblock)' };
const TARGET_LABELS: Record<string, string> = { service_lead: 'To service leads', leadership: 'To leadership', safeguarding: 'To the safeguarding lead' };
const THREE_CS = ['complaint', 'compliment', 'comment'];

export function dashboardCharts(report: DashboardReport, policy: Policy, base: string): BarChart[] {
  const f = report.figures;
  const bar = (dimension: DrillDimension, key: string, label: string, value: number): Bar => ({ label, parts: [{ series: 'cases', value }], href: casesHref(base, report, { dimension, value: key }) });
  const counts = (dimension: DrillDimension, list: readonly Count[], name: (k: string) => string) => list.map((c) => bar(dimension, c.key, name(c.key), c.count));
  const days = [...new Set(f.byDayAndNetwork.map((d) => d.day))];
  const network = (n: string) => policy.networks[n]?.displayName ?? n;
  const kinds = [...f.byKind].sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count);
  const fr = f.firstResponse;
  const firstResponseClock = policy.clocks.find((c) => c.id === 'first_response');
  return [
    {
      id: 'volume-by-day', title: 'Cases by day and network', unit: 'cases',
      summary: `${f.cases} cases opened from ${report.period.from} to ${report.period.to}${busiest(f.byDayAndNetwork)}.`,
      bars: days.map((day) => ({ label: DateTime.fromISO(day).toFormat('ccc d LLL'), parts: f.byDayAndNetwork.filter((d) => d.day === day).map((d) => ({ series: network(d.network), value: d.count })), href: casesHref(base, report, { dimension: 'day', value: day }) })),
    },
    { id: 'kinds', title: 'Complaints, compliments, comments and other kinds', unit: 'cases', summary: threeCsSummary(f.byKind), bars: counts('kind', kinds, (k) => policy.kinds.find((x) => x.id === k)?.name ?? label(k)) },
    { id: 'services', title: 'Cases by service', unit: 'cases', summary: top(f.byService, (k) => serviceName(policy, k)), bars: counts('service', f.byService, (k) => serviceName(policy, k)) },
    {
      id: 'first-response', title: `First response against target${firstResponseClock ? ` (${firstResponseClock.source})` : ''}`, unit: 'cases',
      summary: `Median ${minutes(fr.medianWorkingMinutes)} and 90th percentile ${minutes(fr.p90WorkingMinutes)} of working time from the post to the first reply; ${report.headline.shareWithinTarget === null ? 'no first responses decided yet' : `${Math.round(report.headline.shareWithinTarget * 100)}% within target`}, ${fr.outcomes.missed} breached.`,
      bars: Object.entries(fr.outcomes).filter(([, n]) => n > 0).map(([k, n]) => bar('response', k, RESPONSE_LABELS[k] ?? k, n)),
    },
    {
      id: 'escalations', title: 'Escalations', unit: 'escalations',
      summary: f.escalations.length ? f.escalations.map((e) => `${TARGET_LABELS[e.target] ?? e.target}: ${e.raised} (median acknowledgement ${minutes(e.medianAckMinutes)})`).join('; ') + '.' : 'No escalations in this period.',
      bars: f.escalations.map((e) => ({ label: TARGET_LABELS[e.target] ?? e.target, parts: [{ series: 'Acknowledged', value: e.acknowledged }, { series: 'Declined', value: e.declined }, { series: 'Waiting', value: e.pending }], href: casesHref(base, report, { dimension: 'escalation', value: e.target }) })),
    },
    { id: 'moderation', title: 'Moderation carried out, by rung of the ladder (002 §6.3.3)', unit: 'actions', summary: top(f.moderationByRung, (k) => RUNG_LABELS[k] ?? k, 'actions'), bars: counts('rung', f.moderationByRung, (k) => RUNG_LABELS[k] ?? k) },
    { id: 'sentiment', title: 'Sentiment of the posts', unit: 'cases', summary: top(f.bySentiment, label), bars: counts('sentiment', f.bySentiment, label) },
    { id: 'risk', title: 'Risk', unit: 'cases', summary: top(f.byRisk, label), bars: counts('risk', [...f.byRisk].sort((a, b) => riskRank(a.key) - riskRank(b.key)), label) },
    {
      id: 'hours', title: 'Busiest hours', unit: 'cases', summary: busiestHour(f.byHour),
      bars: Array.from({ length: 24 }, (_, h) => bar('hour', String(h), `${String(h).padStart(2, '0')}:00`, f.byHour.filter((x) => x.hour === h).reduce((n, x) => n + x.count, 0))),
    },
  ];
}

function rank(kind: string): number {
  const i = THREE_CS.indexOf(kind);
  return i === -1 ? THREE_CS.length : i;
}

function riskRank(r: string): number {
  return ['high', 'medium', 'low'].indexOf(r);
}

function threeCsSummary(byKind: readonly Count[]): string {
  const n = (k: string) => byKind.find((c) => c.key === k)?.count ?? 0;
  return `${n('complaint')} complaints, ${n('compliment')} compliments and ${n('comment')} comments (the 3Cs, 002 §5.9).`;
}

function top(list: readonly Count[], name: (k: string) => string, unit = 'cases'): string {
  const first = list[0];
  return first ? `Most: ${name(first.key)}, ${first.count} ${unit}.` : 'None in this period.';
}

function busiest(days: ReadonlyArray<{ day: string; count: number }>): string {
  const totals = new Map<string, number>();
  for (const d of days) totals.set(d.day, (totals.get(d.day) ?? 0) + d.count);
  const best = [...totals].sort((a, b) => b[1] - a[1])[0];
  return best ? `; the busiest day was ${DateTime.fromISO(best[0]).toFormat('cccc d LLLL')} with ${best[1]}` : '';
}

function busiestHour(hours: ReadonlyArray<{ hour: number; count: number }>): string {
  const totals = Array.from({ length: 24 }, (_, h) => hours.filter((x) => x.hour === h).reduce((n, x) => n + x.count, 0));
  const max = Math.max(...totals);
  return max ? `Most cases arrive between ${String(totals.indexOf(max)).padStart(2, '0')}:00 and ${String(totals.indexOf(max) + 1).padStart(2, '0')}:00 (${max}).` : 'None in this period.';
}

export const minutes = formatMinutes;

export function serviceName(policy: Policy, tag: string): string {
  return policy.services.find((s) => s.tag === tag)?.name ?? label(tag);
}

function label(key: string): string {
  const s = key.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
