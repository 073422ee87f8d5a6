// Owns the card_messages rows: where each case's chat messages are, and the reservation that keeps a post from
// happening twice. A row with message_id '' is a post under way (or one whose outcome is unknown).
import type { CardMessage, CardMessageRepository } from '../services/ports.js';
import type { Sql } from './db.js';

/** Longer than a Web API call can take (10 s timeout), shorter than the outbox lease (60 s). */
export const IN_FLIGHT_SECONDS = 45;

/**
 * After an attempt got no answer at all (our timeout, a dropped connection), how long its request may still land
 * on the platform's side: a look for it before then could miss it and post a second one. Twice the default timeout.
 */
export const DEFAULT_LANDING_GRACE_SECONDS = 20;

interface Row {
  case_id: string;
  surface: string;
  purpose: string;
  channel: string;
  message_id: string;
  thread_id: string | null;
  created_at: Date;
  version: string;
  in_flight: boolean;
  landing: boolean;
  attempt_at: Date;
  attempt_to: Date;
}

const SELECT = `SELECT case_id, surface, purpose, channel, message_id, thread_id, created_at, updated_at::text AS version,
  (message_id = '' AND updated_at > now() - make_interval(secs => ${IN_FLIGHT_SECONDS})) AS in_flight,
  (message_id = '' AND COALESCE(attempt_ended_at > now(), false)) AS landing,
  attempt_at, COALESCE(attempt_ended_at, attempt_at + make_interval(secs => ${IN_FLIGHT_SECONDS})) AS attempt_to FROM card_messages`;
const KEY = 'case_id = $1 AND surface = $2 AND purpose = $3';

export interface CardMessageRepositoryOptions {
  /** See DEFAULT_LANDING_GRACE_SECONDS; at least the longest a chat call may take (its timeout). */
  readonly landingGraceSeconds?: number;
}

export function createPgCardMessageRepository(sql: Sql, options: CardMessageRepositoryOptions = {}): CardMessageRepository {
  const grace = Math.ceil(options.landingGraceSeconds ?? DEFAULT_LANDING_GRACE_SECONDS);
  if (!Number.isFinite(grace) || grace < 0) throw new RangeError(`landingGraceSeconds must be a number of seconds, not ${options.landingGraceSeconds}`);
  const toMessage = (r: Row): CardMessage => ({
    caseId: r.case_id, surface: r.surface, purpose: r.purpose, channel: r.channel, messageId: r.message_id,
    threadId: r.thread_id, createdAt: r.created_at, version: r.version, inFlight: r.in_flight, landing: r.landing,
    attemptWindow: { from: r.attempt_at, to: r.attempt_to },
  });
  return {
    async get(caseId, surface, purpose) {
      const res = await sql.query<Row>(`${SELECT} WHERE ${KEY}`, [caseId, surface, purpose]);
      return res.rows[0] ? toMessage(res.rows[0]) : null;
    },
    async reserve(caseId, surface, purpose, channel) {
      const res = await sql.query(
        `INSERT INTO card_messages (case_id, surface, purpose, channel, message_id) VALUES ($1, $2, $3, $4, '') ON CONFLICT DO NOTHING`,
        [caseId, surface, purpose, channel],
      );
      return res.rowCount === 1;
    },
    async takeOver(row) {
      const res = await sql.query(
        `UPDATE card_messages SET updated_at = now() WHERE ${KEY} AND message_id = '' AND updated_at = $4::timestamptz`,
        [row.caseId, row.surface, row.purpose, row.version],
      );
      return res.rowCount === 1;
    },
    async beginAttempt(caseId, surface, purpose) {
      await sql.query(
        `UPDATE card_messages SET attempt_at = now(), attempt_ended_at = NULL, updated_at = now() WHERE ${KEY} AND message_id = ''`,
        [caseId, surface, purpose],
      );
    },
    async complete(caseId, surface, purpose, channel, messageId, threadId) {
      await sql.query(
        `INSERT INTO card_messages (case_id, surface, purpose, channel, message_id, thread_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (case_id, surface, purpose) DO UPDATE SET channel = $4, message_id = $5, thread_id = $6, updated_at = now()`,
        [caseId, surface, purpose, channel, messageId, threadId],
      );
    },
    async release(caseId, surface, purpose) {
      await sql.query(`DELETE FROM card_messages WHERE ${KEY} AND message_id = ''`, [caseId, surface, purpose]);
    },
    async markUnknown(caseId, surface, purpose, mayStillLand = false) {
      // attempt_ended_at is when the attempt can no longer land: later than now when it got no answer.
      await sql.query(
        `UPDATE card_messages SET updated_at = 'epoch', attempt_ended_at = COALESCE(attempt_ended_at, now() + make_interval(secs => $4)) WHERE ${KEY} AND message_id = ''`,
        [caseId, surface, purpose, mayStillLand ? grace : 0],
      );
    },
    async forget(caseId, surface, purpose) {
      await sql.query(`DELETE FROM card_messages WHERE ${KEY}`, [caseId, surface, purpose]);
    },
    async listPosted(caseId, surface) {
      const res = await sql.query<Row>(`${SELECT} WHERE case_id = $1 AND surface = $2 AND message_id <> '' ORDER BY created_at, purpose`, [caseId, surface]);
      return res.rows.map(toMessage);
    },
  };
}
