// Owns turning a Teams user (an activity's `from`) into an actor: roles from the policy by Entra object id.
// Entra group membership would need Microsoft Graph (GroupMember.Read.All), so `groups[].teams` gives no roles
// yet: people are named one by one under `people[].teams`. Fails closed: no object id, no roles.
import type { Actor } from '../../domain/actor.js';
import { resolveActor } from '../../policy/policy-directory.js';
import type { Policy } from '../../policy/policy-schema.js';

export interface TeamsUser {
  readonly id: string;
  readonly name?: string | undefined;
  readonly aadObjectId?: string | undefined;
}

export function resolveTeamsActor(policy: Policy, from: TeamsUser): Actor {
  // The 29: id is per bot and per user, and never in the policy: without the object id nobody is matched.
  const userId = from.aadObjectId?.toLowerCase() ?? from.id;
  const known = policy.people.find((p) => p.teams?.toLowerCase() === userId);
  return resolveActor(policy, { surface: 'teams', userId: known?.teams ?? userId, groupIds: [], ...(from.name ? { displayName: from.name } : {}) });
}
