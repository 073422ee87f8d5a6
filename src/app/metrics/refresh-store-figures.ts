// Owns reading the store's figures for a scrape within a bound: a slow or absent store must not hang /metrics,
// which then still reports the process, HTTP and outbox counters (and desk_metrics_store_read 0).
import type { Sql } from '../../store/db.js';
import { readStoreFigures, type StoreFigures } from '../../store/metrics-queries.js';
import type { DeskMetrics } from './desk-metrics.js';

/** Prometheus' default scrape timeout is 10 s; the store gets a small part of it. */
const READ_WITHIN_MS = 2_000;

export async function refreshStoreFigures(metrics: DeskMetrics, sql: Sql, withinMs = READ_WITHIN_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), withinMs);
  });
  const figures: StoreFigures | null = await Promise.race([readStoreFigures(sql).catch(() => null), late]);
  clearTimeout(timer);
  metrics.showStoreFigures(figures);
}
