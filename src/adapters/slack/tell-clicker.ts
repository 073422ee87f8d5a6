// Owns answering one person privately where they clicked: an ephemeral message only they see.
import type { webApi } from '@slack/bolt';
import type { SlackLog } from './slack-deps.js';
import { escapeSlack } from './slack-text.js';

export interface ClickPlace {
  /** Null for a click in a place with no channel (the App Home tab). */
  readonly channel: string | null;
  readonly user: string;
}

export async function tellClicker(client: webApi.WebClient, log: SlackLog, where: ClickPlace, text: string): Promise<void> {
  if (!where.channel) {
    log.info({ user: where.user, text }, 'nowhere to show a message to the clicker (no channel)');
    return;
  }
  await client.chat.postEphemeral({ channel: where.channel, user: where.user, text: escapeSlack(text) });
}
