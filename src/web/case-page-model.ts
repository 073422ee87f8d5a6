// Owns what the case page shows: the neutral card as it stands, the buttons this person may press (the same
// dry run as Slack and Teams), its whole history, the parent post and the author's moderation record.
import { escalationCardButtons } from '../cards/available-actions.js';
import { encodeCardAction } from '../cards/card-action.js';
import type { CardButton } from '../cards/card-model.js';
import { describeEvent } from '../cards/event-line.js';
import type { Actor } from '../domain/actor.js';
import { describeAccountRecord } from '../policy/describe-account-record.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import { actionsForPerson } from '../services/actions-for-person.js';
import type { DeskContext } from '../services/desk-context.js';
import type { CaseView } from '../services/load-case-view.js';

export interface PageButton extends CardButton {
  /** What the button posts (case, version seen, args), or the form page it opens. */
  readonly payload: string;
  readonly formHref: string | null;
}

export async function buildCasePageModel(ctx: DeskContext, view: CaseView, actor: Actor) {
  const { case: c, card } = view;
  const zone = ctx.policy.calendar.timeZone;
  const now = ctx.clock.now();
  const history = await ctx.store.events.forCase(c.id);
  // The escalation cards' buttons (acknowledge, answer, pass, decline; leadership's answers) belong to the case
  // too: on the web they sit on its page, decided by the same function as the Slack and Teams escalation cards.
  const escalationButtons = c.escalations.flatMap((e) => escalationCardButtons(e, ctx.policy));
  const buttons = actionsForPerson(ctx, c, [...card.actions, ...escalationButtons], actor).map((b) => pageButton(c.id, c.version, b));
  return {
    card,
    caseId: c.id,
    version: c.version,
    state: c.state,
    owner: c.owner?.name ?? null,
    buttons,
    history: history.map((s) => ({
      when: formatLocalTime(s.event.at, zone, now),
      iso: s.event.at,
      who: s.event.actor.name,
      surface: s.event.actor.surface,
      text: describeEvent(s.event, c, ctx.policy),
    })),
    record: describeAccountRecord(ctx.policy, view.accountHistory, c.id),
    // The case export (src/web/pages/export-pages.ts) is for the people who may approve an erasure.
    canExport: ctx.policy.dataProtection.erasure.approverRoles.some((r) => actor.roles.includes(r)),
  };
}

function pageButton(caseId: string, version: number, b: CardButton): PageButton {
  const payload = encodeCardAction(caseId, version, b.args);
  const formHref = b.opens ? `/cases/${encodeURIComponent(caseId)}/forms/${b.opens}?${new URLSearchParams({ payload }).toString()}` : null;
  return { ...b, payload, formHref };
}
