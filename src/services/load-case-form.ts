// The form a button opens, for one person, on any surface: the case as it is now, their sign-off,
// the bot's suggestions preselected (a person still chooses).
import { buildCardForm, replyFormArgs } from '../cards/build-card-form.js';
import type { CardForm, CardFormId, CardOption } from '../cards/card-model.js';
import type { Actor } from '../domain/actor.js';
import { proposedReplyText } from '../cards/escalation-answer-facts.js';
import { composeReply } from '../policy/reply-rules.js';
import { suggestModeration } from '../policy/suggest-moderation.js';
import type { DeskContext } from './desk-context.js';
import { loadCaseView, type CaseView } from './load-case-view.js';

export interface CaseFormRequest {
  readonly formId: CardFormId;
  readonly caseId: string;
  readonly args: Readonly<Record<string, string>>;
  readonly actor: Actor;
  /** Choices a refusal offered (a further reply, the same text again), shown on the redrawn form. */
  readonly confirmations?: readonly CardOption[];
}

export async function loadCaseForm(ctx: DeskContext, req: CaseFormRequest): Promise<{ form: CardForm; view: CaseView } | null> {
  const view = await loadCaseView(ctx, req.caseId);
  if (!view) return null;
  const form = buildCardForm({
    formId: req.formId,
    case: view.case,
    mention: view.mention,
    policy: ctx.policy,
    // A reply form is one instance with its own key: opened anew it gets one, redrawn it keeps it.
    args: req.formId === 'reply' ? replyFormArgs(req.args, view.case, ctx.newId) : req.args,
    ...(req.confirmations?.length ? { confirmations: req.confirmations } : {}),
    ...(ctx.learned ? { learned: ctx.learned.current() } : {}),
    ...(req.formId === 'reply' && view.threadCorrected ? { threadCorrected: view.threadCorrected } : {}),
    // The sign-off on its own (" ^AP"), or nothing when the policy does not sign replies.
    ...(req.formId === 'reply' ? { signOff: composeReply(ctx.policy, '', req.actor.initials) } : {}),
    // In an emergency the reply offers the council's message and link (002 §6.2.5).
    ...(req.formId === 'reply' && view.emergency ? { initialText: `${view.emergency.message} ${view.emergency.link}` } : {}),
    // Otherwise from the wording the service proposed when it answered for comms, or the surge's holding line (issue 18).
    ...(req.formId === 'reply' && !view.emergency && startingText(view) ? { initialText: startingText(view) as string } : {}),
    // The ladder's next rung for this author, across their cases (002 §6.3.3).
    ...(req.formId === 'moderate' ? { ladder: suggestModeration(ctx.policy, view.case, view.mention.text, view.accountHistory) } : {}),
  });
  return { form, view };
}

function startingText(view: CaseView): string | null {
  return proposedReplyText(view.case) ?? view.holdingLine?.text ?? null;
}
