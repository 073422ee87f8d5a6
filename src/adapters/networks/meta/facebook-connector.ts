// Owns acting on a Facebook Page: comment replies, private replies and Messenger, hide, delete, ban from the page.
import { PermanentError } from '../../../services/errors.js';
import type { NetworkConnector, NetworkTarget } from '../../../services/ports.js';
import type { AttemptLog } from '../../../services/network-state-ports.js';
import { findEarlierReply, CLOCK_SKEW_MS } from './find-earlier-reply.js';
import type { GraphClient } from './graph-client.js';
import { AlreadyRepliedError } from './map-graph-error.js';

export interface FacebookConnectorOptions {
  readonly graph: GraphClient;
  readonly pageId: string;
  readonly attempts: AttemptLog;
}

export function createFacebookConnector(o: FacebookConnectorOptions): NetworkConnector {
  const { graph, pageId, attempts } = o;

  async function publicReply(t: NetworkTarget, text: string, key: string): Promise<{ networkReplyId: string }> {
    // Facebook threads are one level deep: a reply to a reply goes under the top-level comment.
    const on = t.kind === 'reply' && t.parentExternalId ? t.parentExternalId : t.externalId;
    const attempt = await attempts.begin(key, 'facebook');
    if (attempt.isRetry) {
      const earlier = await findEarlierReply(graph, `${on}/comments`, pageId, text, attempt.firstAt);
      if (earlier) return { networkReplyId: earlier };
    }
    const res = await graph.post<{ id?: string }>(`${on}/comments`, { message: text });
    return { networkReplyId: requireId(res.id, 'comment') };
  }

  async function privateReply(t: NetworkTarget, text: string, key: string): Promise<{ networkReplyId: string }> {
    const attempt = await attempts.begin(key, 'facebook');
    const dm = t.kind === 'direct_message';
    if (dm && attempt.isRetry) {
      const earlier = await findEarlierMessage(t.authorId, text, attempt.firstAt);
      if (earlier) return { networkReplyId: earlier };
    }
    // A comment or visitor post takes one private reply, ever (within 7 days): Facebook itself refuses a second.
    const recipient = dm ? { id: t.authorId } : t.kind === 'post' || (t.kind === 'mention' && !t.parentExternalId) ? { post_id: t.externalId } : { comment_id: t.externalId };
    try {
      const res = await graph.post<{ message_id?: string }>(`${pageId}/messages`, { recipient, messaging_type: 'RESPONSE', message: { text } });
      return { networkReplyId: requireId(res.message_id, 'message') };
    } catch (e) {
      // Our earlier attempt sent it and its answer was lost: Facebook's refusal of a second is the proof it landed.
      // Its message id is unknown (the page cannot look a commenter's conversation up by comment), so it is named by the comment.
      if (e instanceof AlreadyRepliedError && attempt.isRetry && !dm) return { networkReplyId: `private-reply-to:${t.externalId}` };
      if (e instanceof PermanentError && attempt.isRetry && !dm) {
        throw new PermanentError(e.message, `An earlier attempt may have sent it already (Facebook allows one private reply per comment): check the page's inbox. ${e.hint ?? ''}`.trim(), { cause: e });
      }
      throw e;
    }
  }

  async function findEarlierMessage(psid: string, text: string, firstAt: Date): Promise<string | null> {
    const res = await graph.get<{ data?: Array<{ messages?: { data?: Array<{ id: string; message?: string; from?: { id?: string }; created_time?: string }> } }> }>(
      `${pageId}/conversations`,
      { platform: 'messenger', user_id: psid, fields: 'messages.limit(20){id,message,from,created_time}' },
    );
    const since = firstAt.getTime() - CLOCK_SKEW_MS;
    for (const conv of res.data ?? []) {
      const hit = (conv.messages?.data ?? []).find((m) => m.from?.id === pageId && (m.message ?? '').trim() === text.trim() && !(Date.parse(m.created_time ?? '') < since));
      if (hit) return hit.id;
    }
    return null;
  }

  return {
    network: 'facebook',
    async reply(t, text, visibility, key) {
      return visibility === 'private' || t.kind === 'direct_message' ? privateReply(t, text, key) : publicReply(t, text, key);
    },
    async moderate(t, action, key) {
      const who = t.kind === 'direct_message' ? 'psid' : 'user';
      switch (action) {
        case 'hide':
        case 'unhide':
          if (t.kind === 'direct_message') throw new PermanentError('A Messenger message cannot be hidden.', 'Block the sender if needed, or archive the conversation in the page inbox.');
          await graph.post(t.externalId, { is_hidden: action === 'hide' });
          return;
        case 'delete': {
          if (t.kind === 'direct_message') throw new PermanentError('A Messenger message cannot be deleted by the page.', 'Archive the conversation in the page inbox.');
          const attempt = await attempts.begin(key, 'facebook');
          try {
            await graph.delete(t.externalId);
          } catch (e) {
            // Deleted by our earlier attempt, whose answer was lost: that is success.
            if (attempt.isRetry && e instanceof PermanentError && /deleted/i.test(e.hint ?? '')) return;
            throw e;
          }
          return;
        }
        case 'block':
          // Banning from the page (DOMAIN: "block from that channel"); Messenger senders are known by their PSID.
          await graph.post(`${pageId}/blocked`, { [who]: [t.authorId] });
          return;
        case 'unblock':
          await graph.delete(`${pageId}/blocked`, { [who]: t.authorId });
          return;
      }
    },
  };
}

function requireId(v: string | undefined, what: string): string {
  if (!v) throw new Error(`Facebook answered without the new ${what}'s id`);
  return v;
}
