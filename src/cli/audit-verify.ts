// Owns `npm run audit:verify`: walks the event log's hash chain and names the first event that does not fit.
import { databaseOptionsFromEnv } from '../store/database-from-env.js';
import { openDatabase } from '../store/open-database.js';
import { PgEventLog } from '../store/pg-event-log.js';
import { checkCheckpoints } from './audit-checkpoints.js';

async function main(): Promise<number> {
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    const present = await db.query<{ ok: boolean }>(`SELECT to_regclass('events') IS NOT NULL AS ok`);
    if (!present.rows[0]?.ok) {
      console.error(`${db.description}: no event log here yet (run npm run migrate, or check DATABASE_URL / DESK_DATA_DIR)`);
      return 1;
    }
    const verdict = await new PgEventLog(db).verifyChain();
    if (verdict.ok) {
      console.log(`chain intact: ${verdict.count} events (${db.description})`);
      // A chain rewritten and re-hashed is intact by itself: only the checkpoints signed before can tell.
      return await checkCheckpoints(db);
    }
    const bad = verdict.firstBad;
    console.error(`chain broken at event seq ${bad.seq} (id ${bad.id}, case ${bad.caseId}): ${verdict.reason}`);
    console.error(`${verdict.count} events before it verified intact (${db.description})`);
    return 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`audit:verify failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
