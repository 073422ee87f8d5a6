// Owns the web_sessions and web_sign_in_links tables: only hashes of the secrets are stored.
import { createHash } from 'node:crypto';
import type { WebSession, WebSessionStore } from '../web/web-session-store.js';
import { webPersonSchema, type WebPerson } from '../web/web-person.js';
import type { Sql } from './db.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export class PgWebSessionStore implements WebSessionStore {
  constructor(private readonly sql: Sql) {}

  async createSession(id: string, s: WebSession, now: Date): Promise<void> {
    // Expired sessions go as new ones come, so the table stays the size of the people signed in.
    await this.sql.query('DELETE FROM web_sessions WHERE expires_at < $1', [now]);
    await this.sql.query(
      'INSERT INTO web_sessions (id_hash, person, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sha256(id), JSON.stringify(s.person), s.csrfToken, now, s.expiresAt],
    );
  }

  async findSession(id: string, now: Date): Promise<WebSession | null> {
    const r = await this.sql.query<{ person: unknown; csrf_token: string; expires_at: Date | string }>(
      'SELECT person, csrf_token, expires_at FROM web_sessions WHERE id_hash = $1 AND expires_at > $2',
      [sha256(id), now],
    );
    const row = r.rows[0];
    const person = row ? webPersonSchema.safeParse(row.person) : null;
    return row && person?.success ? { person: person.data, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) } : null;
  }

  async endSession(id: string): Promise<void> {
    await this.sql.query('DELETE FROM web_sessions WHERE id_hash = $1', [sha256(id)]);
  }

  async createSignInLink(token: string, person: WebPerson, now: Date, expiresAt: Date): Promise<void> {
    await this.sql.query(
      'INSERT INTO web_sign_in_links (token_hash, person, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [sha256(token), JSON.stringify(person), now, expiresAt],
    );
  }

  async useSignInLink(token: string, now: Date): Promise<WebPerson | null> {
    // One UPDATE decides: two replicas given the same link at once cannot both see it unused.
    const r = await this.sql.query<{ person: unknown }>(
      `UPDATE web_sign_in_links SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING person`,
      [sha256(token), now],
    );
    const parsed = r.rows[0] ? webPersonSchema.safeParse(r.rows[0].person) : null;
    return parsed?.success ? parsed.data : null;
  }
}
