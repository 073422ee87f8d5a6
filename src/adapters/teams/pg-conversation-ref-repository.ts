// Owns the Teams rows of conversation_refs: where the bot can reach (a team's channels, a person's 1:1 chat),
// captured from what Teams sends us, so cards can be posted proactively.
// (SQL in an adapter: it is Teams-only state; move to src/store if a second surface ever needs it.)
import type { ConversationReference } from '@microsoft/teams.api';
import type { Sql } from '../../store/db.js';

const SURFACE = 'teams';

export interface ConversationRefRepository {
  save(key: string, ref: ConversationReference): Promise<void>;
  get(key: string): Promise<ConversationReference | null>;
  /** The most recently seen reference: the bot's id, the tenant and the regional serviceUrl to reuse. */
  latest(): Promise<ConversationReference | null>;
  /** Records that these channels are in the team whose Entra group id is given (what Graph calls the team). */
  saveTeamOf(channelIds: readonly string[], aadGroupId: string): Promise<void>;
  /** The Entra group id of the team holding this channel (or team id); null when Teams never said. */
  teamOf(channelId: string): Promise<string | null>;
}

export function createPgConversationRefRepository(sql: Sql): ConversationRefRepository {
  return {
    async save(key, ref) {
      await sql.query(
        `INSERT INTO conversation_refs (surface, key, body) VALUES ($1, $2, $3)
         ON CONFLICT (surface, key) DO UPDATE SET body = $3, updated_at = now()`,
        [SURFACE, key, JSON.stringify(ref)],
      );
    },
    async get(key) {
      const res = await sql.query<{ body: ConversationReference }>(`SELECT body FROM conversation_refs WHERE surface = $1 AND key = $2`, [SURFACE, key]);
      return res.rows[0]?.body ?? null;
    },
    async latest() {
      const res = await sql.query<{ body: ConversationReference }>(
        `SELECT body FROM conversation_refs WHERE surface = $1 ORDER BY updated_at DESC, key LIMIT 1`,
        [SURFACE],
      );
      return res.rows[0]?.body ?? null;
    },
    async saveTeamOf(channelIds, aadGroupId) {
      await sql.query(
        `INSERT INTO teams_channel_teams (channel_id, aad_group_id) SELECT unnest($1::text[]), $2
         ON CONFLICT (channel_id) DO UPDATE SET aad_group_id = $2, updated_at = now()`,
        [channelIds, aadGroupId],
      );
    },
    async teamOf(channelId) {
      const res = await sql.query<{ aad_group_id: string }>(`SELECT aad_group_id FROM teams_channel_teams WHERE channel_id = $1`, [channelId]);
      return res.rows[0]?.aad_group_id ?? null;
    },
  };
}

/** Keys: a channel by its id ("19:…@thread.tacv2"), a person's 1:1 chat by their Entra object id. */
export function userKey(aadObjectId: string): string {
  return `user:${aadObjectId.toLowerCase()}`;
}

/** Where a person was last seen: its `user.id` is their MRI (29:…), which card refreshes name them by. */
export function seenKey(aadObjectId: string): string {
  return `seen:${aadObjectId.toLowerCase()}`;
}
