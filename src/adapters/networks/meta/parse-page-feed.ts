// Owns turning a Page's `feed` and `mention` webhook changes into mentions: visitor posts, comments, replies, tags.
import type { MentionInput } from '../../../domain/mention.js';
import { id, isoTime, obj, optionalText, type Obj, type Parsed } from './meta-payload.js';

const POST_ITEMS = new Set(['post', 'status', 'photo', 'video', 'share']);

export function parsePageChange(field: string, value: Obj, path: string, pageId: string, entryTime: unknown): Parsed {
  if (field === 'feed') return parseFeed(value, path, pageId, entryTime);
  if (field === 'mention') return parseMention(value, path, entryTime);
  return { ignored: `page:${field}` };
}

function parseFeed(v: Obj, path: string, pageId: string, entryTime: unknown): Parsed {
  const item = String(v['item'] ?? '');
  const verb = String(v['verb'] ?? '');
  // Edits, removals, hides and reactions are not new things to answer.
  if (verb !== 'add') return { ignored: `feed:${item}:${verb}` };
  if (item === 'comment') return comment(v, path, pageId, entryTime);
  if (POST_ITEMS.has(item)) return visitorPost(v, path, pageId, entryTime);
  return { ignored: `feed:${item}:${verb}` };
}

function comment(v: Obj, path: string, pageId: string, entryTime: unknown): Parsed {
  const from = obj(v['from'], `${path}.from`);
  const authorId = id(from, 'id', `${path}.from`);
  // The page's own replies come back through the same feed: they are ours, not mentions.
  if (authorId === pageId) return { ignored: 'feed:comment:own' };
  const commentId = id(v, 'comment_id', path);
  const postId = id(v, 'post_id', path);
  const parentId = optionalText(v, 'parent_id') ?? postId;
  const isReply = parentId !== postId;
  const post = v['post'] && typeof v['post'] === 'object' ? (v['post'] as Obj) : {};
  const postUrl = optionalText(post, 'permalink_url') ?? `https://www.facebook.com/${postId}`;
  const mention: MentionInput = {
    network: 'facebook',
    externalId: commentId,
    url: `${postUrl}${postUrl.includes('?') ? '&' : '?'}comment_id=${encodeURIComponent(commentId)}`,
    text: optionalText(v, 'message') ?? '',
    postedAt: isoTime(v['created_time'], entryTime),
    kind: isReply ? 'reply' : 'comment',
    author: { id: authorId, name: optionalText(from, 'name') ?? '', handle: '', followers: null, verified: false },
    // What it answers: the post for a comment, the top-level comment for a reply (replies go there too).
    parent: isReply ? { externalId: parentId, text: '', url: postUrl } : { externalId: postId, text: optionalText(post, 'message') ?? '', url: postUrl },
    media: photo(v),
  };
  return { mention };
}

function visitorPost(v: Obj, path: string, pageId: string, entryTime: unknown): Parsed {
  const from = obj(v['from'], `${path}.from`);
  const authorId = id(from, 'id', `${path}.from`);
  if (authorId === pageId) return { ignored: 'feed:post:own' };
  const postId = id(v, 'post_id', path);
  return {
    mention: {
      network: 'facebook',
      externalId: postId,
      url: optionalText(v, 'permalink_url') ?? `https://www.facebook.com/${postId}`,
      text: optionalText(v, 'message') ?? '',
      postedAt: isoTime(v['created_time'], entryTime),
      kind: 'post',
      author: { id: authorId, name: optionalText(from, 'name') ?? '', handle: '', followers: null, verified: false },
      media: photo(v),
    },
  };
}

/** The page tagged in someone else's post or comment (field `mention`). */
function parseMention(v: Obj, path: string, entryTime: unknown): Parsed {
  if (String(v['verb'] ?? '') !== 'add') return { ignored: `mention:${String(v['item'] ?? '')}:${String(v['verb'] ?? '')}` };
  const postId = id(v, 'post_id', path);
  const commentId = optionalText(v, 'comment_id');
  const url = `https://www.facebook.com/${postId}${commentId ? `?comment_id=${encodeURIComponent(commentId)}` : ''}`;
  return {
    mention: {
      network: 'facebook',
      externalId: commentId ?? postId,
      url,
      text: optionalText(v, 'message') ?? '',
      postedAt: isoTime(v['created_time'], entryTime),
      kind: 'mention',
      author: { id: id(v, 'sender_id', path), name: optionalText(v, 'sender_name') ?? '', handle: '', followers: null, verified: false },
      parent: commentId ? { externalId: postId, text: '', url: `https://www.facebook.com/${postId}` } : undefined,
    },
  };
}

function photo(v: Obj): MentionInput['media'] {
  const link = optionalText(v, 'photo') ?? optionalText(v, 'link');
  return link && /^https?:\/\//.test(link) ? [{ type: optionalText(v, 'photo') ? 'image' : 'link', url: link }] : undefined;
}
