// Owns turning away, before Bolt sees them, signed HTTP requests of a shape Slack does not send (Bolt would
// answer some with a 500 or a 3-second 404), and answering at once the kinds the desk has no listener for.
// The shapes themselves are in slack-request-schemas.ts.
import { parse as parseQueryString } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import {
  appRateLimitedSchema, EVENT_SCHEMAS, eventEnvelopeSchema, INTERACTIVE_SCHEMAS, slashCommandSchema, sslCheckSchema, urlVerificationSchema,
} from './slack-request-schemas.js';

/** Slack's own requests are small; a bigger body is not from Slack. */
const MAX_BODY_BYTES = 1_000_000;
const FORM = 'application/x-www-form-urlencoded';

/** What to do with a signed request: refuse it naming the field, answer it here, or let Bolt have it. */
export type SlackBodyVerdict =
  | { readonly kind: 'refuse'; readonly field: string; readonly message: string }
  | { readonly kind: 'answer'; readonly body: object | null }
  | { readonly kind: 'pass' };

const PASS: SlackBodyVerdict = { kind: 'pass' };
/** Kinds the desk has no listener for (no shortcuts, no external selects, no close notices): acknowledged, nothing done. */
const ACKNOWLEDGED: Readonly<Record<string, object | null>> = { block_suggestion: { options: [] }, view_closed: null, shortcut: null, message_action: null };

/**
 * Mounted on the Slack path before Bolt's receiver. It reads the body once and leaves it as `req.rawBody`, which
 * Bolt reads instead of the stream; a request that is not validly signed goes on untouched, so Bolt answers 401.
 */
export function createSlackRequestGuard(signingSecret: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    readBody(req)
      .then((raw) => {
        if (raw === null) return void res.status(413).json({ error: 'too_large', message: `A Slack request is at most ${MAX_BODY_BYTES} bytes.` });
        (req as Request & { rawBody?: Buffer }).rawBody = raw;
        const text = raw.toString('utf8');
        const timestamp = Number(req.get('x-slack-request-timestamp'));
        const signature = req.get('x-slack-signature') ?? '';
        if (!isValidSlackRequest({ signingSecret, body: text, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } })) return next();
        const verdict = checkSlackBody(text, req.get('content-type'));
        if (verdict.kind === 'refuse') return void res.status(400).json({ error: 'invalid', field: verdict.field, message: verdict.message });
        if (verdict.kind === 'answer') return void (verdict.body === null ? res.status(200).end() : res.status(200).json(verdict.body));
        next();
      })
      .catch(next);
  };
}

/** The body parsed exactly as Bolt's receiver parses it (content type compared with ===), then checked by kind. */
export function checkSlackBody(text: string, contentType: string | undefined): SlackBodyVerdict {
  let value: unknown;
  try {
    const form = contentType === FORM ? parseQueryString(text) : null;
    value = form === null ? JSON.parse(text) : typeof form['payload'] === 'string' ? JSON.parse(form['payload']) : { ...form };
  } catch {
    return refuse('(body)', 'the body (or its payload field) is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('(body)', 'the payload must be a JSON object');
  const odd = oddStructure(value);
  if (odd) return refuse(odd.field, odd.message);
  return checkKind(value as Record<string, unknown>);
}

/** In the order Bolt tells the kinds apart: its receiver answers ssl_check and url_verification first, then events, commands, interactions. */
function checkKind(body: Record<string, unknown>): SlackBodyVerdict {
  if ('ssl_check' in body) return check(sslCheckSchema, body, PASS);
  if (body['type'] === 'url_verification') return check(urlVerificationSchema, body, PASS);
  if ('event' in body) return body['type'] === 'event_callback' ? checkEvent(body) : refuse('type', 'a request that carries an event must be an event_callback');
  if ('command' in body) return check(slashCommandSchema, body, PASS);
  if (body['type'] === 'app_rate_limited') return check(appRateLimitedSchema, body, { kind: 'answer', body: null });
  if (typeof body['type'] !== 'string') return refuse('type', 'not a kind of request Slack sends (no type, command or event)');
  const schema = INTERACTIVE_SCHEMAS.get(body['type']);
  if (!schema) return refuse('type', `the desk takes no interactive payload of type ${JSON.stringify(body['type'].slice(0, 40))}`);
  const acknowledged = Object.hasOwn(ACKNOWLEDGED, body['type']) ? ACKNOWLEDGED[body['type']] : undefined;
  return check(schema, body, acknowledged === undefined ? PASS : { kind: 'answer', body: acknowledged });
}

/** An event the desk does not subscribe to is acknowledged (Slack would retry anything else) and goes no further. */
function checkEvent(body: Record<string, unknown>): SlackBodyVerdict {
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (!envelope.success) return refused(envelope.error);
  const schema = EVENT_SCHEMAS.get(envelope.data.event.type);
  if (!schema) return { kind: 'answer', body: null };
  const event = schema.safeParse(body['event']);
  return event.success ? PASS : refused(event.error, ['event']);
}

/** Slack nests a dozen levels at most. */
const MAX_DEPTH = 64;

/**
 * A "__proto__" key anywhere (zod drops it silently from what it checks, but Bolt and our listeners read the body
 * as sent), or nesting deeper than Slack ever sends. Walked with a stack, so a deep body cannot overflow it.
 */
function oddStructure(root: object): { field: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) return { field: path, message: `nested more than ${MAX_DEPTH} levels deep` };
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '__proto__') return { field: at, message: 'a key may not be "__proto__"' };
      stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return null;
}

function check(schema: z.ZodType, body: unknown, ok: SlackBodyVerdict): SlackBodyVerdict {
  const result = schema.safeParse(body);
  return result.success ? ok : refused(result.error);
}

/** The first problem, named by its path in the payload (e.g. `view.state.values`, `actions.0.action_id`). */
function refused(error: z.ZodError, prefix: readonly PropertyKey[] = []): SlackBodyVerdict {
  const issue = error.issues[0]!;
  const field = [...prefix, ...issue.path].map(String).join('.') || '(body)';
  return refuse(field, issue.message);
}

/** A path made of a sender's keys can be as long as the body; the answer names its first 200 characters. */
function refuse(path: string, message: string): SlackBodyVerdict {
  const field = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return { kind: 'refuse', field, message: `${field}: ${message}` };
}

async function readBody(req: Request): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
