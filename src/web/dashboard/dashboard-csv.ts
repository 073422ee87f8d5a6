// Owns the CSV export of the dashboard's filtered cases: one row per case with how it was handled, no
// resident's words or identity. Cells a spreadsheet would run as a formula are defused (OWASP CSV injection).
import { stringify } from 'csv-stringify/sync';
import type { DashboardCaseRow } from '../../domain/dashboard-figures.js';

const COLUMNS: Array<[keyof DashboardCaseRow, string]> = [
  ['id', 'Case'], ['openedAt', 'Opened (UTC)'], ['postedAt', 'Posted (UTC)'], ['network', 'Network'], ['service', 'Service'], ['kind', 'Kind'],
  ['risk', 'Risk'], ['sentiment', 'Sentiment'], ['state', 'State'], ['outcome', 'Outcome'], ['firstResponseDue', 'First response due (UTC)'],
  ['firstReplyAt', 'First reply (UTC)'], ['workingMinutesToReply', 'Working minutes to first reply'], ['response', 'Against target'],
  ['escalations', 'Escalations'], ['moderationActions', 'Moderation actions carried out'],
];

export function renderDashboardCsv(rows: readonly DashboardCaseRow[]): string {
  return stringify([COLUMNS.map(([, title]) => title), ...rows.map((r) => COLUMNS.map(([key]) => cell(r[key])))], { bom: true, record_delimiter: 'windows' });
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** dashboard-2026-11-24-to-2026-11-30.csv */
export function csvFileName(period: { from: string; to: string }): string {
  return `mention-desk-cases-${period.from}-to-${period.to}.csv`;
}
