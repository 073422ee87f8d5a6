// Owns the Teams SDK v2 wiring: one App on our own express server, Bot Framework JWT checks
// (or an explicit credential-free local mode), and proactive send/update by stored reference.
import type { Express } from 'express';
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import {
  Client,
  PUBLIC,
  toActivityParams,
  withOverrides,
  type ActivityLike,
  type AdaptiveCardActionCardResponse,
  type AdaptiveCardActionErrorResponse,
  type ConversationReference,
  type CreateConversationParams,
  type SentActivity,
} from '@microsoft/teams.api';
import { DeskError, PermanentError, RateLimitError } from '../../services/errors.js';

export type TeamsLogger = App['log'];
/** Returns the bearer token for calls to the Bot Connector (scope is the Bot Framework's). */
export type BotTokenProvider = (scope: string | string[], tenantId?: string) => string | Promise<string>;

export interface CreateTeamsAppOptions {
  expressApp: Express;
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  /** Local development and tests only: skips the JWT check; refused when appId/appPassword are set. */
  allowUnauthenticated?: boolean;
  path?: `/${string}`;
  /** Tests: a loopback issuer. Must end in /openidconfiguration: the SDK reads the sibling /keys. */
  openIdMetadataUrl?: string;
  /** Outgoing token instead of MSAL client credentials (tests). Local mode defaults to a fake one. */
  botToken?: BotTokenProvider;
  logger?: TeamsLogger;
  /** How long a call may take before it is abandoned as an unknown outcome; default 10 s (the SDK sets none). */
  requestTimeoutMs?: number;
  /** Microsoft Graph root for app.graph (a sovereign cloud, or a loopback fake in tests); default the public one. */
  graphUrl?: string;
}

export interface TeamsTransport {
  readonly app: DeskTeamsApp;
  /** Posts an activity; a channel id as conversation starts a new thread. */
  send(ref: ConversationReference, activity: ActivityLike): Promise<{ id: string }>;
  /** Replaces an activity the bot posted earlier (PUT …/activities/{id}). */
  update(ref: ConversationReference, activityId: string, activity: ActivityLike): Promise<{ id: string }>;
  createConversation(serviceUrl: string, params: CreateConversationParams): Promise<{ id: string; activityId?: string }>;
}

/** The App, plus the two seams the SDK keeps protected: per-serviceUrl sending with the bot's token. */
export class DeskTeamsApp extends App {
  /** Sends (no activityId) or replaces (activityId) an activity in the referenced conversation. */
  async sendTo(ref: ConversationReference, activity: ActivityLike, activityId?: string): Promise<SentActivity> {
    const params = toActivityParams(activity);
    const target = { ...ref, serviceUrl: trimSlash(ref.serviceUrl) }; // stored serviceUrls end in '/'
    return this.activitySender.send(activityId ? { ...params, id: activityId } : params, target);
  }

  /** Obtains the bot's outgoing token as every send does (MSAL client credentials): true when one was issued. */
  async obtainBotToken(): Promise<boolean> {
    return Boolean(await this.getBotToken());
  }

  /** A Bot Connector client for one serviceUrl, authenticated as the bot. */
  connector(serviceUrl: string): Client {
    const http = this.client.clone({ token: () => this.getBotToken() });
    return new Client(trimSlash(serviceUrl), http, this.options.apiClientSettings, this.cloud);
  }
}

/** Invoke response that swaps the clicked card for `card` (plain Adaptive Card JSON, schema <= 1.5). */
export function cardActionResponse(card: object): AdaptiveCardActionCardResponse {
  // The SDK's IAdaptiveCard type is stricter than plain JSON (literal version union, mutable arrays).
  const value = card as AdaptiveCardActionCardResponse['value'];
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value };
}

/** Invoke response for a click we cannot act on; Teams shows `message` to the user. */
export function cardActionError(statusCode: 400 | 500, message: string): AdaptiveCardActionErrorResponse {
  const code = statusCode === 400 ? 'BadRequest' : 'InternalServerError';
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message, innerHttpError: { statusCode, body: null } } };
}

const LOCAL_BOT_ID = 'local-unauthenticated-bot';

/** Builds the App, mounts POST {path} on expressApp (route order: call before any 404 handler). */
export async function createTeamsApp(options: CreateTeamsAppOptions): Promise<TeamsTransport> {
  const auth = resolveAuth(options);
  const cloud = withOverrides(PUBLIC, {
    ...(options.openIdMetadataUrl ? { openIdMetadataUrl: checkMetadataUrl(options.openIdMetadataUrl) } : {}),
    // The SDK derives both app.graph's base URL and the client-credentials token scope from graphScope.
    ...(options.graphUrl ? { graphScope: `${trimSlash(options.graphUrl)}/.default` } : {}),
  });
  const app = new DeskTeamsApp({
    ...auth,
    cloud,
    // Explicit values everywhere: the SDK falls back to CLIENT_ID, SERVICE_URL, CLOUD, … env vars.
    serviceUrl: 'https://smba.trafficmanager.net/teams',
    // Without a timeout a Bot Connector that stops answering holds the outbox worker's batch forever.
    client: { timeout: options.requestTimeoutMs ?? 10_000 },
    oauth: { fetchUserToken: false },
    messagingEndpoint: options.path ?? '/api/messages',
    httpServerAdapter: new ExpressAdapter(options.expressApp, options.logger ? { logger: options.logger } : undefined),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await app.initialize(); // registers the route now; never app.start(): our server owns the port

  return {
    app,
    send: (ref, activity) => mapped(`send to ${ref.conversation.id}`, () => app.sendTo(ref, activity)),
    update: (ref, activityId, activity) =>
      mapped(`update ${activityId}`, async () => {
        await app.sendTo(ref, activity, activityId);
        return { id: activityId };
      }),
    createConversation: (serviceUrl, params) =>
      mapped('create conversation', () => app.connector(serviceUrl).conversations.create(params)),
  };
}

function resolveAuth(o: CreateTeamsAppOptions) {
  if (o.allowUnauthenticated) {
    if (o.appId || o.appPassword) {
      throw new Error(
        'Teams: allowUnauthenticated is for local development and tests only and cannot be combined with ' +
          'appId/appPassword. Turn allowUnauthenticated off, or remove the credentials.',
      );
    }
    // A placeholder id plus a token function: without them outgoing calls carry "Bearer null".
    return {
      clientId: LOCAL_BOT_ID,
      clientSecret: '',
      tenantId: '',
      token: o.botToken ?? fakeBotToken,
      dangerouslyAllowUnauthenticatedRequests: true,
    };
  }
  if (!o.appId || (!o.appPassword && !o.botToken)) {
    throw new Error(
      'Teams: set the bot app id and password (Azure Bot registration) so incoming requests can be ' +
        'verified, or set allowUnauthenticated for local development without credentials.',
    );
  }
  return {
    clientId: o.appId,
    clientSecret: o.appPassword ?? '', // '' not undefined: undefined reads CLIENT_SECRET from env
    tenantId: o.tenantId ?? '',
    ...(o.appPassword ? {} : { token: o.botToken }),
    dangerouslyAllowUnauthenticatedRequests: false,
  };
}

function checkMetadataUrl(url: string): string {
  if (!url.endsWith('/openidconfiguration')) {
    throw new Error(`Teams: openIdMetadataUrl must end in /openidconfiguration (the SDK derives /keys): ${url}`);
  }
  return url;
}

/** The SDK decodes whatever the token function returns as a JWT, so the fake must be JWT-shaped. */
function fakeBotToken(): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'mention-desk-local', aud: 'local' })}.`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function mapped<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw mapTeamsHttpError(err, what);
  }
}

interface HttpFailure {
  response?: { status: number; headers: Record<string, unknown> };
  code?: string;
  isAxiosError?: boolean;
}

/**
 * Maps the SDK's AxiosError to our errors. Never rethrow the AxiosError itself: its config
 * carries the bot's bearer token, and loggers serialise it.
 */
export function mapTeamsHttpError(err: unknown, what: string): Error {
  const failure = (typeof err === 'object' && err !== null ? err : {}) as HttpFailure;
  if (!failure.isAxiosError) return err instanceof Error ? err : new Error(String(err));
  const status = failure.response?.status;
  if (status === undefined) {
    return new DeskError('teams_unreachable', `Teams ${what}: Bot Connector unreachable (${failure.code ?? 'no response'})`);
  }
  const message = `Teams ${what}: Bot Connector answered ${status}`;
  if (status === 429) {
    return new RateLimitError(parseRetryAfterMs(failure.response?.headers['retry-after']) ?? 1000, message);
  }
  if (status >= 400 && status < 500 && ![408, 409, 412].includes(status)) {
    return new PermanentError(message, HINTS[status] ?? 'Teams refused the request; it will not succeed if repeated.');
  }
  return new DeskError('teams_unavailable', message);
}

const HINTS: Record<number, string> = {
  401: 'Check the bot app id, password and tenant id in the configuration.',
  403: 'The bot is no longer in this team or chat (removed, blocked or disabled by an admin): reinstall it.',
  404: 'The conversation or message no longer exists (deleted, or the bot was removed).',
};

/** Retry-After is delta-seconds or an HTTP date. */
export function parseRetryAfterMs(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
