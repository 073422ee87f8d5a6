// Owns `npm run migrate`: applies pending migrations to the configured store and says which.
import { databaseOptionsFromEnv } from '../store/database-from-env.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/open-database.js';
import { withoutTimeouts } from '../store/open-postgres.js';

async function main(): Promise<number> {
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    const applied = await withoutTimeouts(db, (d) => migrate(d));
    if (applied.length === 0) console.log(`${db.description}: up to date, nothing to apply`);
    for (const name of applied) console.log(`${db.description}: applied ${name}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`migrate failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
