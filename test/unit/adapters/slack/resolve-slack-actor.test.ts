// Who a Slack user is: roles by user id or by user group (cached briefly, failing closed), names from the profile.
import type { webApi } from '@slack/bolt';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSlackActorResolver } from '../../../../src/adapters/slack/resolve-slack-actor.js';
import { loadPolicy } from '../../../../src/config/load-policy.js';
import type { Policy } from '../../../../src/policy/policy-schema.js';
import { POLICY_FILE } from '../../../helpers/slack-desk.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy(POLICY_FILE);
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function stubClient(members: () => string[] | Error) {
  const calls: string[] = [];
  const client = {
    usergroups: { users: { list: async ({ usergroup }: { usergroup: string }) => {
      calls.push(`usergroups.users.list ${usergroup}`);
      const m = members();
      if (m instanceof Error) throw m;
      return { ok: true, users: m };
    } } },
    users: { info: async ({ user }: { user: string }) => {
      calls.push(`users.info ${user}`);
      return { ok: true, user: { id: user, real_name: 'Fay Quinn', profile: { real_name: 'Fay Quinn' } } };
    } },
  };
  return { client: client as unknown as webApi.WebClient, calls };
}

describe('createSlackActorResolver', () => {
  it('knows a policy person by Slack id, with their initials', async () => {
    const { client } = stubClient(() => []);
    const actors = createSlackActorResolver({ client, policy, clock: { now: () => new Date() }, log: quiet });
    expect(await actors.resolve('U0ANA')).toEqual({ personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' });
  });

  it('gives a user group member the group\'s roles and names her from her profile', async () => {
    const { client } = stubClient(() => ['U0FAY']);
    const actors = createSlackActorResolver({ client, policy, clock: { now: () => new Date() }, log: quiet });
    expect(await actors.resolve('U0FAY', 'fay.q')).toEqual({ personId: 'slack:U0FAY', name: 'Fay Quinn', initials: 'FQ', roles: ['comms_officer'], surface: 'slack' });
  });

  it('asks Slack for a group\'s members once a minute, not on every click', async () => {
    let now = 0;
    let members = ['U0FAY'];
    const { client, calls } = stubClient(() => members);
    const actors = createSlackActorResolver({ client, policy, clock: { now: () => new Date(now) }, log: quiet });
    await actors.resolve('U0FAY');
    await actors.resolve('U0FAY');
    now += 59_000;
    expect((await actors.resolve('U0FAY')).roles).toEqual(['comms_officer']);
    members = [];
    now += 2_000; // past 60 s: removed from the group, she loses its roles
    expect((await actors.resolve('U0FAY')).roles).toEqual([]);
    expect(calls.filter((c) => c.startsWith('usergroups'))).toHaveLength(2);
  });

  it('fails closed when Slack will not list a group, and asks again next time', async () => {
    let fail = true;
    const { client, calls } = stubClient(() => (fail ? new Error('missing_scope') : ['U0FAY']));
    const actors = createSlackActorResolver({ client, policy, clock: { now: () => new Date(0) }, log: quiet });
    expect((await actors.resolve('U0FAY')).roles).toEqual([]);
    fail = false;
    expect((await actors.resolve('U0FAY')).roles).toEqual(['comms_officer']);
    expect(calls.filter((c) => c.startsWith('usergroups'))).toHaveLength(2);
  });
});
