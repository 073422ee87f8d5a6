// Owns turning a Graph API failure into the desk's errors: rate limit, permanent (with what to do), or retry.
import { PermanentError, RateLimitError } from '../../../services/errors.js';
import { retryAfterMs, type JsonAnswer } from '../shared/call-json.js';

export interface GraphErrorBody {
  readonly message?: string;
  readonly type?: string;
  readonly code?: number;
  readonly error_subcode?: number;
  readonly is_transient?: boolean;
}

// Graph's throttling codes: app (4), user (17), page (32), and "calls to this api" (613), plus
// the business-use-case limits 80001-80014 (pages 80001, Instagram 80002, Messenger 80006 …).
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const DEFAULT_RATE_LIMIT_MS = 60_000;
// "(#10900) Activity already replied to": the comment or visitor post has had its one private reply.
const ALREADY_REPLIED = 10900;

/** Facebook refused a private reply because the comment already has one (#10900). */
export class AlreadyRepliedError extends PermanentError {}

export function graphErrorOf(answer: JsonAnswer): GraphErrorBody | null {
  const body = answer.body as { error?: GraphErrorBody } | null;
  return body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : null;
}

/** `network` is the display name ("Facebook", "Instagram") used in what people read on the card. */
export function mapGraphError(answer: JsonAnswer, network: string, now: Date): Error {
  const err = graphErrorOf(answer);
  const code = err?.code ?? 0;
  const sub = err?.error_subcode ?? 0;
  const detail = `${network} said: ${err?.message ?? `HTTP ${answer.status}`}${code ? ` (code ${code}${sub ? `/${sub}` : ''})` : ''}`;
  if (answer.status === 429 || RATE_LIMIT_CODES.has(code) || (code >= 80001 && code <= 80014)) {
    return new RateLimitError(retryAfterMs(answer.headers, now) ?? bucRetryMs(answer.headers) ?? DEFAULT_RATE_LIMIT_MS, `rate limited. ${detail}`);
  }
  if (err?.is_transient || code === 1 || code === 2 || answer.status >= 500) return new Error(`temporary failure. ${detail}`);
  if (code === 190) {
    return new PermanentError(`The page token was refused. ${detail}`, 'The page token has expired or was revoked: generate a new one and set META_PAGE_TOKEN.');
  }
  if (code === 100 && (sub === 33 || /does not exist|cannot be loaded|unsupported get request/i.test(err?.message ?? ''))) {
    return new PermanentError(`It is gone. ${detail}`, `The comment was deleted on ${network} (or is no longer visible to the page): nothing to do there; close the case.`);
  }
  if (code === 10 && sub === 2018278) {
    return new PermanentError(`Outside the messaging window. ${detail}`, 'Messenger allows replies only within 24 hours of the person\'s last message: reply publicly, or ask them to message the page again.');
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new PermanentError(`Not permitted. ${detail}`, `${network} refused this for the page: check the token's permissions (pages_manage_engagement, pages_messaging, instagram_manage_comments) and that the post belongs to the page.`);
  }
  if (code === ALREADY_REPLIED) {
    return new AlreadyRepliedError(`Already replied privately. ${detail}`, `${network} takes one private reply per comment, and this one has had it: see the page's inbox.`);
  }
  if (code === 368) return new PermanentError(`Blocked by ${network}. ${detail}`, `${network} has temporarily blocked the page from this action: do it on ${network} later.`);
  if (answer.status >= 400 && answer.status < 500) return new PermanentError(`Refused. ${detail}`, `Check the post on ${network} from the link on the card.`);
  return new Error(`unexpected answer. ${detail}`);
}

/** X-Business-Use-Case-Usage: {"<id>": [{"estimated_time_to_regain_access": minutes, …}]}. */
function bucRetryMs(headers: Headers): number | null {
  const raw = headers.get('x-business-use-case-usage');
  if (!raw) return null;
  try {
    const usage = JSON.parse(raw) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Math.max(0, ...Object.values(usage).flat().map((u) => u.estimated_time_to_regain_access ?? 0));
    return minutes > 0 ? minutes * 60_000 : null;
  } catch {
    return null;
  }
}
