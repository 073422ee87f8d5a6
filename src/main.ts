// npm start: load configuration and policy, start the desk, say plainly what is on and what is missing.
import { pino } from 'pino';
import { startDesk } from './app/start-desk.js';
import { describeStartup } from './app/describe-startup.js';
import { checkDataDir, DataDirError } from './config/check-data-dir.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { loadPolicy, PolicyError } from './config/load-policy.js';

/**
 * A stop that takes this much longer than its drain and grace is abandoned: an orchestrator sends SIGKILL soon
 * after SIGTERM anyway, and nothing is lost by leaving (outbox items in flight come back when their lease expires).
 */
const STOP_OVERRUN_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const policy = await loadPolicy(config.policyPath);
  if (!config.databaseUrl) await checkDataDir(config.dataDir);
  const desk = await startDesk({ config, policy, logger });
  // Before the startup lines: whoever reads "listening on http://…" and sends SIGTERM gets a clean stop, not a
  // process killed by the signal while the platforms' reports were still being asked for.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    const stopWithinMs = (config.env.DESK_DRAIN_SECONDS + config.env.DESK_STOP_GRACE_SECONDS) * 1000 + STOP_OVERRUN_MS;
    console.log(`${signal}: stopping (not ready now; requests in hand get ${config.env.DESK_STOP_GRACE_SECONDS} s to finish)…`);
    setTimeout(() => {
      console.error(`${signal}: not stopped after ${stopWithinMs / 1000} s; exiting anyway (unfinished outbox items run on the next start)`);
      process.exit(1);
    }, stopWithinMs).unref();
    await desk.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  for (const line of describeStartup(config, desk)) console.log(line);
  // Asked of the platforms after the server is up, so a slow answer delays only these lines.
  for (const adapter of desk.adapters) for (const line of (await adapter.report?.().catch((e: unknown) => [`${adapter.surface}: could not check (${String(e)})`])) ?? []) console.log(line);
  // Last, once a signal can stop the desk cleanly: the link is written to the database first.
  const signInLink = stopping ? null : await desk.web?.localSignInLink().catch(() => null);
  if (signInLink) console.log(`\nOpen this link to sign in as the local administrator (works once, for 24 hours):\n  http://localhost:${desk.port}${signInLink}\n`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof PolicyError || e instanceof DataDirError) {
    console.error(e.message);
  } else {
    console.error('Mention Desk could not start:', e);
  }
  process.exit(1);
});
