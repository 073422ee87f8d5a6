// Routing a case: classify it, escalate it (to a service lead or to leadership), and the answer.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import {
  NOW,
  acceptedEvents,
  ana,
  applyOne,
  ben,
  cara,
  claimedByAna,
  closedCase,
  cmd,
  decide,
  dev,
  eve,
  expectRefused,
  openedCase,
  person,
  run,
  sam,
  system,
} from '../../helpers/domain-builders.js';

/** Ana holds the case and has escalated it to the waste service lead (esc-1). */
function escalatedToWaste(): Case {
  return run(claimedByAna(), [cmd.escalateToLead('waste'), ana]);
}

/** Ana holds the case and has escalated it to leadership (esc-1). */
function escalatedToLeadership(): Case {
  return run(claimedByAna(), [cmd.escalateToLeadership(), ana]);
}

describe('classify', () => {
  it('tags an unclaimed case with its service and kind, with no note', () => {
    const { event, case: after } = applyOne(openedCase(), cmd.classify('waste', 'complaint'), ana);
    expect(event).toMatchObject({ type: 'case.classified', caseVersion: 2, data: { serviceTag: 'waste', kind: 'complaint', note: null } });
    expect(after.classification).toEqual({ serviceTag: 'waste', kind: 'complaint', note: null });
    expect(after.state).toBe('new');
    expect(after.owner).toBeNull();
  });

  it('keeps the note given with a classification', () => {
    const after = run(openedCase(), [cmd.classify('council_tax', 'question', 'Asks about single-person discount'), ana]);
    expect(after.classification).toEqual({ serviceTag: 'council_tax', kind: 'question', note: 'Asks about single-person discount' });
  });

  it('replaces an earlier classification when the case is classified again', () => {
    const after = run(claimedByAna(), [cmd.classify('waste', 'comment'), ana], [cmd.classify('parking', 'complaint'), ana]);
    expect(after.classification).toEqual({ serviceTag: 'parking', kind: 'complaint', note: null });
    expect(after.version).toBe(4);
  });

  it('lets customer services classify, and the holder or a comms manager classify a held case', () => {
    expect(run(openedCase(), [cmd.classify(), sam]).classification?.serviceTag).toBe('waste');
    expect(run(claimedByAna(), [cmd.classify(), ana]).classification?.kind).toBe('service_request');
    expect(run(claimedByAna(), [cmd.classify(), cara]).classification?.kind).toBe('service_request');
  });

  it('refuses to classify a case someone else holds', () => {
    expectRefused(claimedByAna(), cmd.classify(), ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Ana Patel holds this case; only they or a comms manager can classify it' });
  });

  it('refuses to classify a closed case', () => {
    expectRefused(closedCase(), cmd.classify(), ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you classify it' });
  });

  it('refuses a classification from a role that may not classify', () => {
    for (const who of [dev, eve]) {
      expectRefused(openedCase(), cmd.classify(), who, {
        code: 'not_permitted',
        rule: 'permission:case.classify',
        message: 'Only comms officer or comms manager or customer services can do that (classify)',
      });
    }
  });
});

describe('escalate', () => {
  it('escalates a held case to a service lead with the reason, pending an answer', () => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.escalateToLead('waste', '  Missed bins, third week  '), ana);
    expect(event).toMatchObject({
      type: 'case.escalated',
      caseVersion: 3,
      data: { escalationId: 'esc-1', target: { type: 'service_lead', serviceTag: 'waste' }, reason: 'Missed bins, third week' },
    });
    expect(after.escalations).toEqual([
      {
        id: 'esc-1',
        target: { type: 'service_lead', serviceTag: 'waste' },
        reason: 'Missed bins, third week',
        status: 'pending',
        raisedBy: 'Ana Patel',
        raisedAt: NOW.toISOString(),
        answeredBy: null,
        answer: null,
      },
    ]);
    expect(after.state).toBe('claimed');
    expect(after.owner?.personId).toBe('ana');
  });

  it('escalates to leadership', () => {
    const after = escalatedToLeadership();
    expect(after.escalations[0]).toMatchObject({ id: 'esc-1', target: { type: 'leadership' }, status: 'pending' });
  });

  it('numbers escalations in order and allows one pending per target', () => {
    const after = run(
      claimedByAna(),
      [cmd.escalateToLead('waste'), ana],
      [cmd.escalateToLead('parking'), ana],
      [cmd.escalateToLeadership(), ana],
    );
    expect(after.escalations.map((e) => e.id)).toEqual(['esc-1', 'esc-2', 'esc-3']);
    expect(after.escalations.every((e) => e.status === 'pending')).toBe(true);
  });

  it('lets a case be escalated to the same target again once the first escalation is answered', () => {
    const after = run(escalatedToWaste(), [cmd.decline('esc-1'), dev], [cmd.escalateToLead('waste', 'More detail this time'), ana]);
    expect(after.escalations.map((e) => [e.id, e.status])).toEqual([
      ['esc-1', 'declined'],
      ['esc-2', 'pending'],
    ]);
  });

  it('lets a comms manager escalate a case someone else holds, and escalate a waiting case', () => {
    expect(run(claimedByAna(), [cmd.escalateToLeadership(), cara]).escalations).toHaveLength(1);
    expect(run(claimedByAna(), [cmd.wait(), ana], [cmd.escalateToLead(), ana]).escalations).toHaveLength(1);
  });

  it('refuses an escalation without a reason', () => {
    for (const reason of ['', '   \n']) {
      expectRefused(claimedByAna(), cmd.escalateToLead('waste', reason), ana, {
        code: 'invalid',
        rule: 'escalation:reason',
        message: 'Say why you are escalating',
      });
    }
  });

  it('refuses a second escalation to a target that has not answered the first', () => {
    expectRefused(escalatedToWaste(), cmd.escalateToLead('waste', 'Chasing'), ana, {
      code: 'invalid',
      rule: 'escalation:one-pending',
      message: 'This case is already escalated there (esc-1) and waiting for an answer',
    });
    expectRefused(escalatedToLeadership(), cmd.escalateToLeadership('Chasing'), cara, {
      code: 'invalid',
      rule: 'escalation:one-pending',
      message: 'already escalated there (esc-1)',
    });
  });

  it('refuses to escalate a case someone else holds', () => {
    expectRefused(claimedByAna(), cmd.escalateToLead(), ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Ana Patel holds this case; only they or a comms manager can escalate it' });
  });

  it('refuses an officer escalating a case nobody holds, telling them to claim it first', () => {
    expectRefused(openedCase(), cmd.escalateToLead(), ana, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Nobody holds this case yet; claim it before you escalate it' });
  });

  it('refuses to escalate a closed case', () => {
    expectRefused(closedCase(), cmd.escalateToLeadership(), ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you escalate it' });
  });

  it('lets customer services escalate a case they hold (a resident needing a service, 001 matrix)', () => {
    expect(run(openedCase(), [cmd.claim, sam], [cmd.escalateToLead(), sam]).escalations[0]?.raisedBy).toBe('Sam Reid');
  });

  it('refuses an escalation from a role that may not escalate', () => {
    for (const who of [dev, eve]) {
      expectRefused(claimedByAna(), cmd.escalateToLead(), who, {
        code: 'not_permitted',
        rule: 'permission:case.escalate',
        message: 'Only comms officer or comms manager or customer services can do that (escalate)',
      });
    }
  });
});

describe('acknowledge an escalation', () => {
  it("lets the service's lead acknowledge it, with a note", () => {
    const { event, case: after } = applyOne(escalatedToWaste(), cmd.acknowledge('esc-1', 'I will reply to them myself today'), dev);
    expect(event).toMatchObject({
      type: 'case.escalation.acknowledged',
      caseVersion: 4,
      actor: { personId: 'dev', name: 'Dev Shah' },
      data: { escalationId: 'esc-1', note: 'I will reply to them myself today' },
    });
    expect(after.escalations[0]).toMatchObject({ status: 'acknowledged', answeredBy: 'Dev Shah', answer: 'I will reply to them myself today' });
    expect(after.owner?.personId).toBe('ana');
    expect(after.state).toBe('claimed');
  });

  it('records a missing acknowledgement note as null', () => {
    expect(acceptedEvents(decide(escalatedToWaste(), cmd.acknowledge('esc-1'), dev))[0]?.data).toEqual({ escalationId: 'esc-1', note: null });
  });

  it('lets leadership acknowledge a leadership escalation', () => {
    const after = run(escalatedToLeadership(), [cmd.acknowledge(), eve]);
    expect(after.escalations[0]).toMatchObject({ status: 'acknowledged', answeredBy: 'Eve Grant', answer: null });
  });

  it('lets a comms manager who also leads the service answer its escalation', () => {
    const managerAndLead = person('dev', 'Dev Shah', ['comms_manager']);
    expect(run(escalatedToWaste(), [cmd.acknowledge(), managerAndLead]).escalations[0]?.status).toBe('acknowledged');
  });

  it('answers only the escalation named, leaving the others pending', () => {
    const c = run(claimedByAna(), [cmd.escalateToLead('waste'), ana], [cmd.escalateToLeadership(), ana], [cmd.acknowledge('esc-2'), eve]);
    expect(c.escalations.map((e) => e.status)).toEqual(['pending', 'acknowledged']);
  });

  it('refuses to answer an escalation that does not exist', () => {
    expectRefused(escalatedToWaste(), cmd.acknowledge('esc-9'), dev, { code: 'not_found', rule: 'escalation:exists', message: 'There is no escalation esc-9 on this case' });
  });

  it('refuses to answer an escalation that was already answered, saying by whom', () => {
    const acknowledged = run(escalatedToWaste(), [cmd.acknowledge(), dev]);
    expectRefused(acknowledged, cmd.acknowledge(), dev, { code: 'wrong_state', rule: 'escalation:pending', message: 'This escalation was already acknowledged by Dev Shah' });
    // Acknowledged is "on it", not an answer: a decline may still follow; once answered, nothing more.
    const answered = run(acknowledged, [{ type: 'case.escalation.answer', escalationId: 'esc-1', facts: 'Crew missed Elm Road', proposedReply: null }, dev]);
    expectRefused(answered, cmd.decline(), dev, { code: 'wrong_state', rule: 'escalation:pending', message: 'already answered by Dev Shah' });
  });

  it("refuses a service lead answering a leadership escalation", () => {
    expectRefused(escalatedToLeadership(), cmd.acknowledge(), dev, { code: 'not_permitted', rule: 'escalation:target', message: 'Only leadership can answer a leadership escalation' });
  });

  it("refuses leadership, a comms manager or another service's lead answering a service-lead escalation", () => {
    const parkingLead = person('pat', 'Pat Kaur', ['service_lead']);
    for (const who of [eve, cara, parkingLead]) {
      expectRefused(escalatedToWaste(), cmd.acknowledge(), who, { code: 'not_permitted', rule: 'escalation:target', message: 'Only the waste service lead can answer this escalation' });
    }
  });

  it('refuses an acknowledgement from a role that may not answer escalations', () => {
    for (const who of [ana, sam]) {
      expectRefused(escalatedToWaste(), cmd.acknowledge(), who, {
        code: 'not_permitted',
        rule: 'permission:case.escalation.acknowledge',
        message: 'Only service lead or service officer or leadership or safeguarding lead or comms manager can do that (escalation acknowledge)',
      });
    }
  });

  it('lets the bot record an answer on behalf of the target', () => {
    expect(run(escalatedToWaste(), [cmd.acknowledge(), system]).escalations[0]?.answeredBy).toBe('Mention Desk');
  });
});

describe('decline an escalation', () => {
  it('lets the target decline with a reason, which becomes the answer', () => {
    const { event, case: after } = applyOne(escalatedToWaste(), cmd.decline('esc-1', '  Highways, not waste  '), dev);
    expect(event).toMatchObject({ type: 'case.escalation.declined', data: { escalationId: 'esc-1', reason: 'Highways, not waste' } });
    expect(after.escalations[0]).toMatchObject({ status: 'declined', answeredBy: 'Dev Shah', answer: 'Highways, not waste' });
  });

  it('lets leadership decline a leadership escalation', () => {
    expect(run(escalatedToLeadership(), [cmd.decline('esc-1', 'Comms can handle this'), eve]).escalations[0]?.status).toBe('declined');
  });

  it('refuses a decline without a reason', () => {
    for (const reason of ['', '  ']) {
      expectRefused(escalatedToWaste(), cmd.decline('esc-1', reason), dev, {
        code: 'invalid',
        rule: 'escalation:decline-reason',
        message: 'Say why you are declining',
      });
    }
  });

  it('refuses to decline an escalation already declined', () => {
    const declined = run(escalatedToWaste(), [cmd.decline(), dev]);
    expectRefused(declined, cmd.decline(), dev, { code: 'wrong_state', rule: 'escalation:pending', message: 'already declined by Dev Shah' });
  });

  it('refuses to decline an escalation that does not exist', () => {
    expectRefused(claimedByAna(), cmd.decline('esc-1'), dev, { code: 'not_found', rule: 'escalation:exists', message: 'There is no escalation esc-1' });
  });

  it('refuses a decline from someone the escalation is not for', () => {
    expectRefused(escalatedToLeadership(), cmd.decline(), dev, { code: 'not_permitted', rule: 'escalation:target', message: 'Only leadership can answer' });
    expectRefused(escalatedToWaste(), cmd.decline(), eve, { code: 'not_permitted', rule: 'escalation:target', message: 'Only the waste service lead' });
  });

  it('refuses a decline from a role that may not answer escalations', () => {
    expectRefused(escalatedToWaste(), cmd.decline(), ben, {
      code: 'not_permitted',
      rule: 'permission:case.escalation.decline',
      message: 'Only service lead or service officer or leadership or safeguarding lead or comms manager can do that (escalation decline)',
    });
  });
});
