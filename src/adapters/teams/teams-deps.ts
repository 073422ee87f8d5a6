// Owns what every Teams handler and outbox handler is given: the desk, the transport, where the bot can
// reach, where cards are, and one write per case at a time.
import type { Log } from '../../services/log.js';
import type { DeskContext } from '../../services/desk-context.js';
import type { CardMessageRepository } from '../../services/ports.js';
import type { KeyLock } from '../key-lock.js';
import type { TeamsTransport } from './create-teams-app.js';
import type { EntraGroupDirectory } from './entra-group-directory.js';
import type { TeamsMessageFinder } from './find-teams-message.js';
import type { AppChatFinder } from './graph-app-chat.js';
import type { ConversationRefRepository } from './pg-conversation-ref-repository.js';


export interface TeamsDeps {
  readonly ctx: DeskContext;
  readonly transport: TeamsTransport;
  readonly refs: ConversationRefRepository;
  readonly cardMessages: CardMessageRepository;
  /** One Teams write per case at a time in this process, so two refreshes never both post a card. */
  readonly locks: KeyLock;
  readonly log: Log;
  /** MICROSOFT_APP_TENANT_ID: activities from any other tenant are turned away. */
  readonly tenantId: string | null;
  /** Microsoft Graph's proactive install, when Graph is set up; null: only createConversation is tried. */
  readonly appChats: AppChatFinder | null;
  /** Entra groups named in the policy, with their members from Graph (none when Graph is off). */
  readonly groups: EntraGroupDirectory;
  /** Looks for a post whose answer was lost (Graph), so it is not posted twice; finds nothing while Graph is off. */
  readonly messageFinder: TeamsMessageFinder;
}

export const SURFACE = 'teams';
export const TRIAGE_PURPOSE = 'triage';
