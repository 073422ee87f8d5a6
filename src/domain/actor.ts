// Who is acting: a person from the policy (with their roles) or the system itself.
import type { Role, Surface } from './roles.js';

/** The bot's own person id in the history; the policy refuses a person with this id. */
export const SYSTEM_PERSON_ID = 'system';

export interface Actor {
  /** The policy's person id, or SYSTEM_PERSON_ID for the bot's own actions. */
  readonly personId: string;
  readonly name: string;
  readonly initials: string;
  readonly roles: readonly Role[];
  readonly surface: Surface;
}

/**
 * The bot itself. Decided by the surface, which only the desk's own code sets ('system' is never
 * a chat surface a person acts from), not by an id a policy file or a payload could carry.
 */
export function isSystem(actor: Actor): boolean {
  return actor.surface === 'system';
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function systemActor(name = 'Mention Desk'): Actor {
  return { personId: SYSTEM_PERSON_ID, name, initials: 'MD', roles: [], surface: 'system' };
}
