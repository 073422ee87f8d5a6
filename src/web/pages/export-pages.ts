// Owns answering a subject access request and exporting a case from the web desk: /exports, a form for each,
// downloading the same zip as `npm run export:subject` / `export:case`, for the people the policy lets approve
// an erasure (dataProtection.erasure.approverRoles). No event records an export, so each download is logged.
import type { Response } from 'express';
import { z } from 'zod';
import { storableText } from '../../domain/storable-text.js';
import { DeskError } from '../../services/errors.js';
import { buildCaseExport, caseExportZip } from '../../services/export-case.js';
import { buildSubjectExport, subjectExportZip } from '../../services/export-subject.js';
import { exportDepsFor } from '../../store/export-deps.js';
import type { WebPerson } from '../web-person.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages, WebShell } from '../web-shell.js';

const BASE = '/exports';
const field = (max: number) => storableText(max).trim().min(1, 'fill this in');
const subjectSchema = z.object({ network: field(40).regex(/^[a-z][a-z0-9_-]*$/, 'a network id such as x, facebook or instagram'), authorId: field(200) });
const caseSchema = z.object({ caseId: field(64).transform((s) => s.toUpperCase()) });

interface FormState {
  readonly network?: unknown;
  readonly authorId?: unknown;
  readonly caseId?: unknown;
  readonly errorList?: ReadonlyArray<{ text: string; href: string }>;
}

export const exportPages: WebPages = (shell) => {
  const roles = shell.ctx.policy.dataProtection.erasure.approverRoles;
  shell.pages.addNavigation({ href: BASE, text: 'Exports', roles });
  shell.routes.get(BASE, requireSignIn(...roles), (req, res) => render(shell, res, { caseId: req.query['caseId'] }));
  shell.routes.post(`${BASE}/subject`, requireSignIn(...roles), async (req, res, next) => {
    try {
      const parsed = subjectSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(shell, res, { ...req.body, errorList: errors(parsed.error) }, 400);
      const { network, authorId } = parsed.data;
      const exported = await buildSubjectExport(shell.ctx, (await exportDepsFor(shell.db, shell.checkpoints)).source, network, authorId);
      const zip = await subjectExportZip(shell.ctx, exported);
      logDownload(shell, res, { export: 'subject', network, authorId, cases: exported.cases.map((c) => c.caseId) });
      send(res, `subject-${network}-${safeName(authorId)}.zip`, zip);
    } catch (e) {
      next(e);
    }
  });
  shell.routes.post(`${BASE}/case`, requireSignIn(...roles), async (req, res, next) => {
    try {
      const parsed = caseSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(shell, res, { ...req.body, errorList: errors(parsed.error) }, 400);
      const { caseId } = parsed.data;
      const exported = await buildCaseExport(shell.ctx, await exportDepsFor(shell.db, shell.checkpoints), caseId);
      const zip = await caseExportZip(shell.ctx, exported);
      logDownload(shell, res, { export: 'case', caseId, proofGap: exported.proof.gap });
      send(res, `${safeName(caseId)}-export.zip`, zip);
    } catch (e) {
      if (e instanceof DeskError && e.code === 'case_not_found') return render(shell, res, { ...req.body, errorList: [{ text: `caseId: there is no case ${String(req.body?.caseId).slice(0, 64)}`, href: '#caseId' }] }, 404);
      next(e);
    }
  });
};

function render(shell: WebShell, res: Response, o: FormState, status = 200): void {
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
  const errorList = o.errorList ?? [];
  const errorFor = (name: string) => errorList.find((e) => e.href === `#${name}`)?.text ?? null;
  shell.pages.render(res, 'exports.njk', {
    title: 'Exports', network: text(o.network), authorId: text(o.authorId), caseId: text(o.caseId),
    networks: Object.entries(shell.ctx.policy.networks).map(([id, n]) => `${id} (${n.displayName})`).join(', '),
    errorList, errorSummary: errorList.length > 0, errors: { network: errorFor('network'), authorId: errorFor('authorId'), caseId: errorFor('caseId') },
  }, status);
}

function errors(error: z.ZodError): Array<{ text: string; href: string }> {
  return error.issues.map((i) => ({ text: `${String(i.path[0] ?? 'form')}: ${i.message}`, href: `#${String(i.path[0] ?? 'form')}` }));
}

/** An export is personal data leaving the desk: who took what, in the log, since no case event records it. */
function logDownload(shell: WebShell, res: Response, what: Record<string, unknown>): void {
  const person = res.locals['person'] as WebPerson;
  shell.log.info({ exportedBy: { personId: person.personId, name: person.name }, ...what, at: shell.ctx.clock.now().toISOString() }, 'web desk export downloaded');
}

function send(res: Response, fileName: string, zip: Buffer): void {
  res.status(200).type('application/zip').attachment(fileName).setHeader('cache-control', 'no-store');
  res.send(zip);
}

/** A file name from what the person typed: letters, digits, dot, dash and underscore only. */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
