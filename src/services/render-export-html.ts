// Owns the readable HTML report inside each export: plain, printable, residents' words escaped.
import { encode } from 'html-entities';
import { describeEvent } from '../cards/event-line.js';
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { Policy } from '../policy/policy-schema.js';
import type { CaseExport, ExportedEvent, SubjectExport } from './export-documents.js';

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}blockquote{border-left:4px solid #999;margin:0;padding:.2rem 1rem;background:#f6f6f6}';

const h = (value: unknown): string => encode(value === null || value === undefined ? '' : String(value));

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>${h(title)}</title><style>${STYLE}</style></head><body>\n<h1>${h(title)}</h1>\n${body}\n</body></html>\n`;
}

function postBlock(post: Mention | null): string {
  if (!post) return '<p>The post is not held.</p>';
  const parent = post.parent ? `<p>In reply to:</p><blockquote>${h(post.parent.text)}</blockquote>` : '';
  return `${parent}<p>${h(post.author.name)} (${h(post.author.handle)}) on ${h(post.network)}, ${h(post.postedAt)}: <a href="${h(post.url)}">${h(post.url)}</a></p><blockquote>${h(post.text)}</blockquote>`;
}

function repliesTable(replies: Case['replies']): string {
  if (!replies.length) return '<p>No replies.</p>';
  const rows = replies.map((r) => `<tr><td>${h(r.at)}</td><td>${h(r.by)}</td><td>${h(r.visibility)}</td><td>${h(r.status)}</td><td>${h(r.text)}</td></tr>`);
  return `<table><tr><th>When</th><th>By</th><th>Visibility</th><th>Status</th><th>Text</th></tr>${rows.join('')}</table>`;
}

function eventsTable(events: readonly ExportedEvent[], line: (e: ExportedEvent) => string): string {
  const rows = events.map((e) => `<tr><td>${e.seq}</td><td>${h(e.at)}</td><td>${h(e.who)}</td><td>${h(e.surface)}</td><td>${h(e.type)}</td><td>${h(line(e))}</td></tr>`);
  return `<table><tr><th>Seq</th><th>When (UTC)</th><th>Who</th><th>Through</th><th>What</th><th>Detail</th></tr>${rows.join('')}</table>`;
}

export function renderCaseExportHtml(x: CaseExport, policy: Policy): string {
  const c = x.case;
  const line = (e: ExportedEvent) => describeEvent({ type: e.type, data: e.data, actor: { name: e.who, personId: e.personId, surface: e.surface } } as Parameters<typeof describeEvent>[0], c, policy);
  const proof = x.proof;
  const proofText = proof.gap
    ? `<p>Each event's hash is in proof.json; its place in the chain: ${h(proof.gap)}.</p>`
    : `<p>proof.json holds the ${proof.events.length} events' sealed bodies, the ${proof.segment?.length ?? 0} sealed events from the first of them to seq ${proof.anchor?.seq}, and the checkpoint signed ${h(proof.anchor?.checkpointAt)} that anchors it.</p>`;
  return page(`Case ${c.id}: export for ${x.council}`, [
    `<p>Exported ${h(x.exportedAt)}. State: ${h(c.state)}${c.outcome ? ` (${h(c.outcome)})` : ''}. Opened ${h(c.openedAt)}${c.closedAt ? `, closed ${h(c.closedAt)}` : ''}.</p>`,
    '<h2>The post</h2>', postBlock(x.post),
    '<h2>History</h2>', eventsTable(x.events, line),
    '<h2>Replies as sent</h2>', repliesTable(x.repliesAsSent),
    '<h2>Moderation evidence</h2>',
    x.moderationEvidence ? `<p>The post as kept before any hide or delete:</p>${postBlock(x.moderationEvidence.post)}<p>Actions: ${x.moderationEvidence.actions.map((m) => `${h(m.action)} (${h(m.ruleId)}, ${h(m.status)})`).join('; ')}</p>` : '<p>No moderation on this case.</p>',
    '<h2>Hash-chain proof</h2>', proofText, `<p>Check it offline with: <code>${h(x.howToCheck)}</code></p>`,
  ].join('\n'));
}

export function renderSubjectExportHtml(x: SubjectExport): string {
  const cases = x.cases.map((c) => [
    `<h2>Case ${h(c.caseId)}</h2>`,
    `<p>Opened ${h(c.openedAt)}; ${h(c.state)}${c.closedAt ? `, closed ${h(c.closedAt)}` : ''}.${c.classification ? ` About: ${h(c.classification.serviceTag)}, ${h(c.classification.kind)}.` : ''}</p>`,
    postBlock(c.post),
    '<h3>Replies sent to you</h3>', repliesTable(c.repliesSentToThem),
    '<h3>Everything recorded on the case</h3>', eventsTable(c.events, (e) => JSON.stringify(e.data)),
    `<h3>How long it is kept</h3><p>${c.retention.deleteAfter ? `Your words on this case are deleted after ${h(c.retention.deleteAfter)}` : 'The case is open: the period starts when it closes'} (${h(c.retention.recordClass)}: ${h(c.retention.source)}).${c.retention.heldFromErasure ? ` Kept back from erasure: ${h(c.retention.heldFromErasure)}.` : ''}</p>`,
  ].join('\n'));
  const m = x.moderationRecord;
  return page(`What ${x.council} holds about ${x.subject.authorKey}`, [
    `<p>Exported ${h(x.exportedAt)}. Lawful basis: ${h(x.lawfulBasis)}.</p>`,
    x.account ? `<p>Your account as we saw it: ${h(x.account.name)} (${h(x.account.handle)}), ${h(x.account.followers ?? 'unknown')} followers, first seen ${h(x.account.firstSeen)}, last seen ${h(x.account.lastSeen)}.</p>` : '<p>No account details are held.</p>',
    `<p>Moderation record: ${m.breaches.length} breach(es) of the house rules, ${m.warnings} warning(s), ${m.blocked ? 'blocked' : 'not blocked'}.</p>`,
    x.cases.length ? cases.join('\n') : '<p>No cases are held.</p>',
  ].join('\n'));
}
