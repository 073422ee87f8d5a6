// Owns the subject access export (UK GDPR Art 15) for one author on one network: their posts, the cases, replies
// sent to them, notes about them, their moderation record, and when each case's words are due to be deleted.
import { heldBackFromErasure, recordClassOf, redactionDue } from '../policy/retention-schedule.js';
import type { DeskContext } from './desk-context.js';
import { exportedEvent } from './export-case.js';
import type { SubjectCase, SubjectExport } from './export-documents.js';
import type { ExportSource } from './export-ports.js';
import { zipEntries } from './export-zip.js';
import { renderSubjectExportHtml } from './render-export-html.js';

export async function buildSubjectExport(ctx: DeskContext, source: ExportSource, network: string, authorId: string): Promise<SubjectExport> {
  const authorKey = `${network}:${authorId}`;
  const dp = ctx.policy.dataProtection;
  const cases: SubjectCase[] = [];
  for (const c of await ctx.store.personalData.casesOfAuthor(authorKey)) {
    const cls = recordClassOf(c, dp.retention);
    cases.push({
      caseId: c.id, post: (await ctx.store.mentions.get(c.mentionId))?.mention ?? null, state: c.state, openedAt: c.openedAt, closedAt: c.closedAt,
      classification: c.classification, repliesSentToThem: c.replies, moderation: c.moderation,
      events: (await ctx.store.events.forCase(c.id)).map((s) => exportedEvent(s.seq, s.event)),
      retention: { recordClass: cls.name, deleteAfter: redactionDue(c, dp.retention)?.toISOString() ?? null, heldFromErasure: heldBackFromErasure(c, dp), source: cls.source },
    });
  }
  return {
    kind: 'mention-desk.subject-export', version: 1, council: ctx.policy.council.name, exportedAt: ctx.clock.now().toISOString(),
    subject: { network, authorId, authorKey }, lawfulBasis: dp.lawfulBasis,
    account: await source.account(authorKey), cases, moderationRecord: await ctx.store.accounts.history(authorKey),
  };
}

export async function subjectExportZip(ctx: DeskContext, exported: SubjectExport): Promise<Buffer> {
  return zipEntries([
    { name: 'report.html', content: renderSubjectExportHtml(exported) },
    { name: 'subject.json', content: `${JSON.stringify(exported, null, 2)}\n` },
  ], ctx.clock.now());
}
