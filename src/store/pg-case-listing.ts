// Owns the web desk's case lists in SQL: cases joined to their mentions, filtered as search asks, oldest first.
import type { CaseFilter, CaseListing, CaseListRow } from '../web/case-listing.js';
import type { Sql } from './db.js';

interface Row {
  id: string;
  state: string;
  network: string;
  author_name: string | null;
  author_handle: string | null;
  text: string | null;
  opened_at: Date | string;
  posted_at: string | null;
  first_response_due: string | null;
  owner_name: string | null;
  service_tag: string | null;
  kind: string | null;
}

/** LIKE's own characters in what a person typed are meant literally. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class PgCaseListing implements CaseListing {
  constructor(private readonly sql: Sql) {}

  async list(f: CaseFilter, o: { limit: number; timeZone: string; newestFirst?: boolean }): Promise<CaseListRow[]> {
    const r = await this.sql.query<Row>(
      `SELECT c.id, c.state, m.network, m.body->'author'->>'name' AS author_name, m.body->'author'->>'handle' AS author_handle,
              left(m.body->>'text', 300) AS text, c.opened_at, c.body->>'postedAt' AS posted_at,
              c.body->'deadlines'->>'first_response' AS first_response_due, c.body->'owner'->>'name' AS owner_name, c.service_tag, c.kind
         FROM cases c JOIN mentions m ON m.id = c.mention_id
        WHERE ($1::text[] IS NULL OR c.state = ANY($1::text[]))
          AND ($2::text IS NULL OR c.owner_id = $2)
          AND ($3::text IS NULL OR m.body->>'text' ILIKE $3 OR m.body->'parent'->>'text' ILIKE $3)
          AND ($4::text IS NULL OR m.body->'author'->>'name' ILIKE $4 OR m.body->'author'->>'handle' ILIKE $4)
          AND ($5::text IS NULL OR c.service_tag = $5)
          AND ($6::text IS NULL OR c.kind = $6)
          AND ($7::text IS NULL OR m.network = $7)
          AND ($8::text IS NULL OR m.body->>'kind' = $8)
          AND ($9::date IS NULL OR c.opened_at >= ($9::date::timestamp AT TIME ZONE $11))
          AND ($10::date IS NULL OR c.opened_at < (($10::date + 1)::timestamp AT TIME ZONE $11))
        ORDER BY c.opened_at ${o.newestFirst ? 'DESC' : 'ASC'}, c.id
        LIMIT $12`,
      [
        f.states ? [...f.states] : f.state ? [f.state] : null, f.ownerId ?? null,
        f.text ? likePattern(f.text) : null, f.author ? likePattern(f.author) : null,
        f.service || null, f.kind || null, f.network ?? null, f.mentionKind ?? null, f.from ?? null, f.to ?? null, o.timeZone, o.limit,
      ],
    );
    return r.rows.map((row) => ({
      id: row.id, state: row.state, network: row.network, authorName: row.author_name ?? '', authorHandle: row.author_handle ?? '',
      text: row.text ?? '', openedAt: new Date(row.opened_at).toISOString(), postedAt: row.posted_at ?? new Date(row.opened_at).toISOString(),
      firstResponseDue: row.first_response_due, ownerName: row.owner_name, serviceTag: row.service_tag, kind: row.kind,
    }));
  }
}
