// Owns turning Instagram webhook changes (comments on the account's media, @mentions) into mentions.
import type { MentionInput } from '../../../domain/mention.js';
import { id, isoTime, obj, optionalText, type Obj, type Parsed } from './meta-payload.js';

/** Instagram's webhook carries no link; enrichment replaces this with the media's permalink when it can. */
export const INSTAGRAM_HOME = 'https://www.instagram.com/';

export function parseInstagramChange(field: string, value: Obj, path: string, accountId: string, entryTime: unknown): Parsed {
  if (field === 'comments' || field === 'live_comments') return comment(value, path, accountId, entryTime);
  if (field === 'mentions') return mention(value, path, entryTime);
  return { ignored: `instagram:${field}` };
}

function comment(v: Obj, path: string, accountId: string, entryTime: unknown): Parsed {
  const from = obj(v['from'], `${path}.from`);
  const authorId = id(from, 'id', `${path}.from`);
  // Our own replies come back as comments too.
  if (authorId === accountId) return { ignored: 'instagram:comments:own' };
  const media = obj(v['media'], `${path}.media`);
  const mediaId = id(media, 'id', `${path}.media`);
  const parentId = optionalText(v, 'parent_id');
  const username = optionalText(from, 'username') ?? '';
  const m: MentionInput = {
    network: 'instagram',
    externalId: id(v, 'id', path),
    url: INSTAGRAM_HOME,
    text: optionalText(v, 'text') ?? '',
    postedAt: isoTime(v['timestamp'], entryTime),
    kind: parentId ? 'reply' : 'comment',
    author: { id: authorId, name: username, handle: username, followers: null, verified: false },
    // Replies to a reply go to the top-level comment: Instagram threads are one level deep.
    parent: parentId ? { externalId: parentId, text: '' } : { externalId: mediaId, text: '' },
  };
  return { mention: m };
}

/**
 * Someone @mentioned the account in a comment or caption on their own media. The webhook gives
 * ids only: enrichment fetches the text; until then the card says where to read it.
 */
function mention(v: Obj, path: string, entryTime: unknown): Parsed {
  const mediaId = id(v, 'media_id', path);
  const commentId = optionalText(v, 'comment_id');
  const m: MentionInput = {
    network: 'instagram',
    externalId: commentId ?? `media:${mediaId}`,
    url: INSTAGRAM_HOME,
    text: commentId ? '(Mentioned the council in a comment: open it on Instagram to read it.)' : '(Mentioned the council in a post caption: open it on Instagram to read it.)',
    postedAt: isoTime(null, entryTime),
    kind: 'mention',
    author: { id: 'unknown', name: '', handle: '', followers: null, verified: false },
    parent: { externalId: mediaId, text: '' },
  };
  return { mention: m };
}
