// Owns the lists people ask for: my open cases, the unclaimed queue (oldest first), one case by id.
import type { Actor } from '../../domain/actor.js';
import type { DeskContext } from '../../services/desk-context.js';
import { withMentions, type ListedCase } from './render-case-list.js';

export const LIST_LIMIT = 20;

export async function myOpenCases(ctx: DeskContext, actor: Actor, limit = LIST_LIMIT): Promise<ListedCase[]> {
  const cases = await ctx.store.cases.list({ states: ['claimed', 'waiting'], ownerId: actor.personId, limit });
  return withMentions(cases, (id) => ctx.store.mentions.get(id));
}

export async function unclaimedQueue(ctx: DeskContext, limit = LIST_LIMIT): Promise<ListedCase[]> {
  const cases = await ctx.store.cases.list({ states: ['new'], limit });
  return withMentions(cases, (id) => ctx.store.mentions.get(id));
}
