// Owns opening the desk's store and policy for the data-protection CLIs (erase, retention, exports, checkpoint).
import { randomUUID } from 'node:crypto';
import { loadPolicy } from '../config/load-policy.js';
import { checkpointSettingsFromEnv, type CheckpointSettings } from '../config/checkpoint-settings.js';
import type { ChatSurface } from '../policy/policy-directory.js';
import { createWorkingCalendar } from '../policy/working-calendar.js';
import type { DeskContext } from '../services/desk-context.js';
import { createPgStore } from '../store/create-pg-store.js';
import { databaseOptionsFromEnv } from '../store/database-from-env.js';
import type { Db } from '../store/db.js';
import { openDatabase } from '../store/open-database.js';

export interface CliDesk {
  readonly ctx: DeskContext;
  readonly db: Db;
  readonly checkpoints: CheckpointSettings | null;
  close(): Promise<void>;
}

/** The chat platforms the desk's environment configures: notices queued here go to each. */
function surfacesFromEnv(env: NodeJS.ProcessEnv): ChatSurface[] {
  return [env.SLACK_BOT_TOKEN?.trim() ? ('slack' as const) : null, env.MICROSOFT_APP_ID?.trim() || env.TEAMS_ALLOW_UNAUTHENTICATED?.trim() ? ('teams' as const) : null].filter((s): s is ChatSurface => s !== null);
}

export async function openCliDesk(env: NodeJS.ProcessEnv = process.env): Promise<CliDesk> {
  const policy = await loadPolicy(env.DESK_POLICY?.trim() || null);
  const db = await openDatabase(databaseOptionsFromEnv(env));
  const store = createPgStore(db);
  const ready = await store.ready();
  if (!ready.ok) {
    await db.close();
    throw new Error(ready.detail);
  }
  const clock = { now: () => new Date() };
  const ctx: DeskContext = { store, clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: surfacesFromEnv(env), newId: randomUUID };
  return { ctx, db, checkpoints: checkpointSettingsFromEnv(env), close: () => db.close() };
}

/** Runs a CLI's main, printing a failure as one line and exiting with its code. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
