// Owns the /desk slash command: `mine`, `queue`, `case ID` and `help`, answered privately to the person asking.
import type { App, types } from '@slack/bolt';
import type { Actor } from '../../domain/actor.js';
import { DESK_HELP as HELP, deskAccessRefusal, myOpenCases, parseDeskCommand, unclaimedQueue } from '../../services/desk-queries.js';
import { loadCaseView } from '../../services/load-case-view.js';
import { setEmergencyMode } from '../../services/emergency-mode.js';
import { setAway } from '../../services/out-of-office.js';
import { mayViewCase } from '../../policy/service-people.js';
import { cardFallbackText, renderCaseBlocks } from './render-case-blocks.js';
import { renderCaseList } from './render-case-list.js';
import type { SlackDeps } from './slack-deps.js';
import { escapeAndCut, mrkdwn } from './slack-text.js';

interface Answer {
  readonly text: string;
  readonly blocks?: types.KnownBlock[];
}

export const DESK_HELP = HELP.map(([verb, what]) => `*/desk ${verb}*: ${what}`).join('\n');

export function registerDeskCommand(app: App, deps: SlackDeps): void {
  app.command('/desk', async ({ ack, command }) => {
    const actor = await deps.actors.resolve(command.user_id, command.user_name);
    const answer = await answerDesk(deps, actor, command.text ?? '');
    await ack({ response_type: 'ephemeral', text: answer.text, ...(answer.blocks ? { blocks: answer.blocks } : {}) });
  });
}

export async function answerDesk(deps: SlackDeps, actor: Actor, text: string): Promise<Answer> {
  const request = parseDeskCommand(text);
  const refusal = deskAccessRefusal(actor);
  if (refusal && request.verb !== 'help') return { text: escapeAndCut(refusal, 500).text };
  const { ctx } = deps;
  const now = ctx.clock.now();
  if (request.verb === 'mine') {
    const items = await myOpenCases(ctx, actor);
    return list(`Your open cases (${items.length})`, renderCaseList(items, ctx.policy, now, 'You hold no open cases.'));
  }
  if (request.verb === 'queue') {
    const items = await unclaimedQueue(ctx, undefined, actor);
    return list(`Unclaimed, oldest first (${items.length})`, renderCaseList(items, ctx.policy, now, 'The queue is empty.'));
  }
  if (request.verb === 'emergency') {
    if (!request.request) return { text: 'Say `/desk emergency on https://your-site/page Your message` or `/desk emergency off`.' };
    const outcome = await setEmergencyMode(ctx, actor, request.request);
    if (!outcome.ok) return { text: escapeAndCut(outcome.message, 500).text };
    return { text: outcome.mode ? `Emergency mode is on: every open card shows the banner, replies offer your message and link, and leadership has been told.` : 'Emergency mode is off.' };
  }
  if (request.verb === 'away') return { text: escapeAndCut(await setAway(ctx, actor, request.args), 500).text };
  if (request.verb === 'case') {
    const view = await loadCaseView(ctx, request.caseId);
    if (!view || !mayViewCase(ctx.policy, actor, view.case)) return { text: `There is no case ${escapeAndCut(request.caseId, 64).text}. Case ids look like MD-1042.` };
    return { text: cardFallbackText(view.card), blocks: renderCaseBlocks(view.card) };
  }
  const lead = request.unknown === null ? '' : `I don't know "${escapeAndCut(request.unknown, 40).text}". `;
  return { text: `${lead}${DESK_HELP}`, blocks: [{ type: 'section', text: mrkdwn(`${lead}${DESK_HELP}`) }] };
}

function list(title: string, blocks: types.KnownBlock[]): Answer {
  return { text: title, blocks: [{ type: 'section', block_id: 'title', text: mrkdwn(`*${title}*`) }, ...blocks] };
}
