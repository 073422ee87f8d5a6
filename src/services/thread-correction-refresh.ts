// Owns redrawing a thread's other open cards when its facts are corrected (004 §6), or when that closure is undone:
// their banner and "Reply anyway" button come from another case, so saving this one must tell them at once.
import type { Case } from '../domain/case.js';
import type { DeskContext } from './desk-context.js';
import type { OutboxItem, UnitOfWork } from './ports.js';

const correctsThread = (c: Case): boolean => c.state === 'closed' && c.outcome === 'facts_corrected';

/** Whether saving `next` over `from` closes a thread's facts as corrected, or undoes that: the other cards then change too. */
export function redrawsThread(from: Case, next: Case): boolean {
  return correctsThread(from) !== correctsThread(next);
}

/**
 * In the saving transaction: a chat card refresh of every other open case on the thread, keyed by this save (so a
 * retried save adds nothing and a later one is its own refresh), and a live-page announcement on commit.
 */
export async function refreshThreadOnCorrection(ctx: Pick<DeskContext, 'surfaces'>, uow: UnitOfWork, from: Case, next: Case): Promise<void> {
  if (!redrawsThread(from, next)) return;
  const others = await uow.mentions.openCasesOnThreadOf(next.id);
  if (!others.length) return;
  const items: OutboxItem[] = others.flatMap((id) =>
    ctx.surfaces.map((surface) => ({ key: `card:${surface}:${id}:thread-corrected:${next.id}:v${next.version}`, kind: 'chat.card.refresh', caseId: id, payload: { caseId: id, surface } })),
  );
  await uow.outbox.enqueue(items);
  await uow.cases.announce(others);
}
