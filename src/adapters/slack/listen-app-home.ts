// Owns the App Home tab: published afresh each time someone opens it, with their open cases and the queue.
import type { App, types } from '@slack/bolt';
import { deskAccessRefusal, myOpenCases, unclaimedQueue } from '../../services/desk-queries.js';
import { renderCaseList } from './render-case-list.js';
import type { SlackDeps } from './slack-deps.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { payloadString } from '../../services/load-case-view.js';
import { withSlackErrors } from './map-slack-error.js';
import { formatLocalTime } from '../../policy/format-local-time.js';
import { BLOCK_KIT } from './block-kit-limits.js';
import { plain } from './slack-text.js';

const PER_LIST = 15;

export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    // Through the outbox like every Slack call; dispatched at once because the person is looking at it.
    const key = `home:slack:${event.user}:${event.event_ts}`;
    await deps.ctx.store.outbox.enqueue([{ key, kind: 'chat.home.publish', caseId: null, payload: { surface: 'slack', user: event.user } }]);
    await deps.ctx.dispatchNow?.([key]);
  });
}

/** Drawn when it is sent, so a retry publishes the tab as it is then. */
export function createHomePublishHandler(deps: SlackDeps): OutboxHandler {
  return (job) =>
    withSlackErrors(async () => {
      const user = payloadString(job.payload, 'user');
      await deps.client.views.publish({ user_id: user, view: { type: 'home', blocks: await homeBlocks(deps, user) } });
      return { user };
    });
}

export async function homeBlocks(deps: SlackDeps, userId: string): Promise<types.KnownBlock[]> {
  const { ctx } = deps;
  const actor = await deps.actors.resolve(userId);
  const now = ctx.clock.now();
  const refusal = deskAccessRefusal(actor);
  if (refusal) return [{ type: 'section', text: plain(refusal, BLOCK_KIT.sectionText) }];
  const [mine, queue] = await Promise.all([myOpenCases(ctx, actor, PER_LIST), unclaimedQueue(ctx, PER_LIST)]);
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: plain(`Your open cases, ${actor.name}`, BLOCK_KIT.headerText) },
    ...renderCaseList(mine, ctx.policy, now, 'You hold no open cases.'),
    { type: 'divider' },
    { type: 'header', text: plain('The queue: unclaimed, oldest first', BLOCK_KIT.headerText) },
    ...renderCaseList(queue, ctx.policy, now, 'The queue is empty.'),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Updated ${formatLocalTime(now.toISOString(), ctx.policy.calendar.timeZone)}. Type */desk help* in any channel for more.` }] },
  ];
  return blocks.slice(0, BLOCK_KIT.viewBlocks);
}
