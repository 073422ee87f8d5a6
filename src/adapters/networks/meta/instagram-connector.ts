// Owns acting on Instagram (professional account via the Graph API): replies, hide, unhide, delete.
import { PermanentError } from '../../../services/errors.js';
import type { NetworkConnector, NetworkTarget } from '../../../services/ports.js';
import type { AttemptLog } from '../../../services/network-state-ports.js';
import { findEarlierReply } from './find-earlier-reply.js';
import type { GraphClient } from './graph-client.js';

export interface InstagramConnectorOptions {
  readonly graph: GraphClient;
  readonly accountId: string;
  readonly attempts: AttemptLog;
}

const NOT_OURS = 'It is on someone else\'s post: only its owner can hide or delete it. Report it on Instagram if it breaks the rules.';

export function createInstagramConnector(o: InstagramConnectorOptions): NetworkConnector {
  const { graph, accountId, attempts } = o;

  async function mentionReply(t: NetworkTarget, text: string, key: string): Promise<{ networkReplyId: string }> {
    const attempt = await attempts.begin(key, 'instagram');
    // Replies to @mentions sit on other people's media, where we cannot list replies to check:
    // rather than risk a second public reply, a retry stops and asks a person to look.
    if (attempt.isRetry) {
      throw new PermanentError('The first attempt to reply to this @mention had an unknown outcome.', 'Instagram may already have posted it: check the post from the link, and reply there if it is missing.');
    }
    const body: Record<string, unknown> = { media_id: t.parentExternalId, message: text };
    if (!t.externalId.startsWith('media:')) body['comment_id'] = t.externalId;
    const res = await graph.post<{ id?: string }>(`${accountId}/mentions`, body);
    return { networkReplyId: requireId(res.id) };
  }

  async function commentReply(t: NetworkTarget, text: string, key: string): Promise<{ networkReplyId: string }> {
    const on = t.kind === 'reply' && t.parentExternalId ? t.parentExternalId : t.externalId;
    const attempt = await attempts.begin(key, 'instagram');
    if (attempt.isRetry) {
      const earlier = await findEarlierReply(graph, `${on}/replies`, accountId, text, attempt.firstAt);
      if (earlier) return { networkReplyId: earlier };
    }
    const res = await graph.post<{ id?: string }>(`${on}/replies`, { message: text });
    return { networkReplyId: requireId(res.id) };
  }

  return {
    network: 'instagram',
    async reply(t, text, visibility, key) {
      if (visibility === 'private') throw new PermanentError('Private replies on Instagram are not connected.', 'Reply publicly, or message them from the Instagram app.');
      return t.kind === 'mention' ? mentionReply(t, text, key) : commentReply(t, text, key);
    },
    async moderate(t, action, key) {
      if (t.kind === 'mention' && action !== 'block' && action !== 'unblock') throw new PermanentError(`Instagram cannot ${action} an @mention.`, NOT_OURS);
      switch (action) {
        case 'hide':
        case 'unhide':
          await graph.post(t.externalId, { hide: action === 'hide' });
          return;
        case 'delete': {
          const attempt = await attempts.begin(key, 'instagram');
          try {
            await graph.delete(t.externalId);
          } catch (e) {
            if (attempt.isRetry && e instanceof PermanentError && /deleted/i.test(e.hint ?? '')) return;
            throw e;
          }
          return;
        }
        default:
          throw new PermanentError(`Instagram's API cannot ${action} an account.`, `Use "Restrict" or "Block" in the Instagram app.`);
      }
    },
  };
}

function requireId(v: string | undefined): string {
  if (!v) throw new Error('Instagram answered without the new reply\'s id');
  return v;
}
