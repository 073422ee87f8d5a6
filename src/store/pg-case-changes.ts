// Owns a case command's save as one statement: the case by compare-and-set, and only if that matched, its events,
// their residents' fields and its outbox items. The SQL of each table is its repository's, composed as the CTEs
// of one statement (as intake's record is): BEGIN, three statements and COMMIT were five round trips, and every
// command on the case, the losers of a crowd on one card among them, waited for the last of them.
import type { Case } from '../domain/case.js';
import type { CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import type { CaseChange, CaseChangeOutcome, CaseChangeStore } from '../services/case-change-ports.js';
import type { Clock } from '../services/ports.js';
import type { Sql } from './db.js';
import { announceOn, UPDATE_CASE_SQL, updateCaseParams, type AnnounceCases } from './pg-case-repository.js';
import { eventParams, identifyEvents, insertEventsCtes, withSeqs } from './pg-event-log.js';
import { anyDueNow, enqueueSql, outboxRows } from './pg-outbox.js';

/** A parameter that is null, and so inserts no row, unless the case was saved. */
const ifSaved = (param: string) => `(SELECT ${param}::jsonb FROM saved)`;

/**
 * Data-modifying CTEs all run, whatever reads them: the inserts are kept to nothing by their parameters, which are
 * read through `saved`, so the UPDATE runs first and takes the case's row before any event goes in (the order
 * every writer of a case keeps: see CaseRepository.getForUpdate). The last line says whether the case was saved;
 * when it was not, `current` is the case as the writer that
 * beat it committed it. A plain read in this statement would see its snapshot, taken before that writer
 * committed if the UPDATE waited for it; a locking read (FOR SHARE) is given the row's newest committed version.
 */
const SAVE = `
  WITH saved AS (${UPDATE_CASE_SQL}),
  current AS (SELECT body FROM cases WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM saved) FOR SHARE),
  ${insertEventsCtes(ifSaved('$9'), ifSaved('$10'))},
  queued AS (${enqueueSql(ifSaved('$11'))})
  SELECT seq, id, NULL::bigint AS saved, NULL::jsonb AS current FROM inserted
  UNION ALL SELECT NULL, NULL, (SELECT count(*) FROM saved), (SELECT body FROM current)`;

export class PgCaseChanges implements CaseChangeStore {
  constructor(
    private readonly sql: Sql,
    // The outbox's "now" must come from the clock the worker compares run_at with.
    private readonly clock: Clock,
    private readonly onEnqueued: () => void = () => {},
    private readonly announceSaved: AnnounceCases = announceOn(sql),
  ) {}

  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[] {
    return identifyEvents(events);
  }

  async save(change: CaseChange): Promise<CaseChangeOutcome> {
    const now = this.clock.now();
    const result = await this.sql.query<{ seq: string | null; id: string | null; saved: string | null; current: Case | null }>(
      SAVE,
      [...updateCaseParams(change.case, change.expectedVersion), ...eventParams(change.events), JSON.stringify(outboxRows(change.outbox, now))],
      { prepareAs: 'desk_case_change' },
    );
    const outcome = result.rows.find((r) => r.saved !== null);
    if (Number(outcome?.saved ?? 0) !== 1) return { saved: false, current: outcome?.current ?? null };
    const events = withSeqs(change.events, result.rows.filter((r): r is { seq: string; id: string; saved: null; current: null } => r.id !== null));
    if (anyDueNow(change.outbox, now)) this.onEnqueued();
    await this.announceSaved([change.case]);
    return { saved: true, events };
  }
}
