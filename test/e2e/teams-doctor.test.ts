// npm run doctor's Teams section against a fake Microsoft Graph: which way of reaching everyone is in place,
// whether Entra groups can be read, and whether a card whose answer was lost can show twice, without starting the desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTeamsReach } from '../../src/adapters/teams/check-teams-reach.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import { startFakeMsGraph, type FakeMsGraph } from '../helpers/fake-ms-graph.js';
import { TEAMS_CATALOG_ID, APP_ID } from '../helpers/teams-desk.js';
import { loadTeamsPolicy, TEAMS_PEOPLE } from '../helpers/teams-policy.js';

const GROUP = '7a1b2c3d-0000-4000-8000-00000000c0c0';
let graph: FakeMsGraph;
let policy: Policy;
beforeAll(async () => {
  const everyone = Object.values(TEAMS_PEOPLE).map((p) => p.aadObjectId);
  graph = await startFakeMsGraph({ catalogId: TEAMS_CATALOG_ID, externalId: APP_ID, users: everyone, groups: { [GROUP]: everyone } });
  policy = await loadTeamsPolicy((raw) => void (raw as unknown as { groups: unknown[] }).groups.push({ teams: GROUP, roles: ['comms_officer'] }));
});
afterAll(() => graph.close());

const settings = () => loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', MICROSOFT_GRAPH_URL: graph.url, TEAMS_APP_CATALOG_ID: TEAMS_CATALOG_ID }).teams;

describe('npm run doctor, Teams', () => {
  it('says a setup policy has installed the app for everyone, and that the Entra groups are readable', async () => {
    for (const p of Object.values(TEAMS_PEOPLE)) graph.installedFor.set(p.aadObjectId, `inst-${p.id}`);
    expect(await checkTeamsReach(settings(), policy)).toEqual([
      'Teams reach: admin consent for TeamsAppInstallation.ReadWriteSelfForUser.All is in place. The app is installed for 5 of the 5 people in the policy; already installed for all of them (a setup policy, or they opened it).',
      'Teams roles: GroupMember.Read.All is in place; 1 Entra group(s) in the policy give their members roles.',
      expect.stringMatching(/^Teams posting once: Microsoft Graph is on, so a post whose answer was lost is looked for in its channel before it is posted again\. This needs the team owner's consent to ChannelMessage\.Read\.Group/),
    ]);
  });

  it('says consent is missing when Graph answers 403, and what happens instead', async () => {
    graph.consent.installation = false;
    graph.consent.groupMembers = false;
    const [reach, roles] = await checkTeamsReach(settings(), policy);
    expect(reach).toContain('is NOT in place (Microsoft Graph answered 403 Forbidden');
    expect(reach).toContain('reached only if a Teams app setup policy pre-installs it');
    expect(roles).toContain('until an admin grants GroupMember.Read.All, the groups in the policy give nobody their roles');
  });

  it('says Graph is off, and that only a setup policy reaches people, without Graph settings', async () => {
    const [reach, roles, once] = await checkTeamsReach(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).teams, policy);
    expect(reach).toMatch(/^Teams reach: Microsoft Graph is off, so the desk cannot install the app for anyone\./);
    expect(roles).toBe('Teams roles: 1 Entra group(s) in the policy give nobody their roles while Graph is off.');
    expect(once).toMatch(/^Teams posting once: Microsoft Graph is off, so a Teams post whose answer was lost .* may show twice\. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID/);
    expect(await checkTeamsReach(null, policy)).toEqual(['Microsoft Teams: not configured (MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID); nothing to check.']);
  });
});
