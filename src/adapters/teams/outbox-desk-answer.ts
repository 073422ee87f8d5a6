// Owns answering the desk command in Teams (from the outbox, so a 429 waits its Retry-After): `mine`,
// `queue`, `case ID`, `emergency on|off` and `help`, as Adaptive Cards in the conversation the person asked in.
import { fitByGrapheme } from '../../domain/cut-text.js';
import type { ConversationReference } from '@microsoft/teams.api';
import { deskAccessRefusal, myOpenCases, parseDeskCommand, unclaimedQueue } from '../../services/desk-queries.js';
import { setEmergencyMode } from '../../services/emergency-mode.js';
import { setAway } from '../../services/out-of-office.js';
import { mayViewCase } from '../../policy/service-people.js';
import { PermanentError } from '../../services/errors.js';
import { loadCaseView } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { cardMessage, type AdaptiveCard } from './adaptive-elements.js';
import { renderCaseListCard, renderHelpCard } from './render-case-list-card.js';
import { renderViewCard } from './render-view-card.js';
import { resolveTeamsActorWithGroups, type TeamsUser } from './resolve-teams-actor.js';
import { renderLineCard } from './render-line-card.js';
import type { TeamsDeps } from './teams-deps.js';

export const DESK_ANSWER_KIND = 'chat.desk.answer';

export function createDeskAnswerHandler(deps: TeamsDeps): OutboxHandler {
  return async (job) => {
    const ref = job.payload['ref'] as ConversationReference | undefined;
    const from = job.payload['from'] as TeamsUser | undefined;
    if (!ref?.conversation?.id || !from?.id) throw new PermanentError('desk answer without a conversation or a person');
    const card = await answerDesk(deps, from, String(job.payload['text'] ?? ''));
    const sent = await deps.transport.send(ref, cardMessage(card));
    return { conversation: ref.conversation.id, activityId: sent.id };
  };
}

export async function answerDesk(deps: Pick<TeamsDeps, 'ctx' | 'groups'>, from: TeamsUser, text: string): Promise<AdaptiveCard> {
  const { ctx } = deps;
  const request = parseDeskCommand(text);
  const actor = await resolveTeamsActorWithGroups(ctx.policy, deps.groups, from);
  const refusal = deskAccessRefusal(actor);
  if (refusal && request.verb !== 'help') return renderLineCard(refusal, [], 'Attention');
  const now = ctx.clock.now();
  if (request.verb === 'mine') {
    const items = await myOpenCases(ctx, actor);
    return renderCaseListCard(`Your open cases (${items.length})`, items, ctx.policy, now, 'You hold no open cases.');
  }
  if (request.verb === 'queue') {
    const items = await unclaimedQueue(ctx, undefined, actor);
    return renderCaseListCard(`Unclaimed, oldest first (${items.length})`, items, ctx.policy, now, 'The queue is empty.');
  }
  if (request.verb === 'emergency') {
    if (!request.request) return renderLineCard('Say "desk emergency on https://your-site/page Your message" or "desk emergency off".');
    const outcome = await setEmergencyMode(ctx, actor, request.request);
    if (!outcome.ok) return renderLineCard(outcome.message, [], 'Attention');
    return renderLineCard(outcome.mode ? 'Emergency mode is on: every open card shows the banner, replies offer your message and link, and leadership has been told.' : 'Emergency mode is off.');
  }
  if (request.verb === 'away') return renderLineCard(await setAway(ctx, actor, request.args));
  if (request.verb === 'case') {
    const view = await loadCaseView(ctx, request.caseId);
    if (!view || !mayViewCase(ctx.policy, actor, view.case)) return renderLineCard(`There is no case ${fitByGrapheme(request.caseId, 64)}. Case ids look like MD-1042.`);
    return renderViewCard(deps, view, 'desk');
  }
  return renderHelpCard(request.unknown);
}
