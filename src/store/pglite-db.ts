// Owns the Sql port on embedded PGlite, in-process: PGlite runs one query or one whole
// transaction at a time (its own exclusive lock), so callers can never interleave statements.
import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import type { Db, Rows, Sql } from './db.js';
import { toStoreError } from './store-errors.js';

/** The PGlite instance or one of its open transactions: both take the same calls. */
type PgliteRunner = Pick<PGlite | Transaction, 'query' | 'exec'>;

export interface PgliteDbOptions {
  readonly description: string;
  /** Runs once, when the last handle on this PGlite closes (stop PGlite, release the folder lock). */
  readonly onClose: () => Promise<void>;
}

/**
 * A Db on one PGlite instance. Second handles (for tests playing two replicas) share it: like two
 * processes on one server, each waits its turn, and only the first handle's close stops PGlite.
 */
export function createPgliteDb(pglite: PGlite, options: PgliteDbOptions): Db {
  let closed: Promise<void> | null = null;
  const handle = (description: string, close: () => Promise<void>): Db => ({
    kind: 'pglite',
    description,
    connectionString: undefined,
    query: (text, params) => runQuery(pglite, text, params),
    transaction: (work) => runTransaction(pglite, work),
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      // A closed PGlite has no listeners left to remove; its unlisten would throw "PGlite is closed" (seen when a
      // test closes the store under a running desk, then stops the desk).
      return async () => {
        if (pglite.closed) return;
        try {
          await unlisten();
        } catch (e) {
          if (!pglite.closed) throw e;
        }
      };
    },
    openSecondHandle: () => handle(`${options.description} (second handle)`, async () => {}),
    openMaintenanceHandle: () => handle(options.description, async () => {}),
    close,
  });
  return handle(options.description, () => {
    closed ??= options.onClose();
    return closed;
  });
}

/**
 * Without parameters a query goes as a simple query, as pg sends it: several statements may
 * stand in one text (migrations) and the last one's rows are the answer.
 */
async function runQuery<T>(runner: PgliteRunner, text: string, params?: readonly unknown[]): Promise<Rows<T>> {
  try {
    if (params && params.length > 0) return toRows<T>(await runner.query<T>(text, params as unknown[]));
    const results = await runner.exec(text);
    return toRows<T>((results.at(-1) ?? { rows: [], fields: [], affectedRows: 0 }) as Results<T>);
  } catch (e) {
    throw toStoreError(e);
  }
}

/** pg's rowCount: rows returned for a statement with results, rows changed for one without. */
function toRows<T>(result: Results<T>): Rows<T> {
  const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
  return { rows: result.rows, rowCount };
}

async function runTransaction<T>(pglite: PGlite, work: (tx: Sql) => Promise<T>): Promise<T> {
  try {
    return await pglite.transaction(async (inner) => {
      let finished = false;
      const tx: Sql = {
        query(text, params) {
          if (finished) return Promise.reject(new Error('transaction already finished: use the store, not a kept tx'));
          return runQuery(inner, text, params);
        },
        transaction: (nested) => nested(tx),
      };
      try {
        return await work(tx);
      } finally {
        finished = true;
      }
    });
  } catch (e) {
    throw toStoreError(e);
  }
}
