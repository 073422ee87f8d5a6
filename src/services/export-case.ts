// Owns the case export for an FOI request, complaint or ombudsman investigation: the post and its parent, every
// event with who, when and through which surface, the replies as sent, the moderation evidence, and the chain proof.
import type { CaseEvent } from '../domain/events.js';
import { buildCaseProof } from './case-proof.js';
import type { Checkpoint } from './checkpoint-ports.js';
import type { DeskContext } from './desk-context.js';
import { DeskError } from './errors.js';
import type { ExportSource } from './export-ports.js';
import { zipEntries } from './export-zip.js';
import type { CaseExport, ExportedEvent } from './export-documents.js';
import { renderCaseExportHtml } from './render-export-html.js';

export const VERIFY_COMMAND = 'npm run verify:export -- FILE.zip --public-key COUNCIL-CHECKPOINT-KEY.pub.pem';

export interface ExportDeps {
  readonly source: ExportSource;
  /** The signed checkpoints (none configured: the proof says so). */
  readonly checkpoints: readonly Checkpoint[];
  readonly publicKeyPem: string | null;
}

export async function buildCaseExport(ctx: DeskContext, deps: ExportDeps, caseId: string): Promise<CaseExport> {
  const c = await ctx.store.cases.get(caseId);
  if (!c) throw new DeskError('case_not_found', `no case ${caseId}`);
  const post = (await ctx.store.mentions.get(c.mentionId))?.mention ?? null;
  const events = (await ctx.store.events.forCase(caseId)).map((s) => exportedEvent(s.seq, s.event));
  return {
    kind: 'mention-desk.case-export', version: 1, council: ctx.policy.council.name, exportedAt: ctx.clock.now().toISOString(),
    case: c, post, events, repliesAsSent: c.replies,
    moderationEvidence: c.moderation.length ? { post, actions: c.moderation } : null,
    proof: await buildCaseProof(deps.source, caseId, deps.checkpoints, deps.publicKeyPem),
    howToCheck: VERIFY_COMMAND,
  };
}

export function exportedEvent(seq: number, e: CaseEvent): ExportedEvent {
  return { seq, at: e.at, type: e.type, who: e.actor.name, personId: e.actor.personId, surface: e.actor.surface, rule: e.rule, data: e.data };
}

/** report.html to read, case.json with everything, proof.json on its own for the checking command. */
export async function caseExportZip(ctx: DeskContext, exported: CaseExport): Promise<Buffer> {
  return zipEntries([
    { name: 'report.html', content: renderCaseExportHtml(exported, ctx.policy) },
    { name: 'case.json', content: `${JSON.stringify(exported, null, 2)}\n` },
    { name: 'proof.json', content: `${JSON.stringify(exported.proof, null, 2)}\n` },
  ], ctx.clock.now());
}
