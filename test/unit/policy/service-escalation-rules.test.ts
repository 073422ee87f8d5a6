// The pure rules behind service and leadership answers (issue 18): the hand-over chain, out-of-office dates, what a
// service officer may see, which buttons an escalation card offers, and which cases a surge's holding line covers.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { escalationCardButtons } from '../../../src/cards/escalation-answer-actions.js';
import type { Escalation } from '../../../src/domain/case.js';
import { isAwayAt, parseAwayArgs } from '../../../src/policy/away.js';
import { nextHop } from '../../../src/policy/escalation-handover.js';
import { holdingLineCovers, holdingLineInForce } from '../../../src/policy/holding-line.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { mayViewCase } from '../../../src/policy/service-people.js';
import { ana, claimedByAna, cmd, person, run } from '../../helpers/domain-builders.js';

const POLICY_FILE = new URL('../../fixtures/policy/test-policy.yml', import.meta.url).pathname;
let policy: Policy;
beforeAll(async () => { policy = await loadPolicy(POLICY_FILE); });

const esc = (over: Partial<Escalation> = {}): Escalation => ({
  id: 'esc-1', target: { type: 'service_lead', serviceTag: 'waste' }, reason: 'Missed again', status: 'pending',
  raisedBy: 'Ana Patel', raisedAt: '2026-03-13T15:00:00.000Z', answeredBy: null, answer: null, ...over,
});
const nobodyAway = () => false;

describe('the hand-over chain', () => {
  it('goes from the leads to the first deputy who is in, then to a comms manager, then stops', () => {
    expect(nextHop(policy, esc(), nobodyAway)).toEqual({ toPersonId: 'hal', toName: 'Hal Reed', stage: 'deputy' });
    expect(nextHop(policy, esc({ holder: { personId: 'hal', name: 'Hal Reed', stage: 'deputy' } }), nobodyAway)).toEqual({ toPersonId: 'cara', toName: 'Cara Lee', stage: 'manager' });
    expect(nextHop(policy, esc({ holder: { personId: 'cara', name: 'Cara Lee', stage: 'manager' } }), nobodyAway)).toBeNull();
  });

  it('skips a deputy who is away, straight to the comms manager', () => {
    expect(nextHop(policy, esc(), (id) => id === 'hal')).toEqual({ toPersonId: 'cara', toName: 'Cara Lee', stage: 'manager' });
  });

  it('does not hand over leadership or safeguarding escalations', () => {
    expect(nextHop(policy, esc({ target: { type: 'leadership' } }), nobodyAway)).toBeNull();
  });
});

describe('out of office', () => {
  it('reads dates, "off" and a colleague, and refuses what cannot be right', () => {
    expect(parseAwayArgs(['2026-12-07', '2026-12-11'], '2026-12-05')).toEqual({ ok: true, personId: null, period: { from: '2026-12-07', to: '2026-12-11' } });
    expect(parseAwayArgs(['2026-12-07'], '2026-12-05')).toEqual({ ok: true, personId: null, period: { from: '2026-12-07', to: '2026-12-07' } });
    expect(parseAwayArgs(['off'], '2026-12-05')).toEqual({ ok: true, personId: null, period: null });
    expect(parseAwayArgs(['Dev', '2026-12-07', '2026-12-08'], '2026-12-05')).toEqual({ ok: true, personId: 'dev', period: { from: '2026-12-07', to: '2026-12-08' } });
    expect(parseAwayArgs(['2026-12-11', '2026-12-07'], '2026-12-05')).toEqual({ ok: false, message: 'The last day away (2026-12-07) is before the first (2026-12-11).' });
    expect(parseAwayArgs(['2026-11-01', '2026-11-02'], '2026-12-05')).toMatchObject({ ok: false, message: expect.stringContaining('all in the past') });
    expect(parseAwayArgs(['2026-02-30'], '2026-01-01')).toMatchObject({ ok: false });
    expect(parseAwayArgs([], '2026-01-01')).toMatchObject({ ok: false });
  });

  it("counts days on the council's clock: 23:30 UTC on a summer evening is already the next day in London", () => {
    const periods = [{ personId: 'dev', from: '2026-06-13', to: '2026-06-13' }];
    expect(isAwayAt(periods, 'dev', new Date('2026-06-12T23:30:00Z'), 'Europe/London')).toBe(true);
    expect(isAwayAt(periods, 'dev', new Date('2026-06-12T22:30:00Z'), 'Europe/London')).toBe(false);
    expect(isAwayAt(periods, 'hal', new Date('2026-06-12T23:30:00Z'), 'Europe/London')).toBe(false);
  });
});

describe('what a service officer sees', () => {
  it("shows an officer only their service's cases, and everyone else every case", () => {
    const ivy = person('ivy', 'Ivy Shaw', ['service_officer']);
    const unrelated = claimedByAna();
    const toWaste = run(claimedByAna(), [cmd.escalateToLead('waste'), ana]);
    const classifiedWaste = run(claimedByAna(), [cmd.classify('waste', 'complaint'), ana]);
    expect([unrelated, toWaste, classifiedWaste].map((c) => mayViewCase(policy, ivy, c))).toEqual([false, true, true]);
    expect(mayViewCase(policy, ana, unrelated)).toBe(true);
  });
});

describe("an escalation card's answers", () => {
  it("offers leadership its four answers, and a service its own (drafting only where the policy lets it reply)", () => {
    const labels = (e: Escalation) => escalationCardButtons(e, policy).map((b) => b.label);
    expect(labels(esc({ target: { type: 'leadership' } }))).toEqual(['Acknowledge', 'Agree the proposed line', 'Take it myself', 'Needs a statement', 'Ask for more', 'Decline']);
    expect(labels(esc())).toEqual(['Acknowledge', 'Answer for comms', 'Draft a reply myself', 'Pass to a colleague', 'Decline']);
    expect(labels(esc({ target: { type: 'service_lead', serviceTag: 'housing' } }))).toEqual(['Acknowledge', 'Answer for comms', 'Pass to a colleague', 'Decline']);
    expect(labels(esc({ status: 'acknowledged' }))).toEqual(['Answer for comms', 'Draft a reply myself', 'Pass to a colleague', 'Decline']);
    expect(labels(esc({ status: 'answered' }))).toEqual([]);
  });
});

describe("a surge's holding line", () => {
  const line = { topic: 'waste', text: 'Crews are out today.', agreedBy: 'Eve Grant', agreedAt: '2026-03-24T11:00:00.000Z', caseId: 'MD-1' };
  it("covers the topic's cases from the surge window before it was agreed until the policy's hours after", () => {
    expect(holdingLineCovers(policy, line, 'Waste', new Date('2026-03-24T10:31:00Z'))).toBe(true);
    expect(holdingLineCovers(policy, line, 'waste', new Date('2026-03-24T10:29:00Z'))).toBe(false);
    expect(holdingLineCovers(policy, line, 'waste', new Date('2026-03-25T10:59:00Z'))).toBe(true);
    expect(holdingLineCovers(policy, line, 'waste', new Date('2026-03-25T11:01:00Z'))).toBe(false);
    expect(holdingLineCovers(policy, line, 'parking', new Date('2026-03-24T11:00:00Z'))).toBe(false);
    expect(holdingLineInForce(policy, line, new Date('2026-03-25T10:00:00Z'))).toBe(true);
    expect(holdingLineInForce(policy, null, new Date('2026-03-25T10:00:00Z'))).toBe(false);
  });
});
