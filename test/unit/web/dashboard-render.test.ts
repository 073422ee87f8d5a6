// The dashboard's pure renderers: a chart is SVG plus the same numbers as a table, every label escaped;
// the CSV defuses a cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { DashboardCaseRow, DashboardFigures } from '../../../src/domain/dashboard-figures.js';
import { headlineOf, type DashboardReport } from '../../../src/services/management-dashboard.js';
import { renderDashboardCsv } from '../../../src/web/dashboard/dashboard-csv.js';
import { renderBarChart } from '../../../src/web/dashboard/render-bar-chart.js';
import { renderDashboardPage } from '../../../src/web/dashboard/render-dashboard-page.js';

const row: DashboardCaseRow = {
  id: 'MD-1', openedAt: '2026-11-30T09:00:00.000Z', postedAt: '2026-11-30T08:55:00.000Z', network: 'facebook', service: '=HYPERLINK("http://evil.example","x")',
  kind: 'complaint', risk: 'low', sentiment: 'negative', state: 'closed', outcome: 'replied', firstReplyAt: '2026-11-30T10:00:00.000Z',
  firstResponseDue: '2026-11-30T10:55:00.000Z', response: 'met', workingMinutesToReply: 65, escalations: 0, moderationActions: 1,
};

describe('renderBarChart', () => {
  const chart = renderBarChart({
    id: 'kinds', title: 'Kinds', summary: 'Most: <b>complaints</b>.', unit: 'cases',
    bars: [
      { label: 'Complaint', parts: [{ series: 'cases', value: 12 }], href: '/dashboard/cases?dimension=kind&value=complaint' },
      { label: '<script>alert(1)</script>', parts: [{ series: 'cases', value: 3 }], href: null },
    ],
  });

  it('links each bar to its cases and names it by what it shows', () => {
    expect(chart).toContain('<a href="/dashboard/cases?dimension=kind&amp;value=complaint" aria-label="Complaint 12 cases. Show these cases">');
  });

  it('puts the same numbers in a table', () => {
    expect(chart).toMatch(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]+">Complaint<\/a><\/th><td class="govuk-table__cell govuk-table__cell--numeric">12<\/td>/);
  });

  it('escapes every label and the summary', () => {
    expect(chart).not.toContain('<script>');
    expect(chart).not.toContain('<b>');
    expect(chart).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says so when the period has nothing', () => {
    expect(renderBarChart({ id: 'x', title: 'X', summary: 'None.', unit: 'cases', bars: [] })).toContain('Nothing in this period.');
  });
});

describe('renderDashboardCsv', () => {
  it('writes a header and one row per case, defusing formulas', () => {
    const lines = renderDashboardCsv([row]).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Case,Opened (UTC),Posted (UTC),Network,Service,Kind,Risk,Sentiment,State,Outcome,First response due (UTC),First reply (UTC),Working minutes to first reply,Against target,Escalations,Moderation actions carried out');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines[1]).toContain(',65,met,0,1');
  });
});

describe('renderDashboardPage: ready replies and holding lines', () => {
  const figures: DashboardFigures = {
    cases: 3, byDayAndNetwork: [], byKind: [], byService: [], byRisk: [], bySentiment: [],
    firstResponse: { outcomes: { met: 0, missed: 0, pending: 0, closed_without_reply: 0, no_target: 0 }, replied: 0, medianWorkingMinutes: null, p90WorkingMinutes: null },
    escalations: [], moderationByRung: [], moderationByAction: [], surges: [], byHour: [],
    signposting: { replies: 5, byKind: [{ key: 'signpost', count: 3 }, { key: 'report_online', count: 2 }], byService: [{ key: 'waste', count: 4 }, { key: '<b>odd</b>', count: 1 }] },
    holdingLinesAgreed: 2,
  };
  const report: DashboardReport = { period: { from: '2026-11-23', to: '2026-11-29' }, filter: { service: null, network: null, kind: null }, generatedAt: '2026-11-30T12:00:00.000Z', headline: headlineOf(figures), figures };

  it('shows the replies by kind and by service in a table, and the holding lines agreed', async () => {
    const html = renderDashboardPage(report, await loadPolicy(null), '/dashboard');
    const table = html.slice(html.indexOf('<table class="govuk-table" id="signposting">'));
    expect(table).toContain('Replies sent from a ready reply (5)');
    expect(table).toMatch(/Signposting<\/th><td class="govuk-table__cell govuk-table__cell--numeric">3</);
    expect(table).toMatch(/Report it online<\/th><td class="govuk-table__cell govuk-table__cell--numeric">2</);
    expect(table).toMatch(/From Waste[^<]*ready replies<\/th><td class="govuk-table__cell govuk-table__cell--numeric">4</);
    expect(html).not.toContain('<b>odd</b>');
    expect(html).toMatch(/data-figure="holding-lines">Holding lines agreed by leadership: <strong>2<\/strong>/);
  });

  it('says so when no reply came from a ready reply', async () => {
    const none = { ...report, figures: { ...figures, signposting: { replies: 0, byKind: [], byService: [] } } };
    expect(renderDashboardPage(none, await loadPolicy(null), '/dashboard')).toContain('No replies from a ready reply in this period.');
  });
});
