// Owns turning a Slack user into an actor: roles from the policy by user id or by user group
// (members fetched with usergroups.users.list, cached briefly per group), names from the profile.
import type { Log } from '../../services/log.js';
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/actor.js';
import { findPerson, resolveActor } from '../../policy/policy-directory.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { Clock } from '../../services/ports.js';

export interface SlackActorResolver {
  resolve(userId: string, fallbackName?: string): Promise<Actor>;
}

export interface ActorResolverOptions {
  readonly client: webApi.WebClient;
  readonly policy: Policy;
  readonly clock: Clock;
  readonly log: Log;
  /** How long a group's member list is trusted: a person removed from a group loses its roles this soon. */
  readonly groupTtlMs?: number;
  readonly profileTtlMs?: number;
}

interface Cached<T> {
  readonly value: Promise<T>;
  readonly until: number;
}

export function createSlackActorResolver(o: ActorResolverOptions): SlackActorResolver {
  const groupTtl = o.groupTtlMs ?? 60_000;
  const profileTtl = o.profileTtlMs ?? 10 * 60_000;
  const groups = new Map<string, Cached<ReadonlySet<string>>>();
  const profiles = new Map<string, Cached<string | null>>();
  const slackGroups = o.policy.groups.map((g) => g.slack).filter((id): id is string => id !== undefined);

  function cached<T>(map: Map<string, Cached<T>>, key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    const now = o.clock.now().getTime();
    const hit = map.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = load();
    map.set(key, { value, until: now + ttl });
    return value;
  }

  /** Fails closed: if Slack will not say who is in a group, nobody gets that group's roles. */
  const members = (groupId: string) =>
    cached(groups, groupId, groupTtl, async () => {
      try {
        const res = await o.client.usergroups.users.list({ usergroup: groupId });
        return new Set(res.users ?? []);
      } catch (e) {
        groups.delete(groupId);
        o.log.warn({ err: e, usergroup: groupId }, 'could not list a Slack user group; its members get no roles from it for now (is usergroups:read granted?)');
        return new Set<string>();
      }
    });

  const displayName = (userId: string) =>
    cached(profiles, userId, profileTtl, async () => {
      try {
        const res = await o.client.users.info({ user: userId });
        const user = res.user;
        return user?.profile?.real_name || user?.real_name || user?.profile?.display_name || null;
      } catch (e) {
        profiles.delete(userId);
        o.log.warn({ err: e, user: userId }, 'could not read a Slack profile; using the user name from the request');
        return null;
      }
    });

  return {
    async resolve(userId, fallbackName) {
      const memberships = await Promise.all(slackGroups.map(async (g) => ((await members(g)).has(userId) ? g : null)));
      const groupIds = memberships.filter((g): g is string => g !== null);
      // People in the policy carry their own name and initials; others are named from their Slack profile.
      const known = findPerson(o.policy, 'slack', userId);
      const name = known ? undefined : ((await displayName(userId)) ?? fallbackName);
      return resolveActor(o.policy, { surface: 'slack', userId, groupIds, ...(name ? { displayName: name } : {}) });
    },
  };
}
