// Unit tests for the Entra group cache: when it reads Graph again (schedule, miss, Retry-After) and what it
// believes meanwhile (the last list on a 429, nobody on a refusal).
import { describe, expect, it } from 'vitest';
import { createEntraGroupDirectory } from '../../../../src/adapters/teams/entra-group-directory.js';
import { GraphRefusal, type MsGraph } from '../../../../src/adapters/teams/ms-graph.js';
import { RateLimitError } from '../../../../src/services/errors.js';
import { scriptedClock } from '../../../helpers/scripted-clock.js';

const GROUP = '7a1b2c3d-0000-4000-8000-00000000c0c0';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A Graph that answers the group's members from `members`, or throws what is queued in `fail`. */
function stubGraph(members: string[]) {
  const fail: Error[] = [];
  let reads = 0;
  const graph: MsGraph = {
    async get<T>(): Promise<T> {
      reads++;
      const next = fail.shift();
      if (next) throw next;
      return { value: members.map((id) => ({ id })) } as T;
    },
    post: async () => {},
  };
  return { graph, fail, reads: () => reads, members };
}

function directory(members: string[]) {
  const stub = stubGraph(members);
  const clock = scriptedClock('2026-03-10T10:00:00Z');
  const groups = createEntraGroupDirectory({ graph: stub.graph, groupIds: [GROUP], clock, log: quiet, refreshMs: 15 * 60_000, missRefreshMs: 60_000 });
  return { stub, clock, groups };
}

describe('createEntraGroupDirectory', () => {
  it('matches members whatever the case of their object id, and reads the group once until the list ages', async () => {
    const { stub, clock, groups } = directory(['AAAA-1']);
    expect(await groups.groupsOf('aaaa-1')).toEqual([GROUP]);
    clock.advance(14 * 60_000);
    expect(await groups.groupsOf('aaaa-1')).toEqual([GROUP]);
    expect(stub.reads()).toBe(1);
    clock.advance(2 * 60_000);
    await groups.groupsOf('aaaa-1');
    expect(stub.reads()).toBe(2);
  });

  it('reads again for someone not in the list only once the list is a minute old', async () => {
    const { stub, clock, groups } = directory(['aaaa-1']);
    expect(await groups.groupsOf('bbbb-2')).toEqual([]);
    expect(await groups.groupsOf('bbbb-2')).toEqual([]);
    expect(stub.reads()).toBe(1);
    stub.members.push('bbbb-2');
    clock.advance(61_000);
    expect(await groups.groupsOf('bbbb-2')).toEqual([GROUP]);
    expect(stub.reads()).toBe(2);
  });

  it('keeps the last list through a 429 and does not ask Graph again before its Retry-After', async () => {
    const { stub, clock, groups } = directory(['aaaa-1']);
    await groups.refreshAll();
    clock.advance(16 * 60_000);
    stub.fail.push(new RateLimitError(30_000));
    expect(await groups.groupsOf('aaaa-1')).toEqual([GROUP]);
    clock.advance(29_000);
    await groups.groupsOf('aaaa-1');
    expect(stub.reads()).toBe(2);
    clock.advance(1_000);
    await groups.groupsOf('aaaa-1');
    expect(stub.reads()).toBe(3);
  });

  it('gives the group to nobody once Graph refuses to list it', async () => {
    const { stub, clock, groups } = directory(['aaaa-1']);
    await groups.refreshAll();
    stub.fail.push(new GraphRefusal(403, 'Authorization_RequestDenied', 'Microsoft Graph answered 403', null));
    clock.advance(16 * 60_000);
    expect(await groups.groupsOf('aaaa-1')).toEqual([]);
  });

  it('gives no roles from groups, and calls nothing, when Graph is off', async () => {
    const groups = createEntraGroupDirectory({ graph: null, groupIds: [GROUP], clock: scriptedClock('2026-03-10T10:00:00Z'), log: quiet });
    expect(await groups.groupsOf('aaaa-1')).toEqual([]);
  });
});
