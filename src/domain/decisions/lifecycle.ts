// Decisions that move a case through its states: claim, release, reassign, wait, resume, close, reopen.
import type { Case } from '../case.js';
import type { CaseCommand } from '../commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from '../decision.js';
import { checkNotClosed, checkOwnerOrManager, checkState, firstRefusal } from '../guards.js';
import { refuse } from '../refusal.js';

type Of<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export function decideClaim(c: Case, ctx: DecisionContext): Decision {
  const closed = checkNotClosed(c, 'claim it');
  if (closed) return rejected(closed);
  if (c.owner?.personId === ctx.actor.personId) {
    return rejected(refuse('already_claimed', 'lifecycle:single-owner', `You already hold this case (since ${ctx.formatTime(c.owner.since)}).`));
  }
  if (c.owner) {
    return rejected(refuse('already_claimed', 'lifecycle:single-owner', `Already claimed by ${c.owner.name} at ${ctx.formatTime(c.owner.since)}.`));
  }
  return new EventBuilder(c, ctx).add('case.claimed', {}).accept();
}

export function decideRelease(c: Case, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkState(c, ['claimed', 'waiting'], 'release it'),
    () => checkOwnerOrManager(c, ctx, 'release it'),
  );
  return r ? rejected(r) : new EventBuilder(c, ctx).add('case.released', {}).accept();
}

export function decideReassign(c: Case, cmd: Of<'case.reassign'>, ctx: DecisionContext): Decision {
  const closed = checkNotClosed(c, 'reassign it');
  if (closed) return rejected(closed);
  if (c.owner?.personId === cmd.toPersonId) {
    return rejected(refuse('invalid', 'lifecycle:single-owner', `${cmd.toName} already holds this case.`));
  }
  if (!ctx.canWorkCases(cmd.toPersonId)) {
    return rejected(refuse('invalid', 'lifecycle:reassign-to-worker', `${cmd.toName} cannot work cases (their roles may not claim one): choose someone from the comms team.`));
  }
  return new EventBuilder(c, ctx).add('case.reassigned', { toPersonId: cmd.toPersonId, toName: cmd.toName }).accept();
}

export function decideWait(c: Case, cmd: Of<'case.wait'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkState(c, ['claimed'], 'wait on the resident'),
    () => checkOwnerOrManager(c, ctx, 'put it on hold'),
  );
  return r ? rejected(r) : new EventBuilder(c, ctx).add('case.waiting', { reason: cmd.reason }).accept();
}

export function decideResume(c: Case, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkState(c, ['waiting'], 'resume it'),
    () => checkOwnerOrManager(c, ctx, 'resume it'),
  );
  return r ? rejected(r) : new EventBuilder(c, ctx).add('case.resumed', {}).accept();
}

export function decideClose(c: Case, cmd: Of<'case.close'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkNotClosed(c, 'close it again'),
    () => checkOwnerOrManager(c, ctx, 'close it'),
    () => (cmd.outcome === 'replied' && !c.replies.some((x) => x.status === 'sent')
      ? refuse('invalid', 'lifecycle:replied-needs-reply', 'No reply has been sent on this case yet, so it cannot close as "replied".')
      : null),
  );
  return r ? rejected(r) : new EventBuilder(c, ctx).add('case.closed', { outcome: cmd.outcome, note: cmd.note ?? null }).accept();
}

export function decideReopen(c: Case, cmd: Of<'case.reopen'>, ctx: DecisionContext): Decision {
  if (c.state !== 'closed') return rejected(refuse('wrong_state', 'lifecycle:open', 'This case is already open.'));
  return new EventBuilder(c, ctx).add('case.reopened', { reason: cmd.reason ?? null }).accept();
}
