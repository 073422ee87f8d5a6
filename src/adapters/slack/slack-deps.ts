// Owns what every Slack listener and outbox handler is given: the desk, the Web API client, who is who, where cards are.
import type { Log } from '../../services/log.js';
import type { webApi } from '@slack/bolt';
import type { DeskContext } from '../../services/desk-context.js';
import type { CardMessageRepository } from '../../services/ports.js';
import type { ChannelPacer } from '../../services/channel-pacer.js';
import type { KeyLock } from '../key-lock.js';
import type { SlackActorResolver } from './resolve-slack-actor.js';


export interface SlackDeps {
  readonly ctx: DeskContext;
  /** The bot-token client; the outbox uses it, listeners use the one Bolt hands them (same token). */
  readonly client: webApi.WebClient;
  readonly actors: SlackActorResolver;
  readonly cardMessages: CardMessageRepository;
  /** One Slack write per case at a time in this process, so two refreshes never both post a card. */
  readonly locks: KeyLock;
  /** Slack takes one message a second per channel: every chat.postMessage waits its turn here. */
  readonly pacer: ChannelPacer;
  readonly log: Log;
}
