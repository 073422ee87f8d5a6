// End to end on Teams with a fake Microsoft Graph: a policy `groups:` entry naming an Entra group gives its
// roles to the group's members, nested groups included, read page by page (@odata.nextLink); someone added to
// the group later gets them at their next click after a minute (a miss refreshes); without GroupMember.Read.All
// nobody gets the group's roles and the click is refused, naming the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCard } from '../helpers/teams-cards.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';
import { loadTeamsPolicy, TEAMS_PEOPLE, type TeamsPerson } from '../helpers/teams-policy.js';

const COMMS_GROUP = '7a1b2c3d-0000-4000-8000-00000000c0c0';
const NESTED_GROUP = '7a1b2c3d-0000-4000-8000-00000000c0c1';
const stranger = (n: number, name: string): TeamsPerson => ({ id: `29:1stranger-${n}`, name, aadObjectId: `6f1c2d3e-0000-4000-8000-0000000001${String(n).padStart(2, '0')}` });
const ZED = TEAMS_PEOPLE.zed; // in no policy list: roles only from the group
const YAN = stranger(1, 'Yan Ito');
const others = [stranger(2, 'Ola Berg'), stranger(3, 'Pia Holm'), stranger(4, 'Quin Roe')];

let t: TeamsDesk;
beforeAll(async () => {
  const policy = await loadTeamsPolicy((raw) => {
    (raw as unknown as { groups: unknown[] }).groups.push({ teams: COMMS_GROUP, roles: ['comms_officer'] });
  });
  t = await startTeamsDesk({
    policy,
    msGraph: {
      users: [...Object.values(TEAMS_PEOPLE), YAN, ...others].map((p) => p.aadObjectId),
      // Zed is in the comms group through a nested group, after three others: the fake's pages hold two.
      groups: { [COMMS_GROUP]: [...others.map((p) => p.aadObjectId), NESTED_GROUP], [NESTED_GROUP]: [ZED.aadObjectId] },
    },
  });
  await t.install();
  await t.settle();
});
afterAll(() => t.close());

async function claimAs(person: TeamsPerson): Promise<{ caseId: string; text: string }> {
  const { caseId } = await t.ingest();
  await t.settle();
  return { caseId, text: answerCard(await t.click(person, caseId, 'case.claim')).text() };
}

describe('roles from an Entra group', () => {
  it('lets a member of a nested group claim with the group\'s role, reading every page of members', async () => {
    const { caseId, text } = await claimAs(ZED);
    expect(text).not.toContain('Only');
    expect((await t.desk.ctx.store.cases.get(caseId))?.owner).toMatchObject({ name: 'Zed Stranger' });
    const pages = t.msGraph!.callsTo('GET', new RegExp(`^/groups/${COMMS_GROUP}/transitiveMembers$`));
    expect(pages.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(pages.slice(1).every((c) => c.query['$skiptoken'] !== undefined)).toBe(true);
  });

  it('refuses someone outside the group, naming the role, then gives it to them a minute after they are added', async () => {
    const refused = await claimAs(YAN);
    expect(refused.text).toContain('Only comms officer or comms manager or customer services can do that (claim).');
    expect((await t.desk.ctx.store.cases.get(refused.caseId))?.state).toBe('new');

    t.msGraph!.setGroupMembers(COMMS_GROUP, [...others.map((p) => p.aadObjectId), NESTED_GROUP, YAN.aadObjectId]);
    t.clock.advance(61_000);
    const after = await claimAs(YAN);
    expect(after.text).not.toContain('Only');
    expect((await t.desk.ctx.store.cases.get(after.caseId))?.owner).toMatchObject({ name: 'Yan Ito' });
  });

  it('gives nobody the group\'s roles when Graph will not list it (no GroupMember.Read.All), and says which role is missing', async () => {
    const report = () => t.desk.adapters.find((a) => a.surface === 'teams')!.report!();
    expect(await report()).toContain('Teams roles: GroupMember.Read.All is in place; 1 Entra group(s) in the policy give their members roles.');
    t.msGraph!.consent.groupMembers = false;
    expect((await report())[1]).toMatch(/^Teams roles: cannot read Entra groups \(Microsoft Graph answered 403 Authorization_RequestDenied .*\); until an admin grants GroupMember.Read.All, the groups in the policy give nobody their roles\.$/);
    t.clock.advance(16 * 60_000); // past the 15-minute refresh: the list is read again, and refused
    const reads = t.msGraph!.callsTo('GET', /transitiveMembers$/).length;
    expect((await claimAs(ZED)).text).toContain('Only comms officer or comms manager or customer services can do that (claim).');
    expect(t.msGraph!.callsTo('GET', /transitiveMembers$/).slice(reads).map((c) => c.status)).toEqual([403]);
    expect(t.logs.some((l) => l.includes('GroupMember.Read.All'))).toBe(true);
  });
});
