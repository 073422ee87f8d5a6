// Owns reading one Meta webhook POST (page or instagram object, many entries and changes) into mentions.
import { mentionSchema, type Mention } from '../../../domain/mention.js';
import { list, MetaPayloadError, obj, type Obj, type Parsed } from './meta-payload.js';
import { parseInstagramChange } from './parse-instagram.js';
import { parseMessagingEvent } from './parse-messenger.js';
import { parsePageChange } from './parse-page-feed.js';

/** One change (or a whole entry) the parser could not read, kept as a one-change webhook body so it can be replayed. */
export interface UnreadableChange {
  readonly network: 'facebook' | 'instagram';
  /** Where it was in the delivery ("entry.0.changes.1") and what was wrong, naming the field. */
  readonly reason: string;
  /** `{"object":…,"entry":[{id,time,changes:[the change]}]}`: parseMetaWebhook reads it again on replay. */
  readonly raw: string;
}

export interface ParsedWebhook {
  readonly mentions: Mention[];
  /** Changes that are not mentions, counted by type ("feed:reaction:add": 2), for the log line. */
  readonly ignored: Readonly<Record<string, number>>;
  /** Changes that should be mentions but could not be read: kept whole, never dropped. */
  readonly unreadable: UnreadableChange[];
}

/**
 * Throws MetaPayloadError naming the field only when the envelope itself is not what Meta documents
 * (not JSON, no entry array). Inside a well-formed envelope one bad entry or change never costs the others.
 */
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
  const unreadable: UnreadableChange[] = [];
  // Other subscriptions (user, permissions, whatsapp…) may share the endpoint: acknowledged, not ours.
  if (object !== 'page' && object !== 'instagram') return { mentions, ignored: { [`object:${String(object)}`]: 1 }, unreadable };
  const network = object === 'page' ? 'facebook' : 'instagram';
  list(root['entry'], 'entry').forEach((e, i) => {
    const at = `entry.${i}`;
    let items: Array<Item>;
    try {
      items = itemsOf(object, obj(e, at), at);
    } catch (err) {
      if (!(err instanceof MetaPayloadError)) throw err;
      return void unreadable.push({ network, reason: err.message, raw: JSON.stringify({ object, entry: [e] }) });
    }
    for (const item of items) {
      try {
        const parsed = item.read();
        if ('ignored' in parsed) ignored[parsed.ignored] = (ignored[parsed.ignored] ?? 0) + 1;
        else mentions.push(validated(parsed.mention, item.path));
      } catch (err) {
        if (!(err instanceof MetaPayloadError)) throw err;
        unreadable.push({ network, reason: err.message, raw: JSON.stringify({ object, entry: [item.entry] }) });
      }
    }
  });
  return { mentions, ignored, unreadable };
}

interface Item {
  readonly path: string;
  /** The entry cut down to this one change or messaging event: what is kept if it cannot be read. */
  readonly entry: Obj;
  read(): Parsed;
}

function itemsOf(object: 'page' | 'instagram', entry: Obj, path: string): Item[] {
  const accountId = idOf(entry, path);
  const head = { id: entry['id'], time: entry['time'] };
  const out: Item[] = [];
  if (entry['changes'] !== undefined) {
    list(entry['changes'], `${path}.changes`).forEach((c, j) => {
      const at = `${path}.changes.${j}`;
      out.push({
        path: at,
        entry: { ...head, changes: [c] },
        read: () => {
          const change = obj(c, at);
          if (typeof change['field'] !== 'string') throw new MetaPayloadError(`${at}.field`, 'required: the subscribed field name');
          const value = obj(change['value'], `${at}.value`);
          return object === 'page' ? parsePageChange(change['field'], value, `${at}.value`, accountId, entry['time']) : parseInstagramChange(change['field'], value, `${at}.value`, accountId, entry['time']);
        },
      });
    });
  }
  if (entry['messaging'] !== undefined) {
    list(entry['messaging'], `${path}.messaging`).forEach((m, j) => {
      const at = `${path}.messaging.${j}`;
      out.push({
        path: at,
        entry: { ...head, messaging: [m] },
        // Instagram DMs share the shape but not the capability table (no DMs there): counted, not kept.
        read: () => (object === 'page' ? parseMessagingEvent(obj(m, at), at, accountId) : { ignored: 'instagram:messaging' }),
      });
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
