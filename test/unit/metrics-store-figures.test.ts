// A scrape when the store is slow or down: /metrics still answers, says the store figures were not read, and
// shows no stale backlog or case counts.
import { describe, expect, it } from 'vitest';
import { createDeskMetrics } from '../../src/app/metrics/desk-metrics.js';
import { refreshStoreFigures } from '../../src/app/metrics/refresh-store-figures.js';
import type { Sql } from '../../src/store/db.js';

const clock = { now: () => new Date('2026-12-07T10:00:00Z') };
const answering: Sql = {
  query: (async (text: string) => {
    if (text.includes('FROM outbox')) return { rows: [{ kind: 'chat.card.refresh', pending: 4, oldest: new Date('2026-12-07T09:58:30Z') }], rowCount: 1 };
    if (text.includes('case_number_seq')) return { rows: [{ issued: '42' }], rowCount: 1 };
    return { rows: [{ state: 'new', n: 7 }], rowCount: 1 };
  }) as Sql['query'],
  transaction: (work) => work(answering),
};
const hanging: Sql = { query: () => new Promise(() => {}), transaction: () => new Promise(() => {}) };
const failing: Sql = { query: () => Promise.reject(new Error('connection refused')), transaction: () => Promise.reject(new Error('connection refused')) };

async function lines(sql: Sql): Promise<string> {
  const metrics = createDeskMetrics(clock);
  metrics.outboxKinds.add('chat.card.refresh').add('network.reply');
  await refreshStoreFigures(metrics, answering);
  await refreshStoreFigures(metrics, sql, 50);
  return (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith('desk_outbox_pending') || l.startsWith('desk_open_cases') || l.startsWith('desk_metrics_store_read') || l.startsWith('desk_outbox_oldest') || l.startsWith('desk_cases_opened')).join('\n');
}

describe('store figures at scrape time', () => {
  it('shows the backlog, the age of its oldest item, idle kinds as 0 and every open state', async () => {
    expect(await lines(answering)).toBe([
      'desk_outbox_pending{kind="chat.card.refresh"} 4',
      'desk_outbox_pending{kind="network.reply"} 0',
      'desk_outbox_oldest_age_seconds{kind="chat.card.refresh"} 90',
      'desk_outbox_oldest_age_seconds{kind="network.reply"} 0',
      'desk_open_cases{state="new"} 7',
      'desk_open_cases{state="claimed"} 0',
      'desk_open_cases{state="waiting"} 0',
      'desk_cases_opened 42',
      'desk_metrics_store_read 1',
    ].join('\n'));
  });

  it.each([['does not answer in time', hanging], ['refuses the connection', failing]])('drops the store figures when the store %s', async (_what, sql) => {
    // The count of cases opened only goes up: it keeps its last value rather than falling to 0.
    expect(await lines(sql)).toBe('desk_cases_opened 42\ndesk_metrics_store_read 0');
  });
});
