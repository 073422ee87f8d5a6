// Owns answering one person privately where they clicked: an ephemeral message only they see, sent through
// the outbox like every Slack call, and dispatched at once because the person is waiting for it.
import { randomUUID } from 'node:crypto';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { payloadString } from '../../services/load-case-view.js';
import { withSlackErrors } from './map-slack-error.js';
import type { SlackDeps } from './slack-deps.js';
import { escapeSlack } from './slack-text.js';

export interface ClickPlace {
  /** Null for a click in a place with no channel (the App Home tab). */
  readonly channel: string | null;
  readonly user: string;
  /** The click's own id (its trigger_id), so the answer to one click is sent once. */
  readonly clickId?: string;
}

export async function tellClicker(deps: SlackDeps, where: ClickPlace, text: string): Promise<void> {
  if (!where.channel) {
    deps.log.info({ user: where.user, text }, 'nowhere to show a message to the clicker (no channel)');
    return;
  }
  const key = `ephemeral:slack:${where.clickId ?? randomUUID()}:${where.user}`;
  await deps.ctx.store.outbox.enqueue([{ key, kind: 'chat.ephemeral', caseId: null, payload: { surface: 'slack', channel: where.channel, user: where.user, text } }]);
  await deps.ctx.dispatchNow?.([key]);
}

export function createEphemeralHandler(deps: SlackDeps): OutboxHandler {
  return (job) =>
    withSlackErrors(async () => {
      const channel = payloadString(job.payload, 'channel');
      await deps.client.chat.postEphemeral({ channel, user: payloadString(job.payload, 'user'), text: escapeSlack(payloadString(job.payload, 'text')) });
      return { channel };
    });
}
