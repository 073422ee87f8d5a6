// Owns the accounts table: each network author the desk has seen, for moderation history.
import type { ModerationRecord } from '../domain/moderation-record.js';
import type { AccountRepository, AccountSeen } from '../services/ports.js';
import type { Sql } from './db.js';
import { queryModerationRecord } from './moderation-history-query.js';

export interface AccountRecord extends AccountSeen {
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly casesCount: number;
}

interface AccountRow {
  key: string;
  network: string;
  author_id: string;
  name: string;
  handle: string;
  followers: number | null;
  verified: boolean;
  first_seen: Date;
  last_seen: Date;
  cases_count: number;
}

export class PgAccountRepository implements AccountRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Call once per newly opened case (not for duplicates): it counts the author's cases.
   * Name, handle and followers follow the latest sighting; first/last seen only widen, so a
   * late-arriving older mention doesn't move them backwards.
   */
  recordSeen(account: AccountSeen, at: Date): Promise<void> {
    return this.recordSeenMany([{ account, at }]);
  }

  /** One statement; sightings of one author are folded first (a statement may not update a row twice). */
  async recordSeenMany(sightings: readonly { readonly account: AccountSeen; readonly at: Date }[]): Promise<void> {
    if (!sightings.length) return;
    const rows = foldSightings(sightings);
    await this.sql.query(recordSightingsSql('$1'), [JSON.stringify(rows)]);
  }

  /** Read from the event log of the author's cases, so it can never disagree with what happened. */
  history(authorKey: string): Promise<ModerationRecord> {
    return queryModerationRecord(this.sql, authorKey);
  }

  /** Not in the port: for tests and diagnostics. */
  async get(key: string): Promise<AccountRecord | null> {
    const result = await this.sql.query<AccountRow>('SELECT * FROM accounts WHERE key = $1', [key]);
    const r = result.rows[0];
    if (!r) return null;
    return {
      key: r.key,
      network: r.network,
      authorId: r.author_id,
      name: r.name,
      handle: r.handle,
      followers: r.followers,
      verified: r.verified,
      firstSeen: r.first_seen.toISOString(),
      lastSeen: r.last_seen.toISOString(),
      casesCount: r.cases_count,
    };
  }
}

/** The upsert of folded sightings (foldSightings as JSON) from `param`. */
export function recordSightingsSql(param: string): string {
  return `INSERT INTO accounts (key, network, author_id, name, handle, followers, verified, first_seen, last_seen, cases_count)
       SELECT r.key, r.network, r.author_id, r.name, r.handle, r.followers, r.verified, r.first_seen, r.last_seen, r.cases_count
         FROM jsonb_to_recordset(${param}::jsonb) AS r(key text, network text, author_id text, name text, handle text, followers integer,
                                                  verified boolean, first_seen timestamptz, last_seen timestamptz, cases_count integer)
       ON CONFLICT (key) DO UPDATE SET
         name = CASE WHEN EXCLUDED.last_seen >= accounts.last_seen THEN EXCLUDED.name ELSE accounts.name END,
         handle = CASE WHEN EXCLUDED.last_seen >= accounts.last_seen THEN EXCLUDED.handle ELSE accounts.handle END,
         followers = CASE WHEN EXCLUDED.last_seen >= accounts.last_seen THEN EXCLUDED.followers ELSE accounts.followers END,
         verified = CASE WHEN EXCLUDED.last_seen >= accounts.last_seen THEN EXCLUDED.verified ELSE accounts.verified END,
         first_seen = LEAST(accounts.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(accounts.last_seen, EXCLUDED.last_seen),
         cases_count = accounts.cases_count + EXCLUDED.cases_count`;
}

/**
 * One row per author, in key order (so overlapping batches lock rows in the same order): name, handle
 * and followers from the latest sighting, seen-times widened, one case counted per sighting.
 */
export function foldSightings(sightings: readonly { readonly account: AccountSeen; readonly at: Date }[]) {
  const byKey = new Map<string, { key: string; network: string; author_id: string; name: string; handle: string; followers: number | null; verified: boolean; first_seen: Date; last_seen: Date; cases_count: number }>();
  for (const { account: a, at } of sightings) {
    const row = byKey.get(a.key);
    const latest = { name: a.name, handle: a.handle, followers: a.followers, verified: a.verified };
    if (!row) {
      byKey.set(a.key, { key: a.key, network: a.network, author_id: a.authorId, ...latest, first_seen: at, last_seen: at, cases_count: 1 });
      continue;
    }
    if (at >= row.last_seen) Object.assign(row, latest, { last_seen: at });
    if (at < row.first_seen) row.first_seen = at;
    row.cases_count += 1;
  }
  return [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
