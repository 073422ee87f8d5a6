// Owns assembling the PostgreSQL repositories into the Store port, with transactions and readiness.
import type { Clock, Store, UnitOfWork } from '../services/ports.js';
import type { Db, Sql } from './db.js';
import { defaultMigrationsDir } from './migration-files.js';
import { pendingMigrations } from './migrate.js';
import { PgAccountRepository } from './pg-account-repository.js';
import { PgCaseRepository } from './pg-case-repository.js';
import { PgCaseChanges } from './pg-case-changes.js';
import { PgEventLog } from './pg-event-log.js';
import { PgIntakeStore } from './pg-intake-store.js';
import { PgMentionRepository } from './pg-mention-repository.js';
import { PgOutbox } from './pg-outbox.js';
import { PgDeskSettingsRepository } from './pg-desk-settings-repository.js';
import { PgReportSource } from './pg-report-source.js';
import { PgAwayRegister } from './pg-away-register.js';
import { PgHoldingLines } from './pg-holding-lines.js';
import { PgPersonalDataStore } from './pg-personal-data-store.js';
import { PgDashboardSource } from './dashboard/pg-dashboard-source.js';

export interface PgStoreOptions {
  /** The outbox's "now" for items without runAt; must be the clock the outbox worker uses. */
  readonly clock?: Clock;
  readonly migrationsDir?: string;
  /** Called after a commit that enqueued outbox items (wakes the worker: see outbox-signal.ts). */
  readonly onOutboxCommitted?: () => void;
}

const systemClock: Clock = { now: () => new Date() };

/** The Store owns db from here on: store.close() closes it. */
export function createPgStore(db: Db, options: PgStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const committed = options.onOutboxCommitted ?? (() => {});
  return {
    // Outside a transaction an enqueue commits by itself.
    ...unitOfWork(db, clock, committed),
    async transaction(work) {
      let enqueued = false;
      const result = await db.transaction((tx) => work(unitOfWork(tx, clock, () => (enqueued = true))));
      if (enqueued) committed();
      return result;
    },
    async ready() {
      try {
        const pending = await pendingMigrations(db, migrationsDir);
        if (pending.length > 0) {
          return { ok: false, detail: `${db.description}: migrations not applied: ${pending.join(', ')} (run npm run migrate)` };
        }
        return { ok: true, detail: `${db.description}: reachable, migrations applied` };
      } catch (e) {
        return { ok: false, detail: `${db.description}: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
    close: () => db.close(),
  };
}

/** Repositories bound to one Sql: the pool, or one transaction's client. */
export function unitOfWork(sql: Sql, clock: Clock = systemClock, onEnqueued?: () => void): UnitOfWork {
  return {
    mentions: new PgMentionRepository(sql),
    cases: new PgCaseRepository(sql),
    caseChanges: new PgCaseChanges(sql, clock, onEnqueued),
    events: new PgEventLog(sql),
    outbox: new PgOutbox(sql, clock, onEnqueued),
    accounts: new PgAccountRepository(sql),
    intake: new PgIntakeStore(sql, clock, onEnqueued),
    settings: new PgDeskSettingsRepository(sql),
    reports: new PgReportSource(sql),
    away: new PgAwayRegister(sql),
    holdingLines: new PgHoldingLines(sql),
    personalData: new PgPersonalDataStore(sql),
    dashboard: new PgDashboardSource(sql),
  };
}
