// Owns `desk away` (issue 18): a person marks themselves out of office between two dates, or a comms manager marks
// someone; escalations they hold then go to a deputy at once. Recorded with who set it, as desk settings.
import { DateTime } from 'luxon';
import { hasRole, type Actor } from '../domain/actor.js';
import { findPersonById } from '../policy/policy-directory.js';
import { parseAwayArgs } from '../policy/away.js';
import type { DeskContext } from './desk-context.js';

export async function setAway(ctx: DeskContext, actor: Actor, args: readonly string[]): Promise<string> {
  const today = DateTime.fromJSDate(ctx.clock.now(), { zone: ctx.policy.calendar.timeZone }).toISODate() ?? '';
  const req = parseAwayArgs(args, today);
  if (!req.ok) return req.message;
  const personId = req.personId ?? actor.personId;
  if (personId !== actor.personId && !hasRole(actor, 'comms_manager')) return 'Only a comms manager can mark someone else away; say `desk away FROM TO` for yourself.';
  const person = findPersonById(ctx.policy, personId);
  if (!person) return `There is nobody with id "${personId}" in the policy file.`;
  await ctx.store.away.record(personId, req.period, actor, ctx.clock.now());
  const who = personId === actor.personId ? 'You are' : `${person.name} is`;
  return req.period
    ? `${who} marked away from ${req.period.from} to ${req.period.to} (inclusive): escalations held then go to the service's deputy, then the comms manager.`
    : `${who} no longer marked away.`;
}
