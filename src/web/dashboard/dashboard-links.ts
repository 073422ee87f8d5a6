// Owns the dashboard's addresses: the page for a period and filter, a bar's cases, the CSV, all carrying
// the same query so a link always shows what the manager was looking at.
import type { DrillDown } from '../../domain/dashboard-figures.js';
import type { DashboardReport } from '../../services/management-dashboard.js';

export interface DashboardView {
  readonly period: { readonly from: string; readonly to: string };
  readonly filter: DashboardReport['filter'];
}

export function dashboardQueryString(view: DashboardView, drill: DrillDown | null = null): string {
  const q = new URLSearchParams({ from: view.period.from, to: view.period.to });
  for (const key of ['service', 'network', 'kind'] as const) if (view.filter[key]) q.set(key, view.filter[key]!);
  if (drill) q.set('dimension', drill.dimension), q.set('value', drill.value);
  return q.toString();
}

export function casesHref(base: string, view: DashboardView, drill: DrillDown | null): string {
  return `${base}/cases?${dashboardQueryString(view, drill)}`;
}

export function csvHref(base: string, view: DashboardView, drill: DrillDown | null = null): string {
  return `${base}/cases.csv?${dashboardQueryString(view, drill)}`;
}
