// The dashboard's pure renderers: a chart is SVG plus the same numbers as a table, every label escaped;
// the CSV defuses a cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import type { DashboardCaseRow } from '../../../src/domain/dashboard-figures.js';
import { renderDashboardCsv } from '../../../src/web/dashboard/dashboard-csv.js';
import { renderBarChart } from '../../../src/web/dashboard/render-bar-chart.js';

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
