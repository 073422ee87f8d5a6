// Owns assembling the PostgreSQL repositories into the Store port, with transactions and readiness.
import type { Log } from '../services/log.js';
import type { Clock, Store, UnitOfWork } from '../services/ports.js';
import type { Db, Sql } from './db.js';
import { defaultMigrationsDir } from './migration-files.js';
import { pendingMigrations } from './migrate.js';
import { PgAccountRepository } from './pg-account-repository.js';
import { announceOn, announcementsOf, CASE_CHANGED_CHANNEL, PgCaseRepository, type AnnounceCases, type SavedCase } from './pg-case-repository.js';
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
import { createNotifier } from './pg-notifier.js';

export interface PgStoreOptions {
  /** The outbox's "now" for items without runAt; must be the clock the outbox worker uses. */
  readonly clock?: Clock;
  readonly migrationsDir?: string;
  /** Called after a commit that enqueued outbox items (wakes the worker: see outbox-signal.ts). */
  readonly onOutboxCommitted?: () => void;
  /** Told when a case announcement could not be sent (the live pages' poll finds the change later). */
  readonly logger?: Pick<Log, 'warn'>;
}

const systemClock: Clock = { now: () => new Date() };

/** The Store owns db from here on: store.close() closes it. */
export function createPgStore(db: Db, options: PgStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const committed = options.onOutboxCommitted ?? (() => {});
  const announce = announcerOn(db, options.logger);
  return {
    // Outside a transaction an enqueue or a save commits by itself: it is told of at once.
    ...unitOfWork(db, clock, committed, announce),
    async transaction(work) {
      let enqueued = false;
      const saved: SavedCase[] = [];
      const result = await db.transaction((tx) => work(unitOfWork(tx, clock, () => (enqueued = true), (s) => void saved.push(...s))));
      if (enqueued) committed();
      await announce(saved);
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

/**
 * PostgreSQL: batched, after the commit, not awaited (pg-notifier.ts). PGlite: at once, awaited by the saver, as
 * in a transaction there: it has no lock to spare anyone (one connection), and a chain of its queries settles as
 * promise callbacks without the event loop turning, so a batch sent on a timer waited for whatever
 * next waited on a timer or a socket.
 */
function announcerOn(db: Db, logger?: Pick<Log, 'warn'>): AnnounceCases {
  if (db.kind === 'pglite') {
    const now = announceOn(db);
    // After the commit: a failure must not make a committed save look failed (the live pages' poll finds it).
    return async (saved) => {
      await Promise.resolve(now(saved)).catch((err: unknown) => logger?.warn({ err }, 'could not announce saved cases; the live pages find them at their next poll'));
    };
  }
  const notifier = createNotifier(db, logger);
  return (saved) => notifier.notify(CASE_CHANGED_CHANNEL, announcementsOf(saved));
}

/**
 * Repositories bound to one Sql: the pool, or one transaction's client. `onEnqueued` and `announce` are told of
 * outbox items and saved cases when their statement has run: the caller decides whether that is after the commit.
 * Without `announce`, saves are announced through `sql` at once (in a transaction, on its commit).
 */
export function unitOfWork(sql: Sql, clock: Clock = systemClock, onEnqueued?: () => void, announce: AnnounceCases = announceOn(sql)): UnitOfWork {
  return {
    mentions: new PgMentionRepository(sql),
    cases: new PgCaseRepository(sql, announce),
    caseChanges: new PgCaseChanges(sql, clock, onEnqueued, announce),
    events: new PgEventLog(sql),
    outbox: new PgOutbox(sql, clock, onEnqueued),
    accounts: new PgAccountRepository(sql),
    intake: new PgIntakeStore(sql, clock, onEnqueued, announce),
    settings: new PgDeskSettingsRepository(sql),
    reports: new PgReportSource(sql),
    away: new PgAwayRegister(sql),
    holdingLines: new PgHoldingLines(sql),
    personalData: new PgPersonalDataStore(sql),
    dashboard: new PgDashboardSource(sql),
  };
}
