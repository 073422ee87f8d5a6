// Owns a case on the web: its page, the forms its buttons open, and the one POST every button and form sends,
// which goes to handleCardAction like a Slack click or a Teams Action.Execute: same refusals, same words.
import type { Request, Response } from 'express';
import { decodeCardAction, type CardActionPayload } from '../../cards/card-action.js';
import type { CardFormId, CardOption } from '../../cards/card-model.js';
import { handleCardAction, redrawsForm } from '../../services/handle-card-action.js';
import { loadCaseForm } from '../../services/load-case-form.js';
import { loadCaseView } from '../../services/load-case-view.js';
import { buildCasePageModel } from '../case-page-model.js';
import { formPageModel, FORM_IDS, readFormValues } from '../form-page-model.js';
import { webActor, type WebPerson } from '../web-person.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages, WebShell } from '../web-shell.js';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const casePages: WebPages = (shell) => {
  shell.routes.get('/cases/:id', requireSignIn(), async (req, res) => {
    const id = String(req.params['id']);
    await renderCase(shell, res, id, { done: typeof req.query['done'] === 'string' ? req.query['done'].slice(0, 100) : null });
  });
  shell.routes.get('/cases/:id/forms/:formId', requireSignIn(), async (req, res) => {
    const id = String(req.params['id']);
    const formId = String(req.params['formId']);
    const payload = decodeCardAction(typeof req.query['payload'] === 'string' ? req.query['payload'] : '');
    if (!FORM_IDS.has(formId)) return badRequest(shell, res, 'formId', `There is no form called "${formId.slice(0, 40)}".`);
    if (!payload || payload.c !== id) return badRequest(shell, res, 'payload', 'This link is damaged: go back to the case and use its button again.');
    await renderForm(shell, res, { id, formId: formId as CardFormId, payload, values: {}, status: 200 });
  });
  shell.routes.post('/cases/:id/act', requireSignIn(), (req, res) => act(shell, req, res));
};

async function act(shell: WebShell, req: Request, res: Response): Promise<void> {
  const id = String(req.params['id']);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const actionId = typeof body['actionId'] === 'string' ? body['actionId'].slice(0, 100) : '';
  const payload = decodeCardAction(typeof body['payload'] === 'string' ? body['payload'] : '');
  const formId = typeof body['formId'] === 'string' && FORM_IDS.has(body['formId']) ? (body['formId'] as CardFormId) : null;
  if (!actionId) return badRequest(shell, res, 'actionId', 'The form did not say what to do: go back to the case and try again.');
  if (!payload || payload.c !== id || !CASE_ID.test(id)) return badRequest(shell, res, 'payload', 'This form is damaged: go back to the case and use its button again.');
  const values = readFormValues(body);
  const actor = webActor(res.locals['person'] as WebPerson);
  const outcome = await handleCardAction(shell.ctx, { actionId, caseId: id, seenVersion: payload.v, args: payload.a ?? {}, values, actor });
  if (outcome.kind === 'done') return res.redirect(303, `/cases/${encodeURIComponent(id)}?done=${encodeURIComponent(typeof body['label'] === 'string' ? body['label'].slice(0, 100) : actionId)}`);
  if (outcome.kind === 'invalid') {
    const errors = outcome.fieldErrors;
    if (formId) return renderForm(shell, res, { id, formId, payload, values, errors, status: 400 });
    return renderCase(shell, res, id, { error: Object.values(errors).join(' '), status: 400 });
  }
  const { refusal } = outcome;
  // As in Slack and Teams: a form refused because the case moved on, or a choice is needed, is drawn again on
  // the case as it is now, with the person's answers kept and the refusal's words above it.
  if (formId && redrawsForm(refusal)) {
    return renderForm(shell, res, { id, formId, payload, redraw: true, values, notice: refusal.message, confirmations: refusal.confirmations ?? [], status: 409 });
  }
  if (formId) return renderForm(shell, res, { id, formId, payload, values, errors: { form: refusal.message }, status: 409 });
  return renderCase(shell, res, id, { error: refusal.message, status: 409 });
}

async function renderCase(shell: WebShell, res: Response, id: string, o: { done?: string | null; error?: string; status?: number }): Promise<void> {
  const view = CASE_ID.test(id) ? await loadCaseView(shell.ctx, id) : null;
  if (!view) return shell.pages.render(res, 'not-found.njk', { title: 'Case not found', message: `There is no case ${id.slice(0, 64)}.` }, 404);
  const model = await buildCasePageModel(shell.ctx, view, webActor(res.locals['person'] as WebPerson));
  shell.pages.render(res, 'case.njk', { title: `Case ${view.case.id}`, ...model, live: view.case.id, done: o.done ?? null, error: o.error ?? null, errorSummary: !!o.error }, o.status ?? 200);
}

interface FormRender {
  readonly id: string;
  readonly formId: CardFormId;
  readonly payload: CardActionPayload;
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly errors?: Readonly<Record<string, string>>;
  readonly notice?: string;
  readonly confirmations?: readonly CardOption[];
  readonly status: number;
  /** Drawn on the case as it is now (a redraw after "stale"), not at the version the person saw. */
  readonly redraw?: boolean;
}

async function renderForm(shell: WebShell, res: Response, f: FormRender): Promise<void> {
  const actor = webActor(res.locals['person'] as WebPerson);
  const loaded = await loadCaseForm(shell.ctx, { formId: f.formId, caseId: f.id, args: f.payload.a ?? {}, actor, ...(f.confirmations?.length ? { confirmations: f.confirmations } : {}) });
  if (!loaded) return shell.pages.render(res, 'not-found.njk', { title: 'Case not found', message: `There is no case ${f.id}.` }, 404);
  const model = formPageModel(loaded.form, f.redraw ? loaded.form.version : f.payload.v, f.values, f.errors ?? {});
  shell.pages.render(res, 'case-form.njk', { title: `${loaded.form.title}: case ${f.id}`, caseId: f.id, card: loaded.view.card, notice: f.notice ?? null, ...model, errorSummary: model.errorList.length > 0 }, f.status);
}

function badRequest(shell: WebShell, res: Response, field: string, message: string): void {
  shell.pages.render(res, 'not-found.njk', { title: 'That request was not right', message: `${field}: ${message}` }, 400);
}
