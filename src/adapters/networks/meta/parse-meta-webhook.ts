// Owns reading one Meta webhook POST (page or instagram object, many entries and changes) into mentions.
import { mentionSchema, type Mention } from '../../../domain/mention.js';
import { list, MetaPayloadError, obj, type Obj, type Parsed } from './meta-payload.js';
import { parseInstagramChange } from './parse-instagram.js';
import { parseMessagingEvent } from './parse-messenger.js';
import { parsePageChange } from './parse-page-feed.js';

export interface ParsedWebhook {
  readonly mentions: Mention[];
  /** Changes that are not mentions, counted by type ("feed:reaction:add": 2), for the log line. */
  readonly ignored: Readonly<Record<string, number>>;
}

/** Throws MetaPayloadError naming the field when the body is not what Meta documents. */
export function parseMetaWebhook(raw: Buffer): ParsedWebhook {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new MetaPayloadError('(body)', 'not JSON');
  }
  const root = obj(body, '(body)');
  const object = root['object'];
  const ignored: Record<string, number> = {};
  const mentions: Mention[] = [];
  // Other subscriptions (user, permissions, whatsapp…) may share the endpoint: acknowledged, not ours.
  if (object !== 'page' && object !== 'instagram') return { mentions, ignored: { [`object:${String(object)}`]: 1 } };
  list(root['entry'], 'entry').forEach((e, i) => {
    const entry = obj(e, `entry.${i}`);
    const accountId = idOf(entry, `entry.${i}`);
    for (const [path, parsed] of parseEntry(object, entry, `entry.${i}`, accountId)) {
      if ('ignored' in parsed) ignored[parsed.ignored] = (ignored[parsed.ignored] ?? 0) + 1;
      else mentions.push(validated(parsed.mention, path));
    }
  });
  return { mentions, ignored };
}

function parseEntry(object: 'page' | 'instagram', entry: Obj, path: string, accountId: string): Array<[string, Parsed]> {
  const out: Array<[string, Parsed]> = [];
  if (entry['changes'] !== undefined) {
    list(entry['changes'], `${path}.changes`).forEach((c, j) => {
      const at = `${path}.changes.${j}`;
      const change = obj(c, at);
      if (typeof change['field'] !== 'string') throw new MetaPayloadError(`${at}.field`, 'required: the subscribed field name');
      const value = obj(change['value'], `${at}.value`);
      out.push([at, object === 'page' ? parsePageChange(change['field'], value, `${at}.value`, accountId, entry['time']) : parseInstagramChange(change['field'], value, `${at}.value`, accountId, entry['time'])]);
    });
  }
  if (entry['messaging'] !== undefined) {
    list(entry['messaging'], `${path}.messaging`).forEach((m, j) => {
      const at = `${path}.messaging.${j}`;
      // Instagram DMs share the shape but not the capability table (no DMs there): counted, not kept.
      out.push([at, object === 'page' ? parseMessagingEvent(obj(m, at), at, accountId) : { ignored: 'instagram:messaging' }]);
    });
  }
  return out;
}

function idOf(entry: Obj, path: string): string {
  const v = entry['id'];
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number') return String(v);
  throw new MetaPayloadError(`${path}.id`, 'required: the page or Instagram account id');
}

function validated(input: unknown, path: string): Mention {
  const r = mentionSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new MetaPayloadError(`${path} (mention ${issue?.path.join('.') ?? ''})`, issue?.message ?? 'invalid');
}
