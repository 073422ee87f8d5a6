// Emergency mode (002 §6.2.5): a manager turns it on with a message and a link; every open card shows a
// banner, replies offer the message and link, and leadership is told. Turning it off is recorded the same way.
import { z } from 'zod';
import { hasRole, type Actor } from '../domain/actor.js';
import type { DeskContext } from './desk-context.js';
import type { EmergencyMode, OutboxItem, UnitOfWork } from './ports.js';

export type EmergencyRequest = { readonly on: true; readonly message: string; readonly link: string } | { readonly on: false };
export type EmergencyOutcome = { readonly ok: true; readonly mode: EmergencyMode | null } | { readonly ok: false; readonly message: string };

const OPEN_CARDS_LIMIT = 500;

export async function setEmergencyMode(ctx: DeskContext, actor: Actor, req: EmergencyRequest): Promise<EmergencyOutcome> {
  const allowed = ctx.policy.permissions['desk.emergency'] ?? [];
  if (!hasRole(actor, ...allowed)) return { ok: false, message: `Only ${allowed.map((r) => r.replace('_', ' ')).join(' or ') || 'nobody'} can turn emergency mode on or off (permission desk.emergency).` };
  if (req.on && !z.url({ protocol: /^https?$/ }).safeParse(req.link).success) return { ok: false, message: 'Give the link people should follow, starting https://, then the message.' };
  if (req.on && !req.message.trim()) return { ok: false, message: 'Give the message replies should carry, after the link.' };
  const now = ctx.clock.now();
  const mode = req.on ? { message: req.message.trim(), link: req.link, since: now.toISOString(), by: actor.name } : null;
  await ctx.store.transaction(async (uow) => {
    await uow.settings.recordEmergencyMode(mode, actor, now);
    await uow.outbox.enqueue([...leadershipNotices(ctx, actor, mode, now), ...(await openCardRefreshes(ctx, uow, now))]);
  });
  return { ok: true, mode };
}

function leadershipNotices(ctx: DeskContext, actor: Actor, mode: EmergencyMode | null, now: Date): OutboxItem[] {
  const text = mode ? `Emergency mode is on (${actor.name}): ${mode.message} ${mode.link}` : `Emergency mode is off (${actor.name}).`;
  return ctx.surfaces.map((surface) => ({ key: `emergency:${surface}:${now.toISOString()}`, kind: 'chat.notice', caseId: null, payload: { surface, audience: 'leadership', ownerId: null, text } }));
}

/** Every open card gets the banner (or loses it) now, not at its next change. */
async function openCardRefreshes(ctx: DeskContext, uow: UnitOfWork, now: Date): Promise<OutboxItem[]> {
  const open = await uow.cases.list({ states: ['new', 'claimed', 'waiting'], limit: OPEN_CARDS_LIMIT });
  return open.flatMap((c) => ctx.surfaces.map((surface) => ({ key: `card:${surface}:${c.id}:emergency:${now.toISOString()}`, kind: 'chat.card.refresh', caseId: c.id, payload: { caseId: c.id, surface } })));
}

/** "on https://example.gov.uk/storm Storm Eunice: bin collections suspended" or "off". */
export function parseEmergencyArgs(words: readonly string[]): EmergencyRequest | null {
  const [state, link, ...message] = words;
  if (state?.toLowerCase() === 'off') return { on: false };
  if (state?.toLowerCase() === 'on' && link) return { on: true, link, message: message.join(' ') };
  return null;
}
