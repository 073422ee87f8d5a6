// Owns who is in the Entra groups the policy gives roles to: transitive members read through Microsoft Graph
// (GroupMember.Read.All), paged by @odata.nextLink, cached per group, refreshed on a schedule and on a miss.
// Fails closed: a group Graph will not list gives nobody its roles, and the click's refusal says which role.
import type { Log } from '../../services/log.js';
import type { Clock } from '../../services/ports.js';
import { RateLimitError } from '../../services/errors.js';
import { GraphRefusal, type MsGraph } from './ms-graph.js';

export interface EntraGroupDirectory {
  /** The policy's Entra groups (ids as the policy spells them) this Entra user is in. */
  groupsOf(userId: string): Promise<string[]>;
  /** Re-reads every group now (the schedule calls this). */
  refreshAll(): Promise<void>;
  /** Refreshes every `refreshMs` until stop(). */
  start(): void;
  stop(): void;
}

export interface EntraGroupDirectoryOptions {
  readonly graph: MsGraph | null;
  readonly groupIds: readonly string[];
  readonly clock: Clock;
  readonly log: Log;
  /** A list older than this is read again before use, and the schedule re-reads every group this often. */
  readonly refreshMs?: number;
  /** Someone not in a list read longer ago than this makes it be read again: a newcomer waits a minute, not the schedule. */
  readonly missRefreshMs?: number;
}

interface Entry {
  members: ReadonlySet<string>;
  readAt: number;
  /** Not read again before this (a 429's Retry-After, or a pause after a refusal). */
  notBefore: number;
  reading: Promise<void> | null;
}

interface MembersPage {
  value: Array<{ id?: string }>;
  '@odata.nextLink'?: string;
}

export function createEntraGroupDirectory(o: EntraGroupDirectoryOptions): EntraGroupDirectory {
  const refreshMs = o.refreshMs ?? 15 * 60_000;
  const missRefreshMs = o.missRefreshMs ?? 60_000;
  const groupIds = [...new Set(o.groupIds)];
  const entries = new Map<string, Entry>(groupIds.map((g) => [g, { members: new Set(), readAt: -Infinity, notBefore: -Infinity, reading: null }]));
  let timer: NodeJS.Timeout | null = null;
  const now = () => o.clock.now().getTime();

  async function readMembers(graph: MsGraph, groupId: string): Promise<Set<string>> {
    const members = new Set<string>();
    // $select=id keeps pages small; transitive members include nested groups' people (and the groups themselves, harmlessly).
    let next: string | undefined = `/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id&$top=999`;
    while (next) {
      const page: MembersPage = await graph.get<MembersPage>(next, `listing the members of Entra group ${groupId}`);
      for (const m of page.value) if (m.id) members.add(m.id.toLowerCase());
      next = page['@odata.nextLink'];
    }
    return members;
  }

  function refresh(groupId: string, entry: Entry): Promise<void> {
    const graph = o.graph;
    if (!graph || now() < entry.notBefore) return Promise.resolve();
    entry.reading ??= (async () => {
      try {
        entry.members = await readMembers(graph, groupId);
        entry.readAt = now();
      } catch (e) {
        // A refusal (consent withdrawn, group deleted) means we cannot know who is in it: nobody is. A 429 or an
        // outage keeps the last list read. Either way Graph said when to ask again, or we pause before asking.
        if (e instanceof GraphRefusal) entry.members = new Set();
        entry.notBefore = now() + (e instanceof RateLimitError ? e.retryAfterMs : missRefreshMs);
        o.log.warn({ err: e, group: groupId, retryAt: new Date(entry.notBefore).toISOString() }, 'could not read an Entra group\'s members; until it can, its roles go to nobody (refused) or to its members as last read (429, outage). Is GroupMember.Read.All granted?');
      } finally {
        entry.reading = null;
      }
    })();
    return entry.reading;
  }

  async function groupsOf(userId: string): Promise<string[]> {
    const user = userId.toLowerCase();
    const inGroups = await Promise.all(
      [...entries].map(async ([groupId, entry]) => {
        const age = now() - entry.readAt;
        if (age > refreshMs || (!entry.members.has(user) && age > missRefreshMs)) await refresh(groupId, entry);
        return entry.members.has(user) ? groupId : null;
      }),
    );
    return inGroups.filter((g): g is string => g !== null);
  }

  return {
    groupsOf,
    refreshAll: async () => {
      await Promise.all([...entries].map(([groupId, entry]) => refresh(groupId, entry)));
    },
    start() {
      if (timer || !o.graph || groupIds.length === 0) return;
      timer = setInterval(() => void this.refreshAll(), refreshMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
