// Owns turning a Teams user (an activity's `from`) into an actor: roles from the policy by Entra object id, and
// from the policy's Entra groups (`groups[].teams`) the person is in, as entra-group-directory.ts reads them.
// Fails closed: no object id, no roles.
import type { Actor } from '../../domain/actor.js';
import { resolveActor } from '../../policy/policy-directory.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { EntraGroupDirectory } from './entra-group-directory.js';

export interface TeamsUser {
  readonly id: string;
  readonly name?: string | undefined;
  readonly aadObjectId?: string | undefined;
}

/** With the groups the person is in (read through Graph) folded in; a person without an object id is in none. */
export async function resolveTeamsActorWithGroups(policy: Policy, groups: EntraGroupDirectory, from: TeamsUser): Promise<Actor> {
  const groupIds = from.aadObjectId ? await groups.groupsOf(from.aadObjectId) : [];
  return resolveTeamsActor(policy, from, groupIds);
}

export function resolveTeamsActor(policy: Policy, from: TeamsUser, groupIds: readonly string[] = []): Actor {
  // The 29: id is per bot and per user, and never in the policy: without the object id nobody is matched.
  const userId = from.aadObjectId?.toLowerCase() ?? from.id;
  const known = policy.people.find((p) => p.teams?.toLowerCase() === userId);
  return resolveActor(policy, { surface: 'teams', userId: known?.teams ?? userId, groupIds, ...(from.name ? { displayName: from.name } : {}) });
}
