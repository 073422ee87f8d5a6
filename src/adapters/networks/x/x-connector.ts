// Owns acting on X as the council's account: replies, DMs (opt-in), hide and unhide replies, block (opt-in).
import type { XFeature } from '../../../config/network-settings.js';
import { PermanentError } from '../../../services/errors.js';
import type { Clock, NetworkConnector, NetworkTarget } from '../../../services/ports.js';
import type { AttemptLog } from '../../../services/network-state-ports.js';
import { findEarlierXMessage, findEarlierXReply } from './find-earlier-x-reply.js';
import { isDuplicateContent, mapXError } from './map-x-error.js';
import type { XClient } from './x-client.js';

export interface XConnectorOptions {
  readonly client: XClient;
  readonly userId: string;
  readonly features: ReadonlySet<XFeature>;
  readonly attempts: AttemptLog;
  readonly clock: Clock;
}

export function createXConnector(o: XConnectorOptions): NetworkConnector {
  const { client, userId, attempts } = o;

  async function publicReply(t: NetworkTarget, text: string, key: string): Promise<{ networkReplyId: string }> {
    const attempt = await attempts.begin(key, 'x');
    if (attempt.isRetry) {
      const earlier = await findEarlierXReply(client, userId, t.externalId, text, attempt.firstAt);
      if (earlier) return { networkReplyId: earlier };
    }
    const answer = await client.actRaw('POST', '/2/tweets', { text, reply: { in_reply_to_tweet_id: t.externalId } });
    const id = (answer.body as { data?: { id?: string } } | null)?.data?.id;
    if (answer.status >= 200 && answer.status < 300 && id) return { networkReplyId: id };
    // X refuses identical text from one account: on a retry that means our first attempt landed.
    if (isDuplicateContent(answer) && attempt.isRetry) {
      const landed = await findEarlierXReply(client, userId, t.externalId, text, attempt.firstAt);
      if (landed) return { networkReplyId: landed };
      throw new PermanentError('X says this exact reply was already posted.', 'An earlier attempt posted it: check the thread on x.com; nothing more to send.');
    }
    throw answer.status >= 200 && answer.status < 300 ? new Error('X answered without the new post\'s id') : mapXError(answer, o.clock.now());
  }

  async function directMessage(t: NetworkTarget, text: string, key: string): Promise<{ networkReplyId: string }> {
    if (!o.features.has('dm')) {
      throw new PermanentError('Direct messages on X are off.', 'Message them on x.com, or set X_FEATURES=dm if your X access tier includes direct messages.');
    }
    const attempt = await attempts.begin(key, 'x');
    if (attempt.isRetry) {
      const earlier = await findEarlierXMessage(client, userId, t.authorId, text, attempt.firstAt);
      if (earlier) return { networkReplyId: earlier };
    }
    const res = await client.act<{ data?: { dm_event_id?: string } }>('POST', `/2/dm_conversations/with/${t.authorId}/messages`, { text });
    const id = res.data?.dm_event_id;
    if (!id) throw new Error('X answered without the message\'s id');
    return { networkReplyId: id };
  }

  return {
    network: 'x',
    async reply(t, text, visibility, key) {
      return visibility === 'private' || t.kind === 'direct_message' ? directMessage(t, text, key) : publicReply(t, text, key);
    },
    async moderate(t, action) {
      switch (action) {
        case 'hide':
        case 'unhide':
          // X hides only replies in conversations the council's account started (50 per 15 minutes).
          await client.act('PUT', `/2/tweets/${t.externalId}/hidden`, { hidden: action === 'hide' });
          return;
        case 'delete':
          throw new PermanentError("X does not let an account delete other people's posts.", 'Hide it (replies to the council\'s posts), block the account, or report it on x.com.');
        case 'block':
        case 'unblock':
          if (!o.features.has('block')) {
            throw new PermanentError('Blocking through the X API needs Enterprise access, which is off.', `${action === 'block' ? 'Block' : 'Unblock'} the account on x.com (block on x.com), or set X_FEATURES=block with Enterprise access.`);
          }
          if (action === 'block') await client.act('POST', `/2/users/${userId}/blocking`, { target_user_id: t.authorId });
          else await client.act('DELETE', `/2/users/${userId}/blocking/${t.authorId}`);
          return;
      }
    },
  };
}
