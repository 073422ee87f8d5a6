// The notifier sends what was asked within its window as one statement, each channel and payload once, and a
// failure to send is logged, never thrown at the saver (listeners poll for what a lost notification told of).
import { describe, expect, it, vi } from 'vitest';
import type { Sql } from '../../../src/store/db.js';
import { createNotifier } from '../../../src/store/pg-notifier.js';
import { DESK_ACTS } from '../../helpers/wait-for-desk.js';

function recordingSql(fail = false) {
  const sent: unknown[][] = [];
  const sql = {
    query: async (_text: string, params?: readonly unknown[]) => {
      sent.push([...(params ?? [])]);
      if (fail) throw new Error('connection lost');
      return { rows: [], rowCount: 0 };
    },
    transaction: async () => { throw new Error('not used'); },
  } as unknown as Sql;
  return { sql, sent };
}

describe('the notifier', () => {
  it('sends what was asked within its window in one statement, each channel and payload once', async () => {
    const { sql, sent } = recordingSql();
    const notifier = createNotifier(sql, undefined, 5);
    notifier.notify('desk_case_changed', ['MD-1:2', 'MD-2:1']);
    notifier.notify('desk_outbox', ['replica-a']);
    notifier.notify('desk_outbox', ['replica-a']);
    notifier.notify('desk_case_changed', ['MD-1:2', 'MD-1:3']);
    notifier.notify('desk_case_changed', []);
    await vi.waitFor(() => expect(sent).toHaveLength(1), DESK_ACTS);
    expect(sent[0]).toEqual([
      ['desk_case_changed', 'desk_case_changed', 'desk_outbox', 'desk_case_changed'],
      ['MD-1:2', 'MD-2:1', 'replica-a', 'MD-1:3'],
    ]);
    notifier.notify('desk_outbox', ['replica-a']);
    await vi.waitFor(() => expect(sent).toHaveLength(2), DESK_ACTS);
    expect(sent[1]).toEqual([['desk_outbox'], ['replica-a']]);
  });

  it('logs a failed send instead of throwing', async () => {
    const { sql } = recordingSql(true);
    const warn = vi.fn();
    createNotifier(sql, { warn }, 5).notify('desk_outbox', ['replica-a']);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce(), DESK_ACTS);
    expect(warn.mock.calls[0]![0]).toMatchObject({ notifications: 1 });
  });
});
