// Owns the desk's Prometheus metrics (prom-client): what is counted as it happens (HTTP answers, intake outcomes,
// outbox outcomes, clock breaches) and what is read from the store when scraped (outbox backlog, open cases).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CASE_STATES } from '../../domain/case.js';
import type { Clock } from '../../services/ports.js';
import type { StoreFigures } from '../../store/metrics-queries.js';

export type IntakeRequestOutcome = 'accepted' | 'duplicate' | 'invalid' | 'unauthorized' | 'too_large' | 'store_unavailable' | 'error';
export type OutboxRunOutcome = 'done' | 'rate_limited' | 'error';

export interface DeskMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly intakeRequests: Counter<'outcome'>;
  readonly intakeMentions: Counter<'outcome'>;
  readonly outboxRuns: Counter<'kind' | 'outcome'>;
  readonly outboxFailed: Counter<'kind'>;
  readonly clockBreaches: Counter<'clock'>;
  /** The kinds this desk's worker runs: each gets an outbox line, 0 when idle, so "none" differs from "not reported". */
  readonly outboxKinds: Set<string>;
  /** Sets the scrape-time gauges from the store, or marks the store unread (no stale figures are shown). */
  showStoreFigures(figures: StoreFigures | null): void;
}

/** Latency buckets from a fast health check to a slow batch of 100 mentions. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One registry per desk: tests run several desks in one process. */
export function createDeskMetrics(clock: Clock): DeskMetrics {
  const registry = new Registry();
  // Process figures, event-loop lag (nodejs_eventloop_lag_seconds and its percentiles) and heap among them.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const outboxPending = new Gauge({ name: 'desk_outbox_pending', help: 'Outbox items still to run (waiting, retrying or running), per kind', labelNames: ['kind'], registers });
  const outboxOldest = new Gauge({ name: 'desk_outbox_oldest_age_seconds', help: 'Age of the oldest outbox item still to run, per kind (0 when none)', labelNames: ['kind'], registers });
  const openCases = new Gauge({ name: 'desk_open_cases', help: 'Cases not closed, per state', labelNames: ['state'], registers });
  const casesOpened = new Gauge({ name: 'desk_cases_opened', help: 'Cases opened so far from every source (intake, webhooks, pollers) and replica, from the case number sequence: increase() of it is the intake rate in new cases', registers });
  const storeRead = new Gauge({ name: 'desk_metrics_store_read', help: '1 when this scrape read the outbox and case figures from the store, 0 when the store did not answer', registers });
  const outboxKinds = new Set<string>();
  return {
    registry,
    outboxKinds,
    httpDuration: new Histogram({ name: 'desk_http_request_duration_seconds', help: 'HTTP answers by method, route and status', labelNames: ['method', 'route', 'status'], buckets: HTTP_BUCKETS, registers }),
    intakeRequests: new Counter({ name: 'desk_intake_requests_total', help: 'POST /api/mentions requests by outcome', labelNames: ['outcome'], registers }),
    intakeMentions: new Counter({ name: 'desk_intake_mentions_total', help: 'Mentions taken in through /api/mentions: new (a case opened) or duplicate', labelNames: ['outcome'], registers }),
    outboxRuns: new Counter({ name: 'desk_outbox_runs_total', help: 'Outbox item runs by kind and outcome (rate_limited: the callee said 429)', labelNames: ['kind', 'outcome'], registers }),
    outboxFailed: new Counter({ name: 'desk_outbox_failed_total', help: 'Outbox items given up on for good (a permanent error, or out of attempts), per kind', labelNames: ['kind'], registers }),
    clockBreaches: new Counter({ name: 'desk_clock_breaches_total', help: 'Response targets missed (a clock fell due while the case still needed it), per clock', labelNames: ['clock'], registers }),
    showStoreFigures(figures) {
      storeRead.set(figures ? 1 : 0);
      outboxPending.reset();
      outboxOldest.reset();
      openCases.reset();
      // casesOpened keeps its last value when the store does not answer: it only goes up, and a 0 would read as a reset.
      if (!figures) return;
      casesOpened.set(figures.casesOpened);
      const now = clock.now().getTime();
      for (const kind of outboxKinds) {
        outboxPending.set({ kind }, 0);
        outboxOldest.set({ kind }, 0);
      }
      for (const b of figures.outbox) {
        outboxPending.set({ kind: b.kind }, b.pending);
        outboxOldest.set({ kind: b.kind }, Math.max(0, (now - b.oldestCreatedAt.getTime()) / 1000));
      }
      for (const state of CASE_STATES) if (state !== 'closed') openCases.set({ state }, figures.openCases.get(state) ?? 0);
    },
  };
}
