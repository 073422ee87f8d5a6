// Owns turning away, before Bolt sees them, signed HTTP requests Bolt would answer with a 500 or a 3-second 404:
// a payload that is not a JSON object (payload=null), a body of no kind Slack sends, and external-select
// look-ups (block_suggestion) the desk has none of.
import { isValidSlackRequest } from '@slack/bolt';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Slack's own requests are small; a bigger body is not from Slack. */
const MAX_BODY_BYTES = 1_000_000;
const FORM = 'application/x-www-form-urlencoded';

type Parsed = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

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
        const parsed = parseSlackBody(text, req.get('content-type'));
        if (!parsed.ok) return void res.status(400).json({ error: 'invalid', message: parsed.reason });
        // An external select asks for its options; the desk has none, so it offers none.
        if (parsed.body['type'] === 'block_suggestion') return void res.status(200).json({ options: [] });
        next();
      })
      .catch(next);
  };
}

/** Parsed as Bolt parses it (the content type compared exactly), then checked for a shape Bolt can route. */
export function parseSlackBody(text: string, contentType: string | undefined): Parsed {
  let value: unknown;
  try {
    if (contentType === FORM) {
      const form = new URLSearchParams(text);
      value = form.has('payload') ? JSON.parse(form.get('payload') ?? '') : Object.fromEntries(form);
    } else {
      value = JSON.parse(text);
    }
  } catch {
    return { ok: false, reason: 'the body (or its payload field) is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'the payload must be a JSON object' };
  const body = value as Record<string, unknown>;
  const routable = typeof body['type'] === 'string' || typeof body['command'] === 'string' || (typeof body['event'] === 'object' && body['event'] !== null) || body['ssl_check'] !== undefined;
  if (!routable) return { ok: false, reason: 'not a kind of request Slack sends (no type, command or event)' };
  const missing = missingField(body) ?? malformedIdentity(body);
  if (missing) return { ok: false, reason: `${missing} is missing or malformed` };
  return { ok: true, body };
}

/** Interactions Bolt reads `user.id` from without looking; a block action also its `actions`. */
const INTERACTIVE = new Set(['block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion', 'interactive_message']);

function missingField(body: Record<string, unknown>): string | null {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (typeof body['command'] === 'string' && typeof body['user_id'] !== 'string') return 'user_id';
  if (typeof body['type'] !== 'string' || !INTERACTIVE.has(body['type'])) return null;
  if (!object(body['user']) || typeof body['user']['id'] !== 'string') return 'user.id';
  if (body['type'] === 'block_actions' && (!Array.isArray(body['actions']) || !body['actions'].every(object))) return 'actions';
  // Bolt reads channel.id when a channel is there at all: null answered 500 (found by the 100,000-request fuzz).
  if ('channel' in body && (!object(body['channel']) || typeof body['channel']['id'] !== 'string')) return 'channel';
  if (body['type'].startsWith('view_') && !object(body['view'])) return 'view';
  return null;
}

/** Slack's ids are upper-case letters and digits (T0123ABCD, E…, A…). */
const SLACK_ID = /^[A-Z0-9]{2,40}$/;

/**
 * Who a request is from, which Bolt and the workspace check read as text and use as keys: anything but a Slack
 * id there (an object whose toString is a number, or the text "__proto__", both found by the fuzz) would throw
 * inside Bolt and answer 500.
 */
function malformedIdentity(body: Record<string, unknown>): string | null {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fields: Array<[string, unknown]> = [
    ['team_id', body['team_id']], ['enterprise_id', body['enterprise_id']], ['api_app_id', body['api_app_id']],
    ['team.id', object(body['team']) ? body['team']['id'] : undefined],
    ['enterprise.id', object(body['enterprise']) ? body['enterprise']['id'] : undefined],
    ['user.team_id', object(body['user']) ? body['user']['team_id'] : undefined],
  ];
  return fields.find(([, v]) => v !== undefined && v !== null && (typeof v !== 'string' || !SLACK_ID.test(v)))?.[0] ?? null;
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
