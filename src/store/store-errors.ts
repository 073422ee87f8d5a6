// Owns the one mapping from pg/socket failures to StoreUnavailableError (intake answers 503).
import { StoreUnavailableError } from '../services/errors.js';

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the database is not there right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '57014', // query_canceled: our statement_timeout, on a server too slow to serve us
]);

// pg reports pool and protocol trouble as plain Errors without a code.
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /Client was closed and is not queryable/i,
  /Too many connections/i,
  // Embedded PGlite after (or while) the desk closes it.
  /PGlite is clos(ed|ing)/,
  // pg's client-side query_timeout: the server did not answer at all.
  /Query read timeout/i,
];

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(error.message))) return true;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  if (error instanceof AggregateError) return error.errors.some(isStoreUnavailable);
  return false;
}

/** StoreUnavailableError for connection failures; any other error unchanged (a bug or a constraint). */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isStoreUnavailable(error)) return error;
  const detail = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
  return new StoreUnavailableError(`the database is unreachable: ${detail}`, { cause: error });
}
