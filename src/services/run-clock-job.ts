// A reminder or breach falls due: check the clock still runs, then nudge the owner or raise it with the channel.
import { systemActor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import type { DeskContext } from './desk-context.js';
import { executeCaseCommand } from './execute-case-command.js';
import type { OutboxItem } from './ports.js';

export type ClockStage = 'remind' | 'due';

export interface ClockJob {
  readonly key: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export async function runClockJob(ctx: DeskContext, stage: ClockStage, job: ClockJob): Promise<Record<string, unknown>> {
  const caseId = String(job.payload['caseId']);
  const clockId = String(job.payload['clockId']);
  const due = String(job.payload['due']);
  const c = await ctx.store.cases.get(caseId);
  if (!c || c.deadlines[clockId] !== due) return { skipped: 'the clock stopped or moved' };
  if ((ctx.policy.clocksPauseIn as readonly string[]).includes(c.state)) return { skipped: `paused while ${c.state}` };
  const clock = ctx.policy.clocks.find((x) => x.id === clockId);
  const name = clock?.name ?? clockId;
  if (clockId === 'claim_expiry' && stage === 'due') return expireClaim(ctx, c, job.key);
  const when = formatLocalTime(due, ctx.policy.calendar.timeZone, ctx.clock.now());
  const text = stage === 'remind'
    ? `Reminder: ${name} on ${c.id} is due at ${when}.`
    : `Overdue: ${name} on ${c.id} was due at ${when}${c.owner ? ` (held by ${c.owner.name})` : ' and nobody holds it'}.`;
  const why = clock?.stopsOn === 'escalation_answered' ? ` ${substantiveWords(c)}` : '';
  await ctx.store.outbox.enqueue(notices(ctx, c, job.key, stage === 'remind' ? 'owner' : 'channel_and_managers', `${text}${why} ${clock ? `(${clock.source})` : ''}`.trim()));
  return { noticed: stage };
}

/** The substantive-response clock, in words: an acknowledgement does not stop it (001 matrix option 2; issue 18). */
function substantiveWords(c: Case): string {
  const acked = c.escalations.filter((e) => e.target.type === 'service_lead' && e.status === 'acknowledged').map((e) => e.answeredBy ?? 'the service');
  const lead = acked.length ? `${acked.join(', ')} acknowledged it, but an acknowledgement is not the substantive response.` : 'Nobody has answered it yet.';
  return `${lead} It stops when the service answers for comms, or its own reply is approved.`;
}

/** Nobody acted on a claim in time: it goes back to the queue, and the channel is told (so it is not hidden). */
async function expireClaim(ctx: DeskContext, c: Case, key: string): Promise<Record<string, unknown>> {
  const owner = c.owner?.name ?? 'the claimant';
  const result = await executeCaseCommand(ctx, { caseId: c.id, seenVersion: c.version, command: { type: 'case.release' }, actor: systemActor() });
  if (!result.ok) return { skipped: result.refusal.message };
  await ctx.store.outbox.enqueue(notices(ctx, c, key, 'channel_and_managers', `${c.id} went back to the queue: ${owner} had not acted on it in time. Please claim it.`));
  return { released: true };
}

function notices(ctx: DeskContext, c: Case, key: string, audience: 'owner' | 'channel_and_managers', text: string): OutboxItem[] {
  return ctx.surfaces.map((surface) => ({ key: `notice:${surface}:${key}`, kind: 'chat.notice', caseId: c.id, payload: { caseId: c.id, surface, audience, ownerId: c.owner?.personId ?? null, text } }));
}
