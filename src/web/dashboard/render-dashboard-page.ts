// Owns the dashboard page's main content in GOV.UK Frontend markup: the period and filters, the headline
// figures, the charts with their tables, escalations, surges, ready replies and holding lines, and the week's hours. Pure: report in, HTML out.
import { encode } from 'html-entities';
import { DateTime } from 'luxon';
import type { Policy } from '../../policy/policy-schema.js';
import type { DashboardReport } from '../../services/management-dashboard.js';
import { dashboardCharts, minutes, serviceName } from './dashboard-charts.js';
import { csvHref } from './dashboard-links.js';
import { renderBarChart } from './render-bar-chart.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function renderDashboardPage(report: DashboardReport, policy: Policy, base: string): string {
  return `<h1 class="govuk-heading-xl">Management dashboard</h1>
${renderFilters(report, policy, base)}
${renderHeadline(report)}
<p class="govuk-body"><a class="govuk-link" href="${encode(csvHref(base, report))}" download>Download these ${report.figures.cases} cases as CSV</a></p>
${dashboardCharts(report, policy, base).map(renderBarChart).join('\n')}
${renderEscalations(report)}
${renderSurges(report, policy)}
${renderReadyWording(report, policy)}
${renderWeekHours(report)}`;
}

function renderFilters(report: DashboardReport, policy: Policy, base: string): string {
  const select = (name: 'service' | 'network' | 'kind', labelText: string, options: Array<[string, string]>) => `
    <div class="govuk-form-group app-filter">
      <label class="govuk-label" for="filter-${name}">${labelText}</label>
      <select class="govuk-select" id="filter-${name}" name="${name}">
        <option value="">All</option>
        ${options.map(([v, l]) => `<option value="${encode(v)}"${report.filter[name] === v ? ' selected' : ''}>${encode(l)}</option>`).join('')}
      </select>
    </div>`;
  const date = (name: 'from' | 'to', labelText: string) => `
    <div class="govuk-form-group app-filter">
      <label class="govuk-label" for="filter-${name}">${labelText}</label>
      <input class="govuk-input govuk-input--width-10" id="filter-${name}" name="${name}" type="date" value="${encode(report.period[name])}">
    </div>`;
  return `<form method="get" action="${encode(base)}" class="app-filters" aria-label="Period and filters">
  <p class="govuk-body">Cases opened from <strong>${longDate(report.period.from)}</strong> to <strong>${longDate(report.period.to)}</strong>${describeFilter(report, policy)}.</p>
  <div class="app-filters__row">
    ${date('from', 'From')}${date('to', 'To (inclusive)')}
    ${select('service', 'Service', [...policy.services.map((s): [string, string] => [s.tag, s.name]), ['unclassified', 'Not classified']])}
    ${select('network', 'Network', Object.entries(policy.networks).map(([id, n]): [string, string] => [id, n.displayName]))}
    ${select('kind', 'Kind', [...policy.kinds.map((k): [string, string] => [k.id, k.name]), ['unclassified', 'Not classified']])}
  </div>
  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Show figures</button>
</form>`;
}

function describeFilter(report: DashboardReport, policy: Policy): string {
  const parts = [
    report.filter.service ? serviceName(policy, report.filter.service) : null,
    report.filter.network ? (policy.networks[report.filter.network]?.displayName ?? report.filter.network) : null,
    report.filter.kind ? (policy.kinds.find((k) => k.id === report.filter.kind)?.name ?? report.filter.kind) : null,
  ].filter(Boolean);
  return parts.length ? `, only ${encode(parts.join(', '))}` : '';
}

function renderHeadline(report: DashboardReport): string {
  const h = report.headline;
  const items: Array<[string, string, string]> = [
    ['cases', 'Cases', String(h.cases)],
    ['within-target', 'First responses within target', h.shareWithinTarget === null ? 'n/a' : `${Math.round(h.shareWithinTarget * 1000) / 10}%`],
    ['breaches', 'Breaches of the first-response target', String(h.breaches)],
    ['median', 'Median first response (working time)', minutes(h.medianWorkingMinutes)],
    ['p90', '90th percentile first response (working time)', minutes(h.p90WorkingMinutes)],
    ['escalations', 'Escalations (still waiting)', `${h.escalations} (${h.escalationsPending})`],
    ['moderation', 'Moderation actions carried out', String(h.moderationActions)],
    ['surges', 'Surges', String(h.surges)],
  ];
  return `<h2 class="govuk-heading-m">Headline figures</h2>
<dl class="govuk-summary-list app-headline">
  ${items.map(([id, k, v]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${k}</dt><dd class="govuk-summary-list__value" data-figure="${id}">${encode(v)}</dd></div>`).join('\n  ')}
</dl>`;
}

function renderEscalations(report: DashboardReport): string {
  const rows = report.figures.escalations.map((e) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${encode(e.target.replace(/_/g, ' '))}</th>${[e.raised, e.acknowledged, e.declined, e.pending].map(num).join('')}${num(minutes(e.medianAckMinutes))}${num(minutes(e.p90AckMinutes))}</tr>`);
  return table('escalation-times', 'Escalations and how fast they were acknowledged', ['Raised', 'Acknowledged', 'Declined', 'Waiting', 'Median to acknowledge', '90th percentile'], rows, 'No escalations in this period.');
}

function renderSurges(report: DashboardReport, policy: Policy): string {
  const zone = policy.calendar.timeZone;
  const at = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL HH:mm');
  const rows = report.figures.surges.map((s) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${encode(serviceName(policy, s.topic))}</th><td class="govuk-table__cell">${at(s.startedAt)}</td><td class="govuk-table__cell">${at(s.endedAt)}</td>${num(s.peak)}</tr>`);
  const { cases, withinMinutes } = policy.risk.surge;
  return table('surges', `Surges (more than ${cases} cases on one topic within ${withinMinutes} minutes)`, ['Started', 'Last case', 'Most in one window'], rows, 'No surges in this period.');
}

const SIGNPOST_KINDS: Readonly<Record<string, string>> = { signpost: 'Signposting', report_online: 'Report it online' };

/** Replies sent from a ready reply (issue 16) by kind and by service, and holding lines agreed (issue 18). */
function renderReadyWording(report: DashboardReport, policy: Policy): string {
  const s = report.figures.signposting;
  const row = (name: string, count: number) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${encode(name)}</th>${num(count)}</tr>`;
  const rows = [
    ...s.byKind.map((k) => row(SIGNPOST_KINDS[k.key] ?? k.key, k.count)),
    ...s.byService.map((k) => row(`From ${serviceName(policy, k.key)}’s ready replies`, k.count)),
  ];
  return `${table('signposting', `Replies sent from a ready reply (${s.replies})`, ['Replies'], rows, 'No replies from a ready reply in this period.')}
<p class="govuk-body" data-figure="holding-lines">Holding lines agreed by leadership: <strong>${report.figures.holdingLinesAgreed}</strong></p>`;
}

function renderWeekHours(report: DashboardReport): string {
  const count = (wd: number, h: number) => report.figures.byHour.find((x) => x.weekday === wd && x.hour === h)?.count ?? 0;
  const rows = WEEKDAYS.map((name, i) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${name}</th>${Array.from({ length: 24 }, (_, h) => num(count(i + 1, h))).join('')}</tr>`);
  return `<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Cases by weekday and hour</span></summary><div class="govuk-details__text app-scroll">
${table('week-hours', 'Cases by weekday and hour', Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), rows, '')}</div></details>`;
}

function table(id: string, caption: string, columns: string[], rows: string[], empty: string): string {
  if (!rows.length) return `<h2 class="govuk-heading-m">${encode(caption)}</h2><p class="govuk-body">${encode(empty)}</p>`;
  return `<table class="govuk-table" id="${id}">
  <caption class="govuk-table__caption govuk-table__caption--m">${encode(caption)}</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row"><td class="govuk-table__header"></td>${columns.map((c) => `<th scope="col" class="govuk-table__header govuk-table__header--numeric">${encode(c)}</th>`).join('')}</tr></thead>
  <tbody class="govuk-table__body">${rows.join('\n')}</tbody>
</table>`;
}

function num(v: number | string): string {
  return `<td class="govuk-table__cell govuk-table__cell--numeric">${encode(String(v))}</td>`;
}

function longDate(iso: string): string {
  return DateTime.fromISO(iso).toFormat('cccc d LLLL yyyy');
}
