// Owns telling whoever runs the desk that a chat item failed in a way no retry can fix (the bot not in a channel,
// a channel id that does not exist, a revoked token), with its fix: once per cause a day, not once per item.
import { createHash } from 'node:crypto';
import type { DeskContext } from './desk-context.js';
import { PermanentError } from './errors.js';

export interface FailedItem {
  readonly kind: string;
  readonly caseId: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

const SURFACE_NAMES: Readonly<Record<string, string>> = { slack: 'Slack', teams: 'Microsoft Teams' };

/**
 * A `chat.notice` to the admin channel of every surface (a Slack token revoked is worth hearing in Teams). Keyed
 * by surface, cause and day, so a hundred cards failing for one reason make one notice, and a cause still
 * there tomorrow is said again. A failed notice to the admins is not announced, so a broken admin channel does
 * not feed itself.
 */
export async function tellAdminsOfPermanentFailure(ctx: DeskContext, item: FailedItem, error: unknown): Promise<void> {
  if (!item.kind.startsWith('chat.') || !isPermanent(error)) return;
  if (item.kind === 'chat.notice' && item.payload['audience'] === 'admins') return;
  const surface = typeof item.payload['surface'] === 'string' ? item.payload['surface'] : 'chat';
  const cause = error.message.slice(0, 300);
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const causeKey = createHash('sha256').update(`${surface}\n${cause}`).digest('hex').slice(0, 16);
  const what = `${item.kind}${item.caseId ? ` for ${item.caseId}` : ''}`;
  const fix = error.hint ? ` To fix: ${error.hint}` : '';
  const text = `The desk gave up on ${what} in ${SURFACE_NAMES[surface] ?? surface}: ${cause}.${fix} Other items failing for the same reason today are not announced again; \`npm run doctor\` checks every channel and token.`;
  await ctx.store.transaction(async (uow) => {
    await uow.outbox.enqueue(
      ctx.surfaces.map((to) => ({ key: `permanent:${to}:${day}:${causeKey}`, kind: 'chat.notice', caseId: null, payload: { surface: to, audience: 'admins', ownerId: null, text } })),
    );
  });
}

// By code as well as class, as the outbox does, so an error from another copy of the module still counts.
function isPermanent(e: unknown): e is PermanentError {
  return e instanceof PermanentError || (e instanceof Error && (e as { code?: unknown }).code === 'permanent');
}
