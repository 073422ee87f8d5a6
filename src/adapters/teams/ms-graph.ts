// Owns calling Microsoft Graph as the app (client credentials, through the Teams SDK's own Graph client) and
// mapping its answers to our errors: 429 → RateLimitError with Retry-After, 403/404 → GraphRefusal, 5xx → retryable.
import { DeskError, PermanentError, RateLimitError } from '../../services/errors.js';
import type { DeskTeamsApp } from './create-teams-app.js';
import { parseRetryAfterMs } from './create-teams-app.js';

/** Relative paths are under {root}/v1.0; an absolute URL (an @odata.nextLink) is followed as given. */
export interface MsGraph {
  get<T>(path: string, what: string): Promise<T>;
  post(path: string, body: unknown, what: string): Promise<void>;
}

/** Graph said no in a way a retry cannot change (missing consent, no such user or app). */
export class GraphRefusal extends PermanentError {
  constructor(readonly status: number, readonly graphCode: string | null, message: string, hint: string | null) {
    super(message, hint);
  }
}

export function createMsGraph(client: DeskTeamsApp['graph']): MsGraph {
  const http = client.http;
  return {
    async get<T>(path: string, what: string): Promise<T> {
      try {
        return (await http.get<T>(path)).data;
      } catch (e) {
        throw mapGraphError(e, what);
      }
    },
    async post(path, body, what) {
      try {
        await http.post(path, body);
      } catch (e) {
        throw mapGraphError(e, what);
      }
    },
  };
}

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  response?: { status: number; headers?: Record<string, unknown>; data?: unknown };
}

/** Never rethrow the AxiosError itself: its config carries the app's Graph token, and loggers serialise it. */
export function mapGraphError(err: unknown, what: string): Error {
  const failure = (typeof err === 'object' && err !== null ? err : {}) as AxiosLike;
  if (!failure.isAxiosError) return err instanceof Error ? err : new Error(String(err));
  const status = failure.response?.status;
  if (status === undefined) return new DeskError('graph_unreachable', `Microsoft Graph unreachable for ${what} (${failure.code ?? 'no response'})`);
  const body = failure.response?.data as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : null;
  const said = typeof body?.error?.message === 'string' ? `: ${body.error.message.slice(0, 300)}` : '';
  const message = `Microsoft Graph answered ${status}${code ? ` ${code}` : ''} to ${what}${said}`;
  // Graph sends Retry-After with 429 and sometimes with 503; both mean "come back then".
  const retryAfter = parseRetryAfterMs(failure.response?.headers?.['retry-after']);
  if (status === 429 || (status === 503 && retryAfter !== undefined)) return new RateLimitError(retryAfter ?? 10_000, message);
  if (status === 401) return new GraphRefusal(status, code, message, 'Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID: Graph did not accept the app\'s token.');
  if (status === 403) return new GraphRefusal(status, code, message, 'An Entra admin has not granted this permission to the app (see manifests/teams/README.md, "Reaching everyone").');
  if (status >= 400 && status < 500 && status !== 408) return new GraphRefusal(status, code, message, null);
  return new DeskError('graph_unavailable', message);
}
