// Owns the desk's record-keeping timers: the retention schedule once a day, a signed checkpoint as often as the
// policy says. Each replica runs them: retention saves by version and checkpoints are named by seq, so twice is harmless.
import type { Logger } from 'pino';
import type { CheckpointSettings } from '../config/checkpoint-settings.js';
import { applyRetention } from '../services/apply-retention.js';
import type { DeskContext } from '../services/desk-context.js';
import { publishCheckpoint } from '../services/publish-checkpoint.js';
import type { Sql } from '../store/db.js';
import { checkpointDeps } from './checkpoint-deps.js';

export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;
/** The first run waits a little, so a desk starting up serves first. */
const FIRST_RUN_AFTER_MS = 60 * 1000;

export function keepRecords(ctx: DeskContext, sql: Sql, checkpoints: CheckpointSettings | null, logger: Logger): () => void {
  const retention = () => applyRetention(ctx, { dryRun: false }).then(
    (r) => logger.info({ runId: r.runId, cases: r.cases.length, outboxItems: r.outboxItems, unreadable: r.unreadable }, 'retention schedule applied'),
    (err: unknown) => logger.error({ err }, 'retention schedule could not be applied; it runs again tomorrow'),
  );
  const timers = [every(RETENTION_EVERY_MS, retention)];
  if (checkpoints) {
    const checkpoint = () => checkpointDeps(sql, checkpoints).then((deps) => publishCheckpoint(ctx, deps)).then(
      (o) => logger.info(o.published ? { seq: o.checkpoint.head.seq, file: o.file } : { reason: o.reason }, 'event log checkpoint'),
      (err: unknown) => logger.error({ err }, 'event log checkpoint could not be published'),
    );
    timers.push(every(ctx.policy.dataProtection.checkpoints.everyHours * 60 * 60 * 1000, checkpoint));
  }
  return () => timers.forEach((stop) => stop());
}

function every(ms: number, run: () => Promise<unknown>): () => void {
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    void run();
    interval = setInterval(() => void run(), ms);
    interval.unref();
  }, Math.min(ms, FIRST_RUN_AFTER_MS));
  first.unref();
  return () => {
    clearTimeout(first);
    if (interval) clearInterval(interval);
  };
}
