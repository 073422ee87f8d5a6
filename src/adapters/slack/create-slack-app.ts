// Owns the Bolt app and its transport: HTTP mounted on our one express app, or Socket Mode.
import { App, ExpressReceiver, LogLevel, SocketModeReceiver, type Logger, type webApi } from '@slack/bolt';
import type { Express } from 'express';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface CreateSlackAppOptions {
  /** xoxb- bot token; every Web API call the listeners make uses it. */
  botToken: string;
  /** Required in HTTP mode: Bolt answers 401 to unsigned, mis-signed or >5-minute-old requests. */
  signingSecret?: string;
  /** xapp- app-level token; when given, the app runs in Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base, e.g. 'http://127.0.0.1:PORT/api/' for a fake; default https://slack.com/api/. */
  apiUrl?: string;
  /** Give both to skip the auth.test call at start. */
  botId?: string;
  botUserId?: string;
  /** HTTP mode: the app's single express app; Bolt adds POST `endpoint` to it at construction. */
  expressApp?: Express;
  endpoint?: string;
  logger?: Logger;
  logLevel?: LogLevel;
  /** Per Web API request; default 10 s. */
  requestTimeoutMs?: number;
}

export interface SlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** Verifies the bot token (auth.test, unless botId and botUserId were given); Socket Mode also connects. */
  start(): Promise<void>;
  /** Socket Mode: closes the WebSocket. HTTP mode: nothing, the caller owns the HTTP server. */
  stop(): Promise<void>;
}

export class SlackConfigError extends Error {
  readonly code = 'SLACK_CONFIG';
  override readonly name = 'SlackConfigError';
}

/**
 * Web API options for every client Bolt builds for listeners (and `app.client`).
 * Retries are off: @slack/web-api would otherwise sleep through a 429's Retry-After, pausing its
 * whole request queue, and retry up to 10 times over ~30 minutes inside the click. A 429 now
 * rejects at once with `WebAPIRateLimitedError { code: 'slack_webapi_rate_limited_error',
 * retryAfter: seconds }` and our durable outbox decides when to try again.
 */
export function buildWebClientOptions(apiUrl: string | undefined, timeoutMs: number): webApi.WebClientOptions {
  return {
    ...(apiUrl !== undefined ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
  };
}

export function createSlackApp(options: CreateSlackAppOptions): SlackApp {
  const { botToken, appToken, botId, botUserId, logger } = options;
  const logLevel = options.logLevel ?? LogLevel.INFO;
  const clientOptions = buildWebClientOptions(options.apiUrl, options.requestTimeoutMs ?? 10_000);
  // With both ids Bolt needs no auth.test; otherwise defer it to start() so the constructor does no I/O.
  const deferInitialization = botId === undefined || botUserId === undefined;
  const common = { token: botToken, botId, botUserId, clientOptions, logger, logLevel, deferInitialization };
  const initialize = async (app: App): Promise<void> => {
    if (deferInitialization) await app.init();
  };

  if (appToken !== undefined) {
    const receiver = new SocketModeReceiver({
      appToken,
      logger,
      logLevel,
      // A separate object on purpose: the socket-mode client writes its own retryConfig
      // ({ retries: 100 }) into the options it is given, for apps.connections.open only.
      installerOptions: { clientOptions: { ...(options.apiUrl !== undefined ? { slackApiUrl: options.apiUrl } : {}) } },
    });
    const app = new App({ ...common, receiver });
    return {
      app,
      mode: 'socket',
      start: async () => {
        await initialize(app);
        await app.start(); // resolves when Slack (or the fake) sends `hello`
      },
      // Bolt's app.stop() does not wait for the close handshake; the client's disconnect() does.
      stop: () => receiver.client.disconnect(),
    };
  }

  if (!options.signingSecret) {
    throw new SlackConfigError(
      'Slack HTTP mode needs a signing secret (Slack app settings > Basic Information > Signing Secret); ' +
        'or give an app-level token (xapp-…) to run in Socket Mode.',
    );
  }
  if (options.expressApp === undefined) {
    throw new SlackConfigError('Slack HTTP mode needs the express app that serves the HTTP server (expressApp).');
  }
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: options.endpoint ?? SLACK_EVENTS_PATH,
    app: options.expressApp,
    // Respond as soon as a listener calls ack(); the listener keeps running after the 200.
    processBeforeResponse: false,
    logger,
    logLevel,
  });
  const app = new App({ ...common, receiver });
  return {
    app,
    mode: 'http',
    start: () => initialize(app),
    stop: async () => {},
  };
}
