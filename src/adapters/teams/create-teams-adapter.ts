// Owns assembling Mention Desk on Microsoft Teams: the SDK app on our express server (JWT-checked), the
// listeners, and the outbox handlers for every chat.* kind, all on the same services Slack uses.
import type { Log } from '../../services/log.js';
import type { Express } from 'express';
import type { ChatAdapter } from '../../services/chat-adapter.js';
import type { TeamsSettings } from '../../config/load-config.js';
import type { DeskContext } from '../../services/desk-context.js';
import type { CardMessageRepository } from '../../services/ports.js';
import { createKeyLock } from '../key-lock.js';
import { createActivityShapeGuard } from './activity-shape-guard.js';
import { createTeamsApp } from './create-teams-app.js';
import { createTeamsGraph, teamsAppOptions, type TeamsTransportOverrides } from './create-teams-graph.js';
import { describePostingOnce } from './describe-posting-once.js';
import { describeTeamsReach } from './describe-teams-reach.js';
import { createEntraGroupDirectory } from './entra-group-directory.js';
import { createTeamsMessageFinder } from './find-teams-message.js';
import { registerCardAction } from './listen-card-action.js';
import { registerConversationUpdate, WELCOME_KIND } from './listen-conversation-update.js';
import { registerDeskMessage } from './listen-desk-message.js';
import { createApprovalRequestHandler } from './outbox-approval-request.js';
import { createCardRefreshHandler } from './outbox-card-refresh.js';
import { createDeskAnswerHandler, DESK_ANSWER_KIND } from './outbox-desk-answer.js';
import { createEscalationPostHandler } from './outbox-escalation-post.js';
import { createNoticeHandler } from './outbox-notice.js';
import { createThreadLineHandler } from './outbox-thread-line.js';
import { createWelcomeHandler } from './outbox-welcome.js';
import type { ConversationRefRepository } from './pg-conversation-ref-repository.js';
import type { TeamsDeps } from './teams-deps.js';
import { teamsLogger } from './teams-logger.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export type { TeamsTransportOverrides } from './create-teams-graph.js';

export interface TeamsAdapterOptions {
  readonly cardMessages: CardMessageRepository;
  readonly refs: ConversationRefRepository;
  readonly transport?: TeamsTransportOverrides;
}

export async function createTeamsAdapter(ctx: DeskContext, settings: TeamsSettings, expressApp: Express, log: Log, options: TeamsAdapterOptions): Promise<ChatAdapter> {
  const overrides = options.transport ?? {};
  // Without a token nothing vouches for an activity's shape: check it before the SDK's route reads it.
  if (settings.allowUnauthenticated) expressApp.post(TEAMS_MESSAGES_PATH, ...createActivityShapeGuard());
  const transport = await createTeamsApp({ expressApp, path: TEAMS_MESSAGES_PATH, logger: teamsLogger(log), ...teamsAppOptions(settings, overrides) });
  const { graph, appChats } = createTeamsGraph(settings, transport.app);
  const entraGroups = ctx.policy.groups.map((g) => g.teams).filter((g): g is string => g !== undefined);
  const groups = createEntraGroupDirectory({ graph, groupIds: entraGroups, clock: ctx.clock, log });
  const messageFinder = createTeamsMessageFinder({ graph, refs: options.refs, log });
  const deps: TeamsDeps = { ctx, transport, refs: options.refs, cardMessages: options.cardMessages, locks: createKeyLock(), log, tenantId: settings.tenantId, appChats, groups, messageFinder };
  registerCardAction(transport.app, deps);
  registerConversationUpdate(transport.app, deps);
  registerDeskMessage(transport.app, deps);
  transport.app.event('error', ({ error }) => log.error({ err: error }, 'a Teams handler failed'));
  const mode = settings.allowUnauthenticated ? 'UNSAFE local mode, requests are not authenticated: TEAMS_ALLOW_UNAUTHENTICATED' : 'Bot Framework tokens checked';
  const graphOff = settings.allowUnauthenticated ? 'Microsoft Graph off (local mode)' : 'Microsoft Graph off (set MICROSOFT_APP_TENANT_ID)';
  const graphLine = graph ? `Microsoft Graph on${settings.graphUrl ? ` (${settings.graphUrl})` : ''}` : graphOff;
  return {
    surface: 'teams',
    description: `Teams posts to ${TEAMS_MESSAGES_PATH}; ${mode}; ${graphLine}`,
    outboxHandlers: {
      'chat.card.refresh': createCardRefreshHandler(deps),
      'chat.thread.line': createThreadLineHandler(deps),
      'chat.escalation.post': createEscalationPostHandler(deps),
      'chat.approval.request': createApprovalRequestHandler(deps),
      'chat.notice': createNoticeHandler(deps),
      [DESK_ANSWER_KIND]: createDeskAnswerHandler(deps),
      [WELCOME_KIND]: createWelcomeHandler(deps),
    },
    // Our server owns the port: the route exists since createTeamsApp returned.
    start: async () => groups.start(),
    stop: async () => groups.stop(),
    report: async () => [...(await describeTeamsReach({ policy: ctx.policy, graph, appChats })), describePostingOnce(graph)],
  };
}
