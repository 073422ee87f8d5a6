// Owns the card_messages rows: where each case's chat messages are, and the reservation that keeps a post from
// happening twice. A row with message_id '' is a post under way (or one whose outcome is unknown).
import type { CardMessage, CardMessageRepository } from '../services/ports.js';
import type { Sql } from './db.js';

/** Longer than a Web API call can take (10 s timeout), shorter than the outbox lease (60 s). */
export const IN_FLIGHT_SECONDS = 45;

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
  attempt_at: Date;
  attempt_to: Date;
}

const SELECT = `SELECT case_id, surface, purpose, channel, message_id, thread_id, created_at, updated_at::text AS version,
  (message_id = '' AND updated_at > now() - make_interval(secs => ${IN_FLIGHT_SECONDS})) AS in_flight,
  attempt_at, COALESCE(attempt_ended_at, attempt_at + make_interval(secs => ${IN_FLIGHT_SECONDS})) AS attempt_to FROM card_messages`;
const KEY = 'case_id = $1 AND surface = $2 AND purpose = $3';

export function createPgCardMessageRepository(sql: Sql): CardMessageRepository {
  const toMessage = (r: Row): CardMessage => ({
    caseId: r.case_id, surface: r.surface, purpose: r.purpose, channel: r.channel, messageId: r.message_id,
    threadId: r.thread_id, createdAt: r.created_at, version: r.version, inFlight: r.in_flight,
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
    async markUnknown(caseId, surface, purpose) {
      await sql.query(`UPDATE card_messages SET updated_at = 'epoch', attempt_ended_at = COALESCE(attempt_ended_at, now()) WHERE ${KEY} AND message_id = ''`, [caseId, surface, purpose]);
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
