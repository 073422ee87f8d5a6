// Which buttons one person may press, decided by a dry run of the core's own decision: an officer is not offered
// "Approve block", a service's lead alone is offered Acknowledge, and a button is kept when only the moment is wrong.
import { beforeAll, describe, expect, it } from 'vitest';
import { availableActions, escalationCardButtons } from '../../../src/cards/available-actions.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Actor } from '../../../src/domain/actor.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { actionsForPerson, peopleForCard } from '../../../src/services/actions-for-person.js';
import { ana, ben, cara, claimedByAna, cmd, dev, NOW, run } from '../../helpers/domain-builders.js';

const POLICY_FILE = new URL('../../fixtures/policy/test-policy.yml', import.meta.url).pathname;
let policy: Policy;
beforeAll(async () => { policy = await loadPolicy(POLICY_FILE); });
const ctx = () => ({ policy, clock: { now: () => NOW } });

const blockAwaiting = () => run(claimedByAna(), [cmd.moderate('block', true, 'abuse_of_staff'), ana]);
const labels = (actor: Actor) => {
  const c = blockAwaiting();
  return actionsForPerson(ctx(), c, availableActions(c, policy.networks['x'] ?? null), actor).map((b) => b.label);
};

describe('actionsForPerson', () => {
  it('does not offer an officer "Approve block", and offers it to a comms manager', () => {
    expect(labels(ana)).not.toContain('Approve block');
    expect(labels(ben)).not.toContain('Approve block');
    expect(labels(cara)).toEqual(expect.arrayContaining(['Approve block', 'Reject block']));
  });

  it('offers the holder her own actions, and another officer none of them', () => {
    expect(labels(ana)).toEqual(expect.arrayContaining(['Release', 'Reply', 'Moderate', 'Close']));
    expect(labels(ben)).not.toContain('Release');
    expect(labels(ben)).not.toContain('Reply');
  });

  it("offers a Waste escalation's answers to its lead alone", () => {
    const c = run(claimedByAna(), [cmd.escalateToLead('waste'), ana]);
    const shown = (actor: Actor) => actionsForPerson(ctx(), c, escalationCardButtons(c.escalations[0]!, policy), actor).map((b) => b.label);
    expect(shown(dev)).toEqual(['Acknowledge', 'Answer for comms', 'Draft a reply myself', 'Pass to a colleague', 'Decline']);
    expect(shown(ana)).toEqual([]);
    expect(shown(ben)).toEqual([]);
  });

  it('lists the people who may act on a card before those who may not', () => {
    const c = blockAwaiting();
    const rated = peopleForCard(ctx(), c, availableActions(c, policy.networks['x'] ?? null), 'slack');
    const flags = rated.map((r) => r.mayAct);
    expect(flags).toEqual([...flags].sort((x, y) => Number(y) - Number(x)));
    expect(rated.find((r) => r.person.id === 'cara')?.mayAct).toBe(true);
    expect(rated.find((r) => r.person.id === 'dev')?.mayAct).toBe(false);
    expect(rated).toHaveLength(policy.people.filter((p) => p.slack).length);
  });
});
