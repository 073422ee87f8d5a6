// Owns the database handle every repository uses (the Sql port) and its PostgreSQL form: a pg
// Pool, transactions on one client, connection failures mapped to StoreUnavailableError.
import pg from 'pg';
import { listenOnPostgres, type StopListening } from './pg-listen.js';
import { toStoreError } from './store-errors.js';

export type DbKind = 'postgres' | 'pglite';

export interface Rows<T> {
  readonly rows: T[];
  readonly rowCount: number;
}

/** How one query is sent. */
export interface QueryOptions {
  /**
   * A name PostgreSQL keeps the statement under, parsed once per connection and planned once it finds a generic
   * plan as good as a custom one: for statements run many times a second whose text never changes (one text per
   * name, always). PGlite ignores it.
   */
  readonly prepareAs?: string;
}

/** What repositories need: queries, and a transaction that joins the current one if any. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Rows<T>>;
  /**
   * Runs work on one client between BEGIN and COMMIT (ROLLBACK if it throws). Called on a
   * transaction's Sql it joins that transaction, so a repository can always ask for one.
   * Inside, query only through `tx`: on PGlite an open transaction holds up every other
   * client, so awaiting the pool from inside never returns (on PostgreSQL it may wait on
   * this transaction's locks). Do no network calls inside either, for the same reason.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface Db extends Sql {
  readonly kind: DbKind;
  /** For logs and /readyz: where the data lives, without credentials. */
  readonly description: string;
  /** PostgreSQL: the URL it connects with (tests hand it to a CLI); PGlite: undefined. */
  readonly connectionString: string | undefined;
  /**
   * Another handle on the same database, as a second process would have (tests play two
   * replicas with it). Close it before this one.
   */
  openSecondHandle(): Db;
  /**
   * A one-connection handle without the request timeouts, for work that may rightly take minutes
   * (migrations, an index on a big table). Close it after; PGlite has no timeouts to lift.
   */
  openMaintenanceHandle(): Db;
  /**
   * Calls back with each NOTIFY payload on `channel`, from any connection or replica (PostgreSQL: a
   * dedicated connection; PGlite: in-process). NOTIFY inside a transaction arrives only if it commits.
   * `onResumed` is called when listening starts again after the connection was lost: notifications sent
   * while it was down are not delivered.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResumed?: () => void): Promise<StopListening>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  readonly kind: DbKind;
  readonly description: string;
  /** Runs after the pool has ended (stop an embedded server, release a lock). */
  readonly onClose?: () => Promise<void>;
}

/** A Db on a PostgreSQL server through a pg Pool. */
export function createDb(poolConfig: pg.PoolConfig, options: CreateDbOptions): Db {
  const pool = new pg.Pool({ connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, ...poolConfig });
  // An idle client losing its server emits 'error' on the pool; unhandled, that kills the
  // process. The next query then fails and is mapped to StoreUnavailableError.
  pool.on('error', () => {});
  let closed: Promise<void> | null = null;

  return {
    kind: options.kind,
    description: options.description,
    connectionString: poolConfig.connectionString,
    openSecondHandle: () => createDb({ ...poolConfig }, { kind: options.kind, description: `${options.description} (second handle)` }),
    openMaintenanceHandle() {
      const { query_timeout: _q, statement_timeout: _s, idle_in_transaction_session_timeout: _i, ...rest } = poolConfig;
      return createDb({ ...rest, max: 1 }, { kind: options.kind, description: options.description });
    },
    query: (text, params, options) => runQuery(pool, text, params, options),
    listen: (channel, onPayload, onResumed) => listenOnPostgres(listenerConfig(poolConfig), channel, onPayload, onResumed),
    async transaction(work) {
      const client = await pool.connect().catch((e: unknown) => Promise.reject(toStoreError(e)));
      return inTransaction(client, work);
    },
    close() {
      closed ??= pool.end().then(() => options.onClose?.());
      return closed;
    },
  };
}

/** A listener waits indefinitely for notifications: the request timeouts do not apply to it. */
function listenerConfig(poolConfig: pg.PoolConfig): pg.ClientConfig {
  const { max: _m, idleTimeoutMillis: _i, query_timeout: _q, statement_timeout: _s, idle_in_transaction_session_timeout: _t, ...rest } = poolConfig;
  return rest;
}

async function runQuery<T>(q: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Rows<T>> {
  try {
    const values = params as unknown[] | undefined;
    const result = await (options?.prepareAs ? q.query({ name: options.prepareAs, text, values }) : q.query(text, values));
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  } catch (e) {
    throw toStoreError(e);
  }
}

async function inTransaction<T>(client: pg.PoolClient, work: (tx: Sql) => Promise<T>): Promise<T> {
  let finished = false;
  const tx: Sql = {
    query(text, params, options) {
      // A query after COMMIT would run on a client already handed to someone else.
      if (finished) return Promise.reject(new Error('transaction already finished: use the store, not a kept tx'));
      return runQuery(client, text, params, options);
    },
    transaction: (inner) => inner(tx),
  };
  let broken: Error | undefined;
  try {
    await runQuery(client, 'BEGIN');
    const result = await work(tx);
    await runQuery(client, 'COMMIT');
    return result;
  } catch (e) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is gone or confused: destroy it rather than hand it to the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw toStoreError(e);
  } finally {
    finished = true;
    client.release(broken);
  }
}
