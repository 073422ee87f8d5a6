// The composition root: config → store → services → adapters → one HTTP server and the outbox worker.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ApiToken } from '../config/api-tokens.js';
import { resolveIntakeSecret, type IntakeSecret } from '../config/intake-secret.js';
import { resolveLocalApiToken, type LocalApiToken } from '../config/local-api-token.js';
import type { Config } from '../config/load-config.js';
import { createHealthRouter } from '../http/health-routes.js';
import { createHttpServer, type HttpServer } from '../http/create-http-server.js';
import { createIntakeRouter } from '../http/intake-route.js';
import { createCaseRouter } from '../http/case-route.js';
import { createReportRouter } from '../http/report-route.js';
import { createDashboardApiRouter } from '../http/dashboard-api-route.js';
import type { ChatSurface } from '../policy/policy-directory.js';
import type { Policy } from '../policy/policy-schema.js';
import { createWorkingCalendar } from '../policy/working-calendar.js';
import type { DeskContext } from '../services/desk-context.js';
import { createLearnedSuggestions } from '../services/learned-suggestions.js';
import { runClockJob } from '../services/run-clock-job.js';
import { runEscalationWindow } from '../services/escalation-window.js';
import { ESCALATION_WINDOW_KIND } from '../services/plan-escalation-jobs.js';
import { HOLDING_LINE_KIND, recordHoldingLine } from '../services/surge-holding-line.js';
import { DIGEST_JOB_KIND, nextDigestJob, runWeeklyDigest } from '../services/weekly-digest.js';
import { tellAdminsOfStaleItem } from '../services/tell-admins-of-stale-item.js';
import { tellAdminsOfPermanentFailure } from '../services/tell-admins-of-permanent-failure.js';
import { deliverAutoReply, deliverModeration, deliverReply, recordNetworkFailure } from '../services/deliver-network-action.js';
import type { Clock, NetworkConnector } from '../services/ports.js';
import { createPgStore } from '../store/create-pg-store.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/open-database.js';
import { withoutTimeouts } from '../store/open-postgres.js';
import { createOutboxWorker, type OutboxWorker } from '../store/outbox-worker.js';
import { createEventSealerLoop } from '../store/event-sealer-loop.js';
import { checkpointSettingsFromEnv, type CheckpointSettings } from '../config/checkpoint-settings.js';
import { keepRecords } from './keep-records.js';
import { createOutboxSignal } from '../store/outbox-signal.js';
import type { ChatAdapter } from '../services/chat-adapter.js';
import { chatOutboxHandlers } from './chat-adapter.js';
import { createChatAdapters, type ChatAdapterOverrides } from './create-chat-adapters.js';
import { withNetworkFeatures, withReachableNetworks } from '../adapters/networks/network-features.js';
import { createNetworkAdapters } from './create-network-adapters.js';
import { createUnreadableRouter } from '../adapters/networks/shared/unreadable-route.js';
import type { NetworkAdapters } from './network-adapter.js';
import { createWebDesk, webSessionAccess, type WebDesk } from '../web/create-web-desk.js';
import { createDeskMetrics, type DeskMetrics } from './metrics/desk-metrics.js';
import { httpMetricsMiddleware } from './metrics/http-metrics.js';
import { countedHandlers, countedOnFailed } from './metrics/count-outbox-runs.js';
import { refreshStoreFigures } from './metrics/refresh-store-figures.js';
import { createMetricsRouter } from '../http/metrics-route.js';

export interface DeskOptions {
  readonly config: Config;
  readonly policy: Policy;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** An already-open database (tests); otherwise opened from config. */
  readonly db?: Db;
  readonly connectors?: readonly NetworkConnector[];
  readonly outboxPollMs?: number;
  /** Tests drive the outbox with runOnce(); the app polls. */
  readonly startWorker?: boolean;
  /** Tests run pollers by hand. */
  readonly startPollers?: boolean;
  /** The event log's sealer runs on every replica unless a test seals by hand. */
  readonly startSealer?: boolean;
  /** Where signed checkpoints go (DESK_CHECKPOINT_DIR…); tests pass null. */
  readonly checkpoints?: CheckpointSettings | null;
  /** Retention and checkpoint timers; by default they run where the outbox worker runs (tests run them by hand). */
  readonly startRecordKeeping?: boolean;
  /** Tests: seams into the chat platforms' transports (a loopback token issuer for Teams). */
  readonly chatOverrides?: ChatAdapterOverrides;
}

export interface RunningDesk {
  readonly ctx: DeskContext;
  readonly http: HttpServer;
  readonly port: number;
  readonly url: string;
  readonly worker: OutboxWorker;
  readonly adapters: readonly ChatAdapter[];
  readonly networks: NetworkAdapters;
  readonly intakeSecret: IntakeSecret | null;
  /** Who may read /api/cases and /api/report: the configured tokens, and on the embedded store a local one. */
  readonly apiTokens: readonly ApiToken[];
  readonly localApiToken: LocalApiToken | null;
  /** The web desk (src/web), unless WEB_DESK=off. */
  readonly web: WebDesk | null;
  readonly metrics: DeskMetrics;
  stop(): Promise<void>;
}

export async function startDesk(o: DeskOptions): Promise<RunningDesk> {
  const clock = o.clock ?? { now: () => new Date() };
  const db = o.db ?? (await openDatabase({ databaseUrl: o.config.databaseUrl ?? undefined, dataDir: o.config.dataDir }));
  await withoutTimeouts(db, (d) => migrate(d));
  const outboxSignal = createOutboxSignal(db, o.logger);
  const store = createPgStore(db, { clock, onOutboxCommitted: () => outboxSignal.committed(), logger: o.logger });
  const http = createHttpServer(o.logger);
  const metrics = createDeskMetrics(clock);
  http.app.use(httpMetricsMiddleware(metrics));
  const surfaces = configuredSurfaces(o.config);
  const calendar = createWorkingCalendar(o.policy.calendar);
  // The worker needs the adapters' handlers, and the adapters may ask it to run an item now: bound late.
  const outboxNow = { dispatch: async (_keys: readonly string[]): Promise<unknown> => 0 };
  const learned = createLearnedSuggestions({ store, policy: o.policy });
  const intakeCtx: DeskContext = { store, clock, policy: o.policy, calendar, surfaces, newId: randomUUID, dispatchNow: (keys) => outboxNow.dispatch(keys), learned };
  const networks = await createNetworkAdapters(intakeCtx, o.config, http.app, o.logger, db);
  const connectors = [...networks.connectors, ...(o.connectors ?? [])];
  // The cards read the capability table: narrowed to what the network access configured allows.
  const policy = withReachableNetworks(withNetworkFeatures(o.policy, o.config), connectors);
  const fullCtx: DeskContext = { ...intakeCtx, policy };
  const adapters = await createChatAdapters(fullCtx, o.config, http.app, o.logger, db, o.chatOverrides);
  const { intakeSecret, apiTokens, localApiToken } = await mountDeskApis(http, fullCtx, db, o, networks);
  const checkpoints = o.checkpoints === undefined ? checkpointSettingsFromEnv() : o.checkpoints;
  const web = o.config.web.enabled ? await createWebDesk(http.app, fullCtx, db, o.config.web, o.logger, checkpoints) : null;
  // The weekly digest links to the dashboard: at WEB_PUBLIC_URL, else where this process listens (known once it does).
  const links = { dashboard: null as string | null };
  const worker = createWorker(fullCtx, db, adapters, connectors, o, metrics, () => links.dashboard);
  http.app.use(createMetricsRouter(apiTokens, metrics.registry, () => refreshStoreFigures(metrics, db)));
  http.finish();
  outboxNow.dispatch = (keys) => worker.dispatch(keys);
  for (const a of adapters) await a.start();
  const port = await http.listen(o.config.port, o.config.host);
  links.dashboard = `${o.config.web.publicUrl ?? `http://127.0.0.1:${port}`}/dashboard`;
  await fullCtx.store.outbox.enqueue([nextDigestJob(fullCtx, clock.now())]);
  const background = await startBackgroundWork(fullCtx, db, o, { worker, outboxSignal, pollers: networks.pollers, learned, checkpoints });
  return {
    ctx: fullCtx, http, port, url: `http://127.0.0.1:${port}`, worker, adapters, networks, intakeSecret, apiTokens, localApiToken, web, metrics,
    async stop() {
      // Readiness fails first; requests in hand finish (bounded) while the worker and pollers wind down.
      http.drain();
      background.stopScheduling();
      await sleep(o.config.env.DESK_DRAIN_SECONDS * 1000);
      await Promise.all([
        // The web desk ends its live streams, which would otherwise hold the close for its whole grace.
        web?.stop(),
        http.close(o.config.env.DESK_STOP_GRACE_SECONDS * 1000),
        background.stop(),
      ]);
      for (const a of adapters) await a.stop();
      if (!o.db) await store.close();
    },
  };
}

/** Health, intake and the read APIs (cases, report, dashboard, unreadable changes), with who may call them. */
async function mountDeskApis(http: HttpServer, ctx: DeskContext, db: Db, o: DeskOptions, networks: NetworkAdapters): Promise<Pick<RunningDesk, 'intakeSecret' | 'apiTokens' | 'localApiToken'>> {
  http.app.use(createHealthRouter(ctx.store, undefined, () => http.draining));
  const intakeSecret = await resolveIntakeSecret(o.config.intakeSecret, o.config.dataDir, !o.config.databaseUrl);
  if (intakeSecret) http.app.use(createIntakeRouter(ctx, intakeSecret.secret));
  const localApiToken = o.config.databaseUrl ? null : await resolveLocalApiToken(o.config.dataDir);
  const apiTokens = [...o.config.apiTokens, ...(localApiToken ? [localApiToken.token] : [])];
  // The case API and the dashboard data also take the web desk's sign-in (issue 15).
  const signedIn = o.config.web.enabled ? webSessionAccess(db, o.config.web, ctx.clock) : null;
  http.app.use(createCaseRouter(ctx, apiTokens, signedIn), createReportRouter(ctx, apiTokens));
  http.app.use(createDashboardApiRouter(ctx, apiTokens, signedIn));
  http.app.use(createUnreadableRouter({ changes: networks.unreadable, readers: networks.readers, readTokens: apiTokens, intakeSecret: intakeSecret?.secret ?? null, clock: ctx.clock }));
  return { intakeSecret, apiTokens, localApiToken };
}

interface BackgroundParts {
  readonly worker: OutboxWorker;
  readonly outboxSignal: ReturnType<typeof createOutboxSignal>;
  readonly pollers: NetworkAdapters['pollers'];
  readonly learned: ReturnType<typeof createLearnedSuggestions>;
  readonly checkpoints: CheckpointSettings | null;
}

/** What runs without a request: the outbox worker and its wake-up, pollers, the sealer, retraining, record keeping. */
async function startBackgroundWork(ctx: DeskContext, db: Db, o: DeskOptions, p: BackgroundParts): Promise<{ stopScheduling(): void; stop(): Promise<void> }> {
  const working = o.startWorker !== false;
  if (working) p.worker.start();
  const stopWaking = working ? await p.outboxSignal.subscribe(() => p.worker.wake()) : async () => {};
  if (o.startPollers !== false) p.pollers.forEach((poller) => poller.start());
  const sealer = createEventSealerLoop(db, { logger: o.logger });
  if (o.startSealer !== false) sealer.start();
  const stopLearning = keepLearning(p.learned, o.logger);
  const stopKeeping = (o.startRecordKeeping ?? working) ? keepRecords(ctx, db, p.checkpoints, o.logger) : () => {};
  return {
    stopScheduling: stopLearning,
    async stop() {
      stopKeeping();
      await stopWaking();
      await Promise.all([p.worker.stop(), sealer.stop(), ...p.pollers.map((poller) => poller.stop())]);
    },
  };
}

/** How often the learned suggestions retrain from the event log (and once at start). */
export const RETRAIN_EVERY_MS = 60 * 60 * 1000;

/** Trains now and every hour; a failure is logged and the previous models keep serving. Returns the stop. */
function keepLearning(learned: ReturnType<typeof createLearnedSuggestions>, logger: Logger): () => void {
  const run = () => learned.retrain().then(
    ({ decisions }) => logger.info({ decisions }, 'learned suggestions retrained from recorded decisions'),
    (err: unknown) => logger.warn({ err }, 'learned suggestions could not retrain; the rules carry on alone'),
  );
  void run();
  const timer = setInterval(() => void run(), RETRAIN_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function configuredSurfaces(config: Config): ChatSurface[] {
  return [config.slack ? ('slack' as const) : null, config.teams ? ('teams' as const) : null].filter((s): s is ChatSurface => s !== null);
}

function createWorker(ctx: DeskContext, db: Db, adapters: readonly ChatAdapter[], connectorList: readonly NetworkConnector[], o: DeskOptions, metrics: DeskMetrics, dashboardUrl: () => string | null): OutboxWorker {
  const connectors = new Map(connectorList.map((c) => [c.network, c]));
  const lookup = (network: string) => connectors.get(network) ?? null;
  return createOutboxWorker({
    db,
    clock: ctx.clock,
    workerId: `desk-${process.pid}-${randomUUID().slice(0, 8)}`,
    pollMs: o.outboxPollMs ?? 500,
    leaseMs: o.config.env.DESK_OUTBOX_LEASE_SECONDS * 1000,
    logger: o.logger,
    handlers: countedHandlers(metrics, {
      ...chatOutboxHandlers(adapters),
      'network.reply': (job) => deliverReply(ctx, lookup, job),
      'network.moderate': (job) => deliverModeration(ctx, lookup, job),
      'network.auto_reply': (job) => deliverAutoReply(ctx, lookup, job),
      'clock.remind': (job) => runClockJob(ctx, 'remind', job),
      'clock.due': (job) => runClockJob(ctx, 'due', job),
      [ESCALATION_WINDOW_KIND]: (job) => runEscalationWindow(ctx, job),
      [HOLDING_LINE_KIND]: (job) => recordHoldingLine(ctx, job),
      [DIGEST_JOB_KIND]: (job) => runWeeklyDigest(ctx, job, dashboardUrl()),
    }),
    onFailed: countedOnFailed(metrics, async (job, error) => {
      await recordNetworkFailure(ctx, job, error);
      await tellAdminsOfPermanentFailure(ctx, job, error);
    }),
    onStale: (job, error) => tellAdminsOfStaleItem(ctx, job, error),
  });
}
