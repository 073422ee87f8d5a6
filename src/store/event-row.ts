// Owns the shape of one row of the event log as the database returns it (pg-event-log.ts writes and reads it; the
// chain verifier checks it).
import type { CaseEvent } from '../domain/events.js';

export interface EventRow {
  seq: string;
  id: string;
  case_id: string;
  type: string;
  case_version: number;
  occurred_at: Date;
  actor_id: string;
  surface: string;
  rule: string | null;
  body: CaseEvent;
  prev_hash: string | null;
  hash: string | null;
}
