// Owns messages to the bot ("desk mine", "queue", "case MD-1042", "help", in its chat or @mentioning it in a
// channel): each becomes an outbox item that answers in the same conversation.
import type { DeskTeamsApp } from './create-teams-app.js';
import { DESK_ANSWER_KIND } from './outbox-desk-answer.js';
import { rememberConversation } from './remember-conversation.js';
import type { TeamsDeps } from './teams-deps.js';
import { fromAnotherTenant } from './tenant-guard.js';
import { SURFACE } from './teams-deps.js';

export function registerDeskMessage(app: DeskTeamsApp, deps: TeamsDeps): void {
  app.on('message', async ({ activity, ref }) => {
    if (fromAnotherTenant(deps.tenantId, activity)) return void deps.log.warn({ tenant: activity.conversation?.tenantId }, 'a Teams message from another tenant was turned away');
    await rememberConversation(deps, activity, ref);
    const text = deskText(activity.text ?? '');
    const from = { id: activity.from.id, name: activity.from.name, aadObjectId: activity.from.aadObjectId };
    // Keyed on the activity id: Teams redelivers an activity it thinks went unanswered; one answer is enough.
    await deps.ctx.store.outbox.enqueue([{ key: `teams:desk:${activity.id}`, kind: DESK_ANSWER_KIND, payload: { surface: SURFACE, ref, from, text } }]);
  });
}

/** The words after the bot's @mention and an optional leading "desk". */
export function deskText(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/&nbsp;/g, ' ').trim().replace(/^desk\b/i, '').trim();
}
