// Owns turning Messenger `messaging` events (DMs to the page) into direct-message mentions.
import type { MentionInput } from '../../../domain/mention.js';
import { id, isoTime, obj, optionalText, type Obj, type Parsed } from './meta-payload.js';

const MEDIA_TYPES: Record<string, 'image' | 'video' | 'link' | 'other'> = { image: 'image', video: 'video', fallback: 'link' };

export function parseMessagingEvent(e: Obj, path: string, pageId: string): Parsed {
  // Deliveries, reads, reactions and postbacks are not messages to answer.
  if (!e['message']) return { ignored: `messaging:${Object.keys(e).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k))[0] ?? 'unknown'}` };
  const message = obj(e['message'], `${path}.message`);
  // Echoes are the page's own messages (our replies included) coming back.
  if (message['is_echo'] === true) return { ignored: 'messaging:echo' };
  const sender = id(obj(e['sender'], `${path}.sender`), 'id', `${path}.sender`);
  if (sender === pageId) return { ignored: 'messaging:own' };
  const media = attachments(message['attachments']);
  const text = optionalText(message, 'text') ?? (media?.length ? `(${media.map((m) => m.type).join(', ')} sent)` : '');
  const mention: MentionInput = {
    network: 'facebook',
    externalId: id(message, 'mid', `${path}.message`),
    // Messages are read in the page's inbox in Meta Business Suite.
    url: `https://business.facebook.com/latest/inbox/all?asset_id=${encodeURIComponent(pageId)}&selected_item_id=${encodeURIComponent(sender)}`,
    text,
    postedAt: isoTime(e['timestamp'], null),
    kind: 'direct_message',
    author: { id: sender, name: '', handle: '', followers: null, verified: false },
    media,
  };
  return { mention };
}

function attachments(v: unknown): MentionInput['media'] {
  if (!Array.isArray(v)) return undefined;
  const out = v
    .map((a) => (a && typeof a === 'object' ? (a as Obj) : {}))
    .map((a) => ({ type: MEDIA_TYPES[String(a['type'])] ?? 'other', url: optionalText((a['payload'] as Obj | undefined) ?? {}, 'url') }))
    .filter((a): a is { type: 'image' | 'video' | 'link' | 'other'; url: string } => !!a.url && /^https?:\/\//.test(a.url));
  return out.length ? out.slice(0, 20) : undefined;
}
