// Owns turning away, in local-development mode (no Bot Framework token, so nothing vouches for the sender), an
// activity missing what every handler relies on: a 400 naming the field, where the SDK would answer 500.
import { $Activity } from '@microsoft/teams.api';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/**
 * Keys the SDK copies onto its Activity with Object.assign that a sender may not set: its read-only views of
 * channelData (tenant, channel, team, meeting, notification; assigning one throws, a 500 found by the fuzz), and
 * "__proto__" (it would replace the activity's prototype, and its methods with it). Read from the SDK itself.
 */
const UNSETTABLE_KEYS = [
  '__proto__',
  ...Object.entries(Object.getOwnPropertyDescriptors($Activity.prototype)).filter(([, d]) => d.get !== undefined && d.set === undefined).map(([key]) => key),
];

/** Fields handlers read as text when they are there. */
const OPTIONAL_STRINGS = [
  'id', 'name', 'text', 'channelId', 'locale', 'replyToId', 'from.name', 'from.aadObjectId', 'recipient.id', 'recipient.name',
  'conversation.conversationType', 'conversation.tenantId', 'conversation.name', 'channelData.tenant.id', 'channelData.team.id', 'channelData.channel.id',
  'channelData.team.aadGroupId', 'channelData.settings.selectedChannel.id',
];

/** The first thing wrong with an activity's shape, or null when handlers can read it. */
export function activityShapeProblem(body: unknown): { path: string; message: string } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { path: '(body)', message: 'must be a JSON object (an activity)' };
  const a = body as Record<string, unknown>;
  if (typeof a['type'] !== 'string') return { path: 'type', message: 'must be a string such as message or invoke' };
  const unsettable = UNSETTABLE_KEYS.find((key) => Object.hasOwn(a, key));
  if (unsettable !== undefined) return { path: unsettable, message: unsettable === '__proto__' ? 'may not be a key of an activity' : `is read from channelData.${unsettable}; an activity may not carry it at the top level` };
  for (const field of ['from', 'conversation'] as const) {
    const v = a[field];
    if (typeof v !== 'object' || v === null || typeof (v as Record<string, unknown>)['id'] !== 'string') return { path: `${field}.id`, message: 'must be a string' };
  }
  if (typeof a['serviceUrl'] !== 'string' || !/^https?:\/\//.test(a['serviceUrl'])) return { path: 'serviceUrl', message: 'must be an http(s) URL' };
  for (const path of OPTIONAL_STRINGS) {
    const v = path.split('.').reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), a);
    if (v !== undefined && v !== null && typeof v !== 'string') return { path, message: 'must be a string' };
  }
  for (const field of ['value', 'channelData', 'recipient'] as const) {
    const v = a[field];
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) return { path: field, message: 'must be an object' };
  }
  for (const field of ['membersAdded', 'membersRemoved'] as const) {
    const v = a[field];
    if (v !== undefined && (!Array.isArray(v) || v.some((m) => typeof m !== 'object' || m === null || typeof (m as Record<string, unknown>)['id'] !== 'string'))) {
      return { path: field, message: 'must be a list of members, each with an id' };
    }
  }
  const bad = findUnstorable(a, '');
  if (bad !== null) return { path: bad || '(body)', message: 'must not contain NUL or a lone surrogate half (it cannot be stored)' };
  return null;
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (key or value) PostgreSQL's jsonb would refuse, or null. */
function findUnstorable(v: unknown, path: string): string | null {
  if (typeof v === 'string') return UNSTORABLE.test(v) ? path : null;
  if (typeof v !== 'object' || v === null) return null;
  for (const [k, child] of Object.entries(v)) {
    const at = path ? `${path}.${k}` : k;
    if (UNSTORABLE.test(k)) return at;
    const hit = findUnstorable(child, at);
    if (hit !== null) return hit;
  }
  return null;
}

/** Mounted on the messaging path before the SDK's route; a JSON body parsed here is not parsed again. */
export function createActivityShapeGuard(): RequestHandler[] {
  return [
    express.json({ limit: '1mb' }),
    (req: Request, res: Response, next: NextFunction) => {
      const problem = activityShapeProblem(req.body);
      if (problem) return void res.status(400).json({ error: 'invalid', errors: [problem] });
      next();
    },
  ];
}
