// Who is acting: a person from the policy (with their roles) or the system itself.
import type { Role, Surface } from './roles.js';

export interface Actor {
  /** The policy's person id, or 'system' for the bot's own actions. */
  readonly personId: string;
  readonly name: string;
  readonly initials: string;
  readonly roles: readonly Role[];
  readonly surface: Surface;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function systemActor(name = 'Mention Desk'): Actor {
  return { personId: 'system', name, initials: 'MD', roles: [], surface: 'system' };
}
