// Owns drawing a card form as a modal for one person: the case as it is now, their sign-off, their earlier answers.
import { cutByGrapheme } from '../../domain/cut-text.js';
import type { types } from '@slack/bolt';
import type { CardFormId, CardOption } from '../../cards/card-model.js';
import type { Actor } from '../../domain/actor.js';
import type { DeskContext } from '../../services/desk-context.js';
import { loadCaseForm } from '../../services/load-case-form.js';
import { renderFormModal } from './render-form-modal.js';

export interface FormRequest {
  readonly formId: CardFormId;
  readonly caseId: string;
  readonly args: Readonly<Record<string, string>>;
  readonly actor: Actor;
  readonly values?: Readonly<Record<string, string | undefined>>;
  readonly notice?: string;
  /** Choices a refusal offered, shown as tick boxes on the redrawn form. */
  readonly confirmations?: readonly CardOption[];
}

export async function buildFormView(ctx: DeskContext, req: FormRequest): Promise<types.ModalView | null> {
  const loaded = await loadCaseForm(ctx, req);
  if (!loaded) return null;
  const { form, view } = loaded;
  const excerpt = cutByGrapheme(view.mention.text, 500, { trimEnd: false }).text;
  return renderFormModal(form, {
    ...(req.values ? { values: req.values } : {}),
    ...(req.notice ? { notice: req.notice } : {}),
    context: `${view.card.title}: ${view.card.author.name || view.card.author.handle}: "${excerpt}"`,
  });
}
