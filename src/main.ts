// npm start: load configuration and policy, start the desk, say plainly what is on and what is missing.
import { pino } from 'pino';
import { startDesk } from './app/start-desk.js';
import { describeStartup } from './app/describe-startup.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { loadPolicy, PolicyError } from './config/load-policy.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const policy = await loadPolicy(config.policyPath);
  const desk = await startDesk({ config, policy, logger });
  for (const line of describeStartup(config, desk)) console.log(line);
  // Asked of the platforms after the server is up, so a slow answer delays only these lines.
  for (const adapter of desk.adapters) for (const line of (await adapter.report?.().catch((e: unknown) => [`${adapter.surface}: could not check (${String(e)})`])) ?? []) console.log(line);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: stopping…`);
    await desk.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof PolicyError) {
    console.error(e.message);
  } else {
    console.error('Mention Desk could not start:', e);
  }
  process.exit(1);
});
