// Owns the page behind a bar: the cases it counts, as a GOV.UK table with how each was handled, linked
// to the case itself, with the same cases as CSV. Pure: rows in, HTML out.
import { encode } from 'html-entities';
import { DateTime } from 'luxon';
import type { DashboardCaseRow, DrillDown } from '../../domain/dashboard-figures.js';
import type { Policy } from '../../policy/policy-schema.js';
import { minutes, serviceName } from './dashboard-charts.js';
import { csvHref, dashboardQueryString, type DashboardView } from './dashboard-links.js';

const RESPONSE_TAGS: Record<string, [string, string]> = {
  met: ['Within target', 'govuk-tag--green'], missed: ['Breached', 'govuk-tag--red'], pending: ['Running', 'govuk-tag--blue'],
  closed_without_reply: ['No reply needed', 'govuk-tag--grey'], no_target: ['No target', 'govuk-tag--grey'],
};

export interface CasesPage {
  readonly view: DashboardView;
  readonly drill: DrillDown | null;
  readonly rows: readonly DashboardCaseRow[];
  /** The most rows shown; the CSV has every one. */
  readonly limit: number;
  /** Where one case is shown, e.g. (id) => `/cases/${id}`. */
  readonly caseHref: (id: string) => string;
}

export function renderDashboardCases(page: CasesPage, policy: Policy, base: string): string {
  const zone = policy.calendar.timeZone;
  const at = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone }).toFormat('d LLL yyyy HH:mm') : '—');
  const rows = page.rows.map((r) => {
    const [tag, colour] = RESPONSE_TAGS[r.response] ?? [r.response, 'govuk-tag--grey'];
    return `<tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="${encode(page.caseHref(r.id))}">${encode(r.id)}</a></th>
      <td class="govuk-table__cell">${at(r.openedAt)}</td>
      <td class="govuk-table__cell">${encode(policy.networks[r.network]?.displayName ?? r.network)}</td>
      <td class="govuk-table__cell">${encode(serviceName(policy, r.service))}</td>
      <td class="govuk-table__cell">${encode(r.kind.replace(/_/g, ' '))}</td>
      <td class="govuk-table__cell">${encode(r.state)}${r.outcome ? ` (${encode(r.outcome)})` : ''}</td>
      <td class="govuk-table__cell"><strong class="govuk-tag ${colour}">${tag}</strong></td>
      <td class="govuk-table__cell govuk-table__cell--numeric">${r.workingMinutesToReply === null ? '—' : minutes(r.workingMinutesToReply)}</td>
    </tr>`;
  });
  const title = page.drill ? `Cases: ${page.drill.dimension.replace(/_/g, ' ')} ${page.drill.value.replace(/_/g, ' ')}` : 'Cases';
  const more = page.rows.length >= page.limit ? `<p class="govuk-body">Showing the first ${page.limit}; the CSV has them all.</p>` : '';
  return `<a class="govuk-back-link" href="${encode(`${base}?${dashboardQueryString(page.view)}`)}">Back to the dashboard</a>
<h1 class="govuk-heading-l">${encode(title)}</h1>
<p class="govuk-body">Opened from ${encode(page.view.period.from)} to ${encode(page.view.period.to)}: ${page.rows.length} cases. <a class="govuk-link" href="${encode(csvHref(base, page.view, page.drill))}" download>Download as CSV</a></p>
${more}
${rows.length ? `<table class="govuk-table" id="dashboard-cases">
  <caption class="govuk-table__caption govuk-visually-hidden">${encode(title)}</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">${['Case', 'Opened', 'Network', 'Service', 'Kind', 'State', 'First response', 'Working time to reply'].map((h, i) => `<th scope="col" class="govuk-table__header${i === 7 ? ' govuk-table__header--numeric' : ''}">${h}</th>`).join('')}</tr></thead>
  <tbody class="govuk-table__body">${rows.join('')}</tbody>
</table>` : '<p class="govuk-body">No cases.</p>'}`;
}
