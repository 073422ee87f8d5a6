// Owns assembling Mention Desk on Slack: the Bolt app and its transport, the listeners, and the outbox handlers.
import type { Log } from '../../services/log.js';
import type { Express } from 'express';
import type { ChatAdapter } from '../../services/chat-adapter.js';
import type { SlackSettings } from '../../config/load-config.js';
import type { DeskContext } from '../../services/desk-context.js';
import { boltLogger, type PinoLike } from './bolt-logger.js';
import type { CardMessageRepository } from '../../services/ports.js';
import { createSlackApp, SLACK_EVENTS_PATH } from './create-slack-app.js';
import { createKeyLock } from '../key-lock.js';
import { createHomePublishHandler, registerAppHome } from './listen-app-home.js';
import { registerBlockActions } from './listen-block-actions.js';
import { registerDeskCommand } from './listen-desk-command.js';
import { registerViewSubmission } from './listen-view-submission.js';
import { createApprovalRequestHandler } from './outbox-approval-request.js';
import { createCardRefreshHandler } from './outbox-card-refresh.js';
import { createNoticeHandler } from './outbox-notice.js';
import { createEphemeralHandler } from './tell-clicker.js';
import { createEscalationPostHandler } from './outbox-escalation-post.js';
import { createThreadLineHandler } from './outbox-thread-line.js';
import { createSlackActorResolver } from './resolve-slack-actor.js';
import { createSlackRequestGuard } from './slack-request-guard.js';
import { createWorkspaceGuard, type SlackWorkspace } from './workspace-guard.js';
import type { SlackDeps } from './slack-deps.js';
import type { ChannelPacer } from '../../services/channel-pacer.js';

export interface SlackAdapterOptions {
  /** Where posted messages are remembered (card_messages). */
  readonly cardMessages: CardMessageRepository;
  /** Paces chat.postMessage per channel (shared by the replicas through the database). */
  readonly pacer: ChannelPacer;
  /** How long a Slack user group's member list is trusted; default 60 s. */
  readonly groupTtlMs?: number;
}

export async function createSlackAdapter(
  ctx: DeskContext,
  settings: SlackSettings,
  expressApp: Express,
  logger: Log & PinoLike,
  options: SlackAdapterOptions,
): Promise<ChatAdapter> {
  // Before Bolt's own route on the same path, so it sees each request first.
  if (settings.signingSecret && !settings.appToken) expressApp.post(SLACK_EVENTS_PATH, createSlackRequestGuard(settings.signingSecret));
  const slack = createSlackApp({
    botToken: settings.botToken,
    ...(settings.signingSecret ? { signingSecret: settings.signingSecret } : {}),
    ...(settings.appToken ? { appToken: settings.appToken } : {}),
    ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
    requestTimeoutMs: settings.requestTimeoutMs,
    expressApp,
    logger: boltLogger(logger),
  });
  const client = slack.app.client;
  const deps: SlackDeps = {
    ctx,
    client,
    actors: createSlackActorResolver({ client, policy: ctx.policy, clock: ctx.clock, log: logger, ...(options.groupTtlMs ? { groupTtlMs: options.groupTtlMs } : {}) }),
    cardMessages: options.cardMessages,
    locks: createKeyLock(),
    pacer: options.pacer,
    log: logger,
  };
  let workspace: SlackWorkspace | null = settings.teamId ? { teamId: settings.teamId, enterpriseId: settings.enterpriseId } : null;
  slack.app.use(createWorkspaceGuard(() => workspace, logger));
  registerBlockActions(slack.app, deps);
  registerViewSubmission(slack.app, deps);
  registerDeskCommand(slack.app, deps);
  registerAppHome(slack.app, deps);
  // Bolt already answered Slack; a listener that throws after that is logged here with what it was doing.
  slack.app.error(async (error) => logger.error({ err: error }, 'a Slack listener failed'));
  return {
    surface: 'slack',
    description: slack.mode === 'socket' ? 'Socket Mode (SLACK_APP_TOKEN)' : `HTTP mode, Slack posts to ${SLACK_EVENTS_PATH}`,
    outboxHandlers: {
      'chat.card.refresh': createCardRefreshHandler(deps),
      'chat.thread.line': createThreadLineHandler(deps),
      'chat.escalation.post': createEscalationPostHandler(deps),
      'chat.approval.request': createApprovalRequestHandler(deps),
      'chat.notice': createNoticeHandler(deps),
      'chat.ephemeral': createEphemeralHandler(deps),
      'chat.home.publish': createHomePublishHandler(deps),
    },
    async start() {
      if (!workspace) {
        const me = await client.auth.test();
        if (!me.team_id) throw new Error('Slack auth.test named no workspace (team_id); set SLACK_TEAM_ID');
        workspace = { teamId: me.team_id, enterpriseId: settings.enterpriseId ?? (me.enterprise_id || null) };
      }
      await slack.start();
    },
    stop: () => slack.stop(),
  };
}
