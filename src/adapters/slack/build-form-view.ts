// Owns drawing a card form as a modal for one person: the case as it is now, their sign-off, their earlier answers.
import type { types } from '@slack/bolt';
import { buildCardForm } from '../../cards/build-card-form.js';
import type { CardFormId } from '../../cards/card-model.js';
import type { Actor } from '../../domain/actor.js';
import { composeReply } from '../../policy/reply-rules.js';
import { suggestClassification } from '../../policy/suggest-classification.js';
import { suggestHouseRules } from '../../policy/suggest-house-rules.js';
import type { DeskContext } from '../../services/desk-context.js';
import { loadCaseView } from '../../services/load-case-view.js';
import { renderFormModal } from './render-form-modal.js';

export interface FormRequest {
  readonly formId: CardFormId;
  readonly caseId: string;
  readonly args: Readonly<Record<string, string>>;
  readonly actor: Actor;
  readonly values?: Readonly<Record<string, string | undefined>>;
  readonly notice?: string;
}

export async function buildFormView(ctx: DeskContext, req: FormRequest): Promise<types.ModalView | null> {
  const view = await loadCaseView(ctx, req.caseId);
  if (!view) return null;
  const form = buildCardForm({
    formId: req.formId,
    case: view.case,
    mention: view.mention,
    policy: ctx.policy,
    args: req.args,
    // The sign-off on its own (" ^AP"), or nothing when the policy does not sign replies.
    ...(req.formId === 'reply' ? { signOff: composeReply(ctx.policy, '', req.actor.initials) } : {}),
    ...(req.formId === 'classify' || req.formId === 'moderate' ? { suggestion: suggestionFor(ctx, req.formId, view.mention.text) } : {}),
  });
  const excerpt = view.mention.text.length > 500 ? `${view.mention.text.slice(0, 499)}…` : view.mention.text;
  return renderFormModal(form, {
    ...(req.values ? { values: req.values } : {}),
    ...(req.notice ? { notice: req.notice } : {}),
    context: `${view.card.title}: ${view.card.author.name || view.card.author.handle}: "${excerpt}"`,
  });
}

/** The bot's guess, preselected in the form; a person still chooses (issue 4: "suggestion preselected"). */
function suggestionFor(ctx: DeskContext, formId: 'classify' | 'moderate', text: string) {
  if (formId === 'moderate') return { serviceTag: null, kind: null, ruleId: suggestHouseRules(ctx.policy, text)[0]?.ruleId ?? null };
  const { serviceTag, kind } = suggestClassification(ctx.policy, text);
  return { serviceTag, kind };
}
