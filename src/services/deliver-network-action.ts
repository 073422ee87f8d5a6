// Carries out replies and moderation on the network, from the outbox, and records what the network said.
import { systemActor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import type { CaseCommand } from '../domain/commands.js';
import type { Mention } from '../domain/mention.js';
import type { DeskContext } from './desk-context.js';
import { PermanentError } from './errors.js';
import { executeCaseCommand } from './execute-case-command.js';
import type { NetworkConnector, NetworkTarget } from './ports.js';
import { tellLeadershipOfBlock } from './tell-leadership-of-block.js';

export interface NetworkJob {
  readonly key: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export type ConnectorLookup = (network: string) => NetworkConnector | null;

export async function deliverReply(ctx: DeskContext, connectors: ConnectorLookup, job: NetworkJob): Promise<Record<string, unknown>> {
  const { c, mention } = await loadCase(ctx, String(job.payload['caseId']));
  const reply = c.replies.find((r) => r.id === job.payload['replyId']);
  if (!reply) throw new PermanentError(`reply ${String(job.payload['replyId'])} is not on case ${c.id}`);
  if (reply.status === 'sent') return { networkReplyId: reply.networkReplyId };
  const connector = requireConnector(connectors, mention.network);
  const { networkReplyId } = await connector.reply(targetOf(mention), reply.text, reply.visibility, job.key);
  await recordAsSystem(ctx, c.id, { type: 'case.reply.sent', replyId: reply.id, networkReplyId });
  return { networkReplyId };
}

export async function deliverModeration(ctx: DeskContext, connectors: ConnectorLookup, job: NetworkJob): Promise<Record<string, unknown>> {
  const { c, mention } = await loadCase(ctx, String(job.payload['caseId']));
  const m = c.moderation.find((x) => x.id === job.payload['moderationId']);
  if (!m) throw new PermanentError(`moderation ${String(job.payload['moderationId'])} is not on case ${c.id}`);
  if (m.status !== 'done') {
    const connector = requireConnector(connectors, mention.network);
    if (m.action === 'warn') {
      const text = warningText(ctx, m.ruleId);
      await connector.reply(targetOf(mention), text, 'private', job.key);
    } else {
      await connector.moderate(targetOf(mention), m.action, job.key);
    }
    await recordAsSystem(ctx, c.id, { type: 'case.moderation.done', moderationId: m.id });
  }
  // Also on a retry after a crash: the notices' keys are idempotent, so leadership is told once.
  if (m.action === 'block') await tellLeadershipOfBlock(ctx, c, m, mention);
  return { done: true };
}

/** The out-of-hours reply: privately for a direct message, else under the post; noted on the case. */
export async function deliverAutoReply(ctx: DeskContext, connectors: ConnectorLookup, job: NetworkJob): Promise<Record<string, unknown>> {
  const { c, mention } = await loadCase(ctx, String(job.payload['caseId']));
  const text = String(job.payload['text']);
  const connector = requireConnector(connectors, mention.network);
  const { networkReplyId } = await connector.reply(targetOf(mention), text, mention.kind === 'direct_message' ? 'private' : 'public', job.key);
  await recordAsSystem(ctx, c.id, { type: 'case.note', text: `Out-of-hours reply sent: ${text}`, rule: 'clock:out-of-hours' });
  return { networkReplyId };
}

/** When the outbox gives up on a network action, the case says so, and the card shows what to do. */
export async function recordNetworkFailure(ctx: DeskContext, job: { kind: string; payload: Readonly<Record<string, unknown>> }, error: unknown): Promise<void> {
  const caseId = String(job.payload['caseId'] ?? '');
  const hint = error instanceof PermanentError && error.hint ? ` ${error.hint}` : '';
  const message = `${error instanceof Error ? error.message : String(error)}${hint}`;
  if (job.kind === 'network.reply') await recordAsSystem(ctx, caseId, { type: 'case.reply.failed', replyId: String(job.payload['replyId']), error: message });
  if (job.kind === 'network.moderate') await recordAsSystem(ctx, caseId, { type: 'case.moderation.failed', moderationId: String(job.payload['moderationId']), error: message });
}

async function loadCase(ctx: DeskContext, caseId: string): Promise<{ c: Case; mention: Mention }> {
  const c = await ctx.store.cases.get(caseId);
  if (!c) throw new PermanentError(`case ${caseId} does not exist`);
  const stored = await ctx.store.mentions.get(c.mentionId);
  if (!stored) throw new PermanentError(`mention ${c.mentionId} of case ${caseId} does not exist`);
  return { c, mention: stored.mention };
}

function requireConnector(connectors: ConnectorLookup, network: string): NetworkConnector {
  const connector = connectors(network);
  if (!connector) throw new PermanentError(`${network} is not connected`, 'Act on the network itself from the link on the card, then close the case.');
  return connector;
}

function targetOf(m: Mention): NetworkTarget {
  return { network: m.network, externalId: m.externalId, authorId: m.author.id, parentExternalId: m.parent?.externalId ?? null, kind: m.kind };
}

function warningText(ctx: DeskContext, ruleId: string): string {
  const rule = ctx.policy.houseRules.find((r) => r.id === ruleId)?.title ?? ruleId;
  return ctx.policy.moderation.warningMessage.replace('{rule}', rule).replace('{policyUrl}', ctx.policy.council.policyUrl);
}

async function recordAsSystem(ctx: DeskContext, caseId: string, command: CaseCommand): Promise<void> {
  const result = await executeCaseCommand(ctx, { caseId, seenVersion: null, command, actor: systemActor() });
  if (!result.ok && result.refusal.code !== 'wrong_state') throw new Error(`could not record ${command.type} on ${caseId}: ${result.refusal.message}`);
}
