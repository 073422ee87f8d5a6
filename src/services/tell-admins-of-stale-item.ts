// Owns telling whoever runs the desk that an outbound item (a card, a reply) has been retrying for a long time.
import type { DeskContext } from './desk-context.js';

export interface StaleItem {
  readonly key: string;
  readonly kind: string;
  readonly caseId: string | null;
  readonly createdAt: Date;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * One `chat.notice` per surface to the admin channel. The desk keeps trying: this is so a person can look at
 * the platform's status or the desk's log, not a failure. A notice about a stale notice is not sent, so a
 * surface that is down does not feed itself.
 */
export async function tellAdminsOfStaleItem(ctx: DeskContext, item: StaleItem, error: unknown): Promise<void> {
  if (item.kind === 'chat.notice' && item.payload['audience'] === 'admins') return;
  const minutes = Math.round((ctx.clock.now().getTime() - item.createdAt.getTime()) / 60_000);
  const what = `${item.kind}${item.caseId ? ` for ${item.caseId}` : ''}`;
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  const text = `The desk has been trying to deliver ${what} for ${minutes} minutes and is still trying. Last error: ${reason}`;
  await ctx.store.transaction(async (uow) => {
    await uow.outbox.enqueue(
      ctx.surfaces.map((surface) => ({ key: `stale:${surface}:${item.key}`, kind: 'chat.notice', caseId: null, payload: { surface, audience: 'admins', ownerId: null, text } })),
    );
  });
}
