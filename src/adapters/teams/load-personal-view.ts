// Owns whom a Teams card is drawn for: the people Teams refreshes it for (those in the policy whose Teams id the
// bot has seen, those who may act first, at most 60) and, for one person asking, only the buttons they may press.
import { escalationCardButtons } from '../../cards/available-actions.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { CardButton } from '../../cards/card-model.js';
import type { Actor } from '../../domain/actor.js';
import { actionsForPerson, peopleForCard } from '../../services/actions-for-person.js';
import type { CaseView } from '../../services/load-case-view.js';
import { seenKey } from './pg-conversation-ref-repository.js';
import { MAX_REFRESH_USERS, type PersonalView } from './personal-view.js';
import { SURFACE, type TeamsDeps } from './teams-deps.js';

/** The case's view for everyone, refreshed per person; with `actor`, that person's own view. */
export async function loadPersonalView(deps: Pick<TeamsDeps, 'ctx' | 'refs'>, view: CaseView, actor?: Actor): Promise<PersonalView> {
  const refreshUserIds = await refreshUsers(deps, view);
  if (!actor) return { refreshUserIds };
  return { refreshUserIds, only: (buttons) => actionsForPerson(deps.ctx, view.case, buttons, actor) };
}

/**
 * Teams wants each user's MRI (the 29: id), which the policy does not hold: it is learnt from the person's
 * own activities (remember-conversation.ts). Someone not seen yet sees the shared card and its refusals.
 */
async function refreshUsers(deps: Pick<TeamsDeps, 'ctx' | 'refs'>, view: CaseView): Promise<string[]> {
  const ids: string[] = [];
  for (const { person } of peopleForCard(deps.ctx, view.case, everyButton(view, deps.ctx.policy), SURFACE)) {
    const mri = (await deps.refs.get(seenKey(person.teams as string)))?.user?.id;
    if (mri && !ids.includes(mri)) ids.push(mri);
    if (ids.length >= MAX_REFRESH_USERS) break;
  }
  return ids;
}

/** The triage card's buttons (approvals included) and every open escalation's answers. */
function everyButton(view: CaseView, policy: Policy): CardButton[] {
  return [...view.card.actions, ...view.case.escalations.flatMap((e) => escalationCardButtons(e, policy))];
}
