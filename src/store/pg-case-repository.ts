// Owns the cases table: the current state of each case, saved only by whoever saw the latest version.
import type { Case } from '../domain/case.js';
import type { CaseQuery, CaseRepository } from '../services/ports.js';
import type { Sql } from './db.js';
import { notifyNow } from './pg-notifier.js';

const COLUMNS = 'body';

/** Case ids are this and a number from case_number_seq ("MD-1042"). */
export const CASE_ID_PREFIX = 'MD-';

/**
 * Every saved case is announced on this channel ('<case id>:<version>') once its save has committed (never in the
 * saving statement: see pg-notifier.ts), to every replica listening. The web desk's live pages follow it; an
 * announcement lost (a crash between commit and NOTIFY) is found by the feed's poll of the sealed event log.
 */
export const CASE_CHANGED_CHANNEL = 'desk_case_changed';

export interface SavedCase {
  readonly id: string;
  readonly version: number;
}

/**
 * Tells listeners that cases were saved. Called only after the save is committed (or on a transaction's Sql, from
 * inside it, where the NOTIFY goes out on its commit); awaited by the saver, so it may be either.
 */
export type AnnounceCases = (saved: readonly SavedCase[]) => void | Promise<void>;

export function announcementsOf(saved: readonly SavedCase[]): string[] {
  return saved.map((c) => `${c.id}:${c.version}`);
}

/** Announces at once on `sql`: after the commit on the pool, on its commit in a transaction. */
export function announceOn(sql: Sql): AnnounceCases {
  return (saved) => notifyNow(sql, announcementsOf(saved).map((p) => [CASE_CHANGED_CHANNEL, p] as const));
}

/** New cases from `param` (caseRows as JSON), returning id and version (as `saved`). */
export function insertCasesSql(param: string): string {
  return `INSERT INTO cases (id, mention_id, state, version, owner_id, service_tag, kind, opened_at, body)
          SELECT r.id, r.mention_id, r.state, r.version, r.owner_id, r.service_tag, r.kind, r.opened_at, r.body
            FROM jsonb_to_recordset(${param}::jsonb)
              AS r(id text, mention_id text, state text, version integer, owner_id text, service_tag text, kind text, opened_at timestamptz, body jsonb)
          RETURNING id, version`;
}

export function caseRows(cases: readonly Case[]) {
  return cases.map((c) => {
    const [owner_id, service_tag, kind] = searchable(c);
    return { id: c.id, mention_id: c.mentionId, state: c.state, version: c.version, owner_id, service_tag, kind, opened_at: c.openedAt, body: c };
  });
}

/**
 * The case saved only if the stored one is at the expected version (a compare-and-set), returning id and version
 * (as `saved`); its parameters are updateCaseParams ($1 to $8).
 */
export const UPDATE_CASE_SQL = `
  UPDATE cases
     SET state = $3, version = $4, owner_id = $5, service_tag = $6, kind = $7, body = $8, updated_at = now()
   WHERE id = $1 AND version = $2 RETURNING id, version`;

export function updateCaseParams(c: Case, expectedVersion: number): unknown[] {
  // Saving without a version bump would let two writers both match the same version.
  if (c.version <= expectedVersion) {
    throw new Error(`case ${c.id} saved at version ${c.version}, not past the expected ${expectedVersion}: bump the version`);
  }
  return [c.id, expectedVersion, c.state, c.version, ...searchable(c), JSON.stringify(c)];
}

export class PgCaseRepository implements CaseRepository {
  constructor(
    private readonly sql: Sql,
    private readonly announceSaved: AnnounceCases = announceOn(sql),
    private readonly idPrefix = CASE_ID_PREFIX,
  ) {}

  async nextCaseId(): Promise<string> {
    const [id] = await this.nextCaseIds(1);
    return id!;
  }

  async nextCaseIds(count: number): Promise<string[]> {
    if (count <= 0) return [];
    const result = await this.sql.query<{ n: string }>(`SELECT nextval('case_number_seq') AS n FROM generate_series(1, $1::int)`, [count]);
    return result.rows.map((r) => Number(r.n)).sort((a, b) => a - b).map((n) => `${this.idPrefix}${n}`);
  }

  async get(id: string): Promise<Case | null> {
    return this.one(`SELECT ${COLUMNS} FROM cases WHERE id = $1`, [id]);
  }

  async getForUpdate(id: string): Promise<Case | null> {
    return this.one(`SELECT ${COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [id]);
  }

  async findByMention(mentionId: string): Promise<Case | null> {
    return this.one(`SELECT ${COLUMNS} FROM cases WHERE mention_id = $1`, [mentionId]);
  }

  insert(c: Case): Promise<void> {
    return this.insertMany([c]);
  }

  async insertMany(cases: readonly Case[]): Promise<void> {
    if (!cases.length) return;
    const saved = await this.sql.query<SavedCase>(insertCasesSql('$1'), [JSON.stringify(caseRows(cases))]);
    await this.announceSaved(saved.rows);
  }

  async update(c: Case, expectedVersion: number): Promise<boolean> {
    const saved = await this.sql.query<SavedCase>(UPDATE_CASE_SQL, updateCaseParams(c, expectedVersion));
    await this.announceSaved(saved.rows);
    return saved.rowCount === 1;
  }

  async announce(caseIds: readonly string[]): Promise<void> {
    if (!caseIds.length) return;
    const current = await this.sql.query<SavedCase>(`SELECT id, version FROM cases WHERE id = ANY($1::text[])`, [[...caseIds]]);
    await this.announceSaved(current.rows);
  }

  async list(query: CaseQuery): Promise<Case[]> {
    const result = await this.sql.query<{ body: Case }>(
      `SELECT ${COLUMNS} FROM cases
        WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))
          AND ($2::text IS NULL OR owner_id = $2)
        ORDER BY opened_at, id
        LIMIT $3`,
      [query.states ? [...query.states] : null, query.ownerId ?? null, query.limit ?? null],
    );
    return result.rows.map((r) => r.body);
  }

  private async one(text: string, params: unknown[]): Promise<Case | null> {
    const result = await this.sql.query<{ body: Case }>(text, params);
    return result.rows[0]?.body ?? null;
  }
}

/** owner_id, service_tag, kind: copies of the body for filtering. */
function searchable(c: Case): [string | null, string | null, string | null] {
  return [c.owner?.personId ?? null, c.classification?.serviceTag ?? null, c.classification?.kind ?? null];
}
