// Owns the cases table: the current state of each case, saved only by whoever saw the latest version.
import type { Case } from '../domain/case.js';
import type { CaseQuery, CaseRepository } from '../services/ports.js';
import type { Sql } from './db.js';

const COLUMNS = 'body';

/**
 * Every saved case is announced on this channel ('<case id>:<version>'), in the saving transaction: NOTIFY is
 * delivered on commit to every replica listening, and not at all on rollback. The web desk's live pages follow it.
 */
export const CASE_CHANGED_CHANNEL = 'desk_case_changed';
const ANNOUNCE = `SELECT pg_notify('${CASE_CHANGED_CHANNEL}', id || ':' || version) FROM saved`;

export class PgCaseRepository implements CaseRepository {
  constructor(
    private readonly sql: Sql,
    private readonly idPrefix = 'MD-',
  ) {}

  async nextCaseId(): Promise<string> {
    const result = await this.sql.query<{ n: string }>(`SELECT nextval('case_number_seq') AS n`);
    return `${this.idPrefix}${result.rows[0]?.n}`;
  }

  async get(id: string): Promise<Case | null> {
    return this.one(`SELECT ${COLUMNS} FROM cases WHERE id = $1`, [id]);
  }

  async findByMention(mentionId: string): Promise<Case | null> {
    return this.one(`SELECT ${COLUMNS} FROM cases WHERE mention_id = $1`, [mentionId]);
  }

  async insert(c: Case): Promise<void> {
    await this.sql.query(
      `WITH saved AS (
         INSERT INTO cases (id, mention_id, state, version, owner_id, service_tag, kind, opened_at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, version)
       ${ANNOUNCE}`,
      [c.id, c.mentionId, c.state, c.version, ...searchable(c), c.openedAt, JSON.stringify(c)],
    );
  }

  async update(c: Case, expectedVersion: number): Promise<boolean> {
    // Saving without a version bump would let two writers both match the same version.
    if (c.version <= expectedVersion) {
      throw new Error(`case ${c.id} saved at version ${c.version}, not past the expected ${expectedVersion}: bump the version`);
    }
    const result = await this.sql.query(
      `WITH saved AS (
         UPDATE cases
            SET state = $3, version = $4, owner_id = $5, service_tag = $6, kind = $7, body = $8, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id, version)
       ${ANNOUNCE}`,
      [c.id, expectedVersion, c.state, c.version, ...searchable(c), JSON.stringify(c)],
    );
    return result.rowCount === 1;
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
