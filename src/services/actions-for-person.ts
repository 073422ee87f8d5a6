// Which of a card's buttons one person may press, decided once for every surface: each button is tried as a dry
// run of the core's own decision (placeholder answers for its form), so the permission and ownership rules live in
// the domain alone. A button is hidden only when the answer is "not you"; the refusal after a click stays the backstop.
import { commandFromAction } from '../cards/command-from-action.js';
import type { CardButton } from '../cards/card-model.js';
import type { Actor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import { decideCaseCommand } from '../domain/decide-case-command.js';
import type { Refusal, RefusalCode } from '../domain/refusal.js';
import { resolveActor, type ChatSurface } from '../policy/policy-directory.js';
import type { Person } from '../policy/policy-people-schema.js';
import type { Policy } from '../policy/policy-schema.js';
import type { DeskContext } from './desk-context.js';
import { decisionContext } from './execute-case-command.js';

/** Refusals that say the person, not the moment, is wrong for the button. */
const NOT_YOURS: ReadonlySet<RefusalCode> = new Set(['not_permitted', 'not_owner']);

export function actionsForPerson(ctx: Pick<DeskContext, 'clock' | 'policy'>, c: Case, buttons: readonly CardButton[], actor: Actor): CardButton[] {
  const refusalOf = dryRun(ctx, c, actor);
  // A button the dry run cannot phrase stays: better a refusal after the click than a missing button.
  return buttons.filter((b) => refusalOf(b) === null);
}

/** A button as pressed: a card's own (CardButton), or its action id and args as a surface sent them back (any string). */
type ClickedButton = { readonly actionId: string; readonly args?: Readonly<Record<string, string>> };

/**
 * Before a form opens: the refusal its button would meet because of who is pressing it (not permitted, not the
 * owner), from the same dry run, so nobody fills in a form only to be refused on sending it. Null when the form may
 * open (a refusal about the moment, such as a stale case, is left to the submission, which re-reads the case).
 */
export function refusalForPerson(ctx: Pick<DeskContext, 'clock' | 'policy'>, c: Case, button: ClickedButton, actor: Actor): Refusal | null {
  return dryRun(ctx, c, actor)(button);
}

/** The "not you" refusal of each button for one person on one case; the decision context is built once for all. */
function dryRun(ctx: Pick<DeskContext, 'clock' | 'policy'>, c: Case, actor: Actor): (button: ClickedButton) => Refusal | null {
  const decide = decisionContext(ctx, actor);
  const answers = probeAnswers(ctx.policy);
  return (button) => {
    const parsed = commandFromAction(button.actionId, button.args ?? {}, answers, ctx.policy);
    if (!parsed.ok) return null;
    const decision = decideCaseCommand(c, parsed.command, decide);
    return !decision.ok && NOT_YOURS.has(decision.refusal.code) ? decision.refusal : null;
  };
}

/** refusalForPerson for a button clicked on a surface: null also when there is no such case (the form says so). */
export async function refusalBeforeForm(ctx: DeskContext, click: { caseId: string; actionId: string; args: Readonly<Record<string, string>>; actor: Actor }): Promise<Refusal | null> {
  const c = await ctx.store.cases.get(click.caseId);
  return c ? refusalForPerson(ctx, c, click, click.actor) : null;
}

/**
 * The people named in the policy for this surface, those who may press at least one of the buttons first:
 * whose view of the card differs from anyone else's (Teams refreshes a card per person for at most 60).
 */
export function peopleForCard(ctx: Pick<DeskContext, 'clock' | 'policy'>, c: Case, buttons: readonly CardButton[], surface: ChatSurface): Array<{ person: Person; mayAct: boolean }> {
  const people = ctx.policy.people.filter((p) => p[surface]);
  const rated = people.map((person) => {
    const actor = resolveActor(ctx.policy, { surface, userId: person[surface] as string, groupIds: [] });
    return { person, mayAct: actionsForPerson(ctx, c, buttons, actor).length > 0 };
  });
  return [...rated.filter((r) => r.mayAct), ...rated.filter((r) => !r.mayAct)];
}

/** Placeholder answers for every form a button may open: valid, so the decision reaches its permission checks. */
function probeAnswers(policy: Policy): Record<string, string | undefined> {
  return {
    text: 'dry run', reason: 'dry run', facts: 'dry run', note: '', visibility: 'public', outcome: 'monitored', target: 'leadership', action: 'hide', decision: 'referred',
    serviceTag: policy.services[0]?.tag, kind: policy.kinds[0]?.id, toPersonId: policy.people[0]?.id, ruleId: policy.houseRules[0]?.id,
  };
}
