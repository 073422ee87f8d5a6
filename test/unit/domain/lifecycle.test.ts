// The case lifecycle: claim, release, reassign, wait, resume, close, reopen.
import { describe, expect, it } from 'vitest';
import { CLOSE_OUTCOMES } from '../../../src/domain/case.js';
import { evolveCase } from '../../../src/domain/evolve-case.js';
import {
  CASE_ID,
  NOW,
  RECEIVED_AT,
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
  formatTime,
  minutesAfter,
  openedCase,
  openedEvent,
  run,
  runWithEvents,
  sam,
  system,
} from '../../helpers/domain-builders.js';

describe('opening a case', () => {
  it('keeps the posting time it was opened with, and reads a case opened before posting times were kept', () => {
    const posted = new Date('2025-06-11T22:10:00Z');
    expect(openedCase({ postedAt: posted, postedAtAdjusted: null })).toMatchObject({ postedAt: posted.toISOString(), openedAt: RECEIVED_AT.toISOString() });
    const legacy = openedEvent();
    const { postedAt: _p, postedAtAdjusted: _a, postedOutOfHours: _o, ...oldData } = legacy.data;
    const old = evolveCase(null, { ...legacy, data: { ...oldData, receivedOutOfHours: true } as unknown as typeof legacy.data });
    expect(old).toMatchObject({ postedAt: RECEIVED_AT.toISOString(), postedAtAdjusted: null, postedOutOfHours: true });
  });

  it('opens a new, unowned case at version 1 from the case.opened event', () => {
    const c = openedCase({ risk: 'high', postedOutOfHours: true });
    expect(c).toEqual({
      id: CASE_ID,
      mentionId: 'mention-0001',
      network: 'x',
      authorKey: 'x:1234567',
      state: 'new',
      version: 1,
      openedAt: RECEIVED_AT.toISOString(),
      postedAt: RECEIVED_AT.toISOString(),
      postedAtAdjusted: null,
      postedOutOfHours: true,
      risk: 'high',
      owner: null,
      classification: null,
      escalations: [],
      replies: [],
      moderation: [],
      outcome: null,
      closedAt: null,
      deadlines: { firstResponse: '2025-06-13T09:32:00.000Z' },
    });
  });

  it('records the bot as the actor of case.opened, with no rule', () => {
    const e = openedEvent();
    expect(e).toMatchObject({ type: 'case.opened', caseId: CASE_ID, caseVersion: 1, at: RECEIVED_AT.toISOString(), rule: null });
    expect(e.actor).toEqual({ personId: 'system', name: 'Mention Desk', surface: 'system' });
  });

  it('copies the deadlines into the case, so a later change to the input does not move them', () => {
    const deadlines: Record<string, string> = { firstResponse: '2025-06-13T09:32:00.000Z' };
    const c = openedCase({ deadlines });
    deadlines.firstResponse = 'later';
    expect(c.deadlines.firstResponse).toBe('2025-06-13T09:32:00.000Z');
  });
});

describe('claim', () => {
  it('gives an unclaimed case to the officer who claims it', () => {
    const before = openedCase();
    const { event, case: after } = applyOne(before, cmd.claim, ana);
    expect(event).toEqual({
      type: 'case.claimed',
      caseId: CASE_ID,
      caseVersion: 2,
      at: NOW.toISOString(),
      actor: { personId: 'ana', name: 'Ana Patel', surface: 'slack' },
      rule: null,
      data: {},
    });
    expect(after.state).toBe('claimed');
    expect(after.owner).toEqual({ personId: 'ana', name: 'Ana Patel', since: NOW.toISOString() });
    expect(after.version).toBe(2);
  });

  it('lets a comms manager and customer services claim an unclaimed case', () => {
    expect(run(openedCase(), [cmd.claim, cara]).owner?.personId).toBe('cara');
    expect(run(openedCase(), [cmd.claim, sam]).owner?.personId).toBe('sam');
  });

  it('refuses a claim on a case someone else holds, naming them and when they claimed it', () => {
    expectRefused(claimedByAna(), cmd.claim, ben, {
      code: 'already_claimed',
      rule: 'lifecycle:single-owner',
      message: 'Already claimed by Ana Patel at 10:42',
    });
  });

  it('shows the claim time on the London clock in winter (GMT) as well as summer (BST)', () => {
    const january = new Date('2025-01-15T10:42:00.000Z');
    const c = run(openedCase({ receivedAt: new Date('2025-01-15T10:00:00.000Z') }), [cmd.claim, ana, { now: january }]);
    expectRefused(c, cmd.claim, ben, { code: 'already_claimed', rule: 'lifecycle:single-owner', message: 'Already claimed by Ana Patel at 10:42.' }, { now: minutesAfter(january, 5) });
    expect(formatTime('2025-06-12T09:42:00.000Z')).toBe('10:42');
    expect(formatTime('2025-01-15T09:42:00.000Z')).toBe('09:42');
  });

  it('refuses a claim by a comms manager too: taking a held case over is a reassign', () => {
    expectRefused(claimedByAna(), cmd.claim, cara, { code: 'already_claimed', rule: 'lifecycle:single-owner', message: 'Already claimed by Ana Patel' });
  });

  it('refuses a claim on a case the resident is being waited on, held by someone else', () => {
    const waiting = run(claimedByAna(), [cmd.wait(), ana]);
    expectRefused(waiting, cmd.claim, ben, { code: 'already_claimed', rule: 'lifecycle:single-owner', message: 'Already claimed by Ana Patel at 10:42' });
  });

  it('refuses to let you claim a case you already hold', () => {
    expectRefused(claimedByAna(), cmd.claim, ana, { code: 'already_claimed', rule: 'lifecycle:single-owner', message: 'You already hold this case (since 10:42)' });
  });

  it('refuses a claim on a closed case until it is reopened', () => {
    expectRefused(closedCase(), cmd.claim, ben, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'This case is closed (monitored); reopen it before you claim it' });
  });

  it('refuses a claim from someone whose role may not claim', () => {
    for (const who of [dev, eve]) {
      expectRefused(openedCase(), cmd.claim, who, {
        code: 'not_permitted',
        rule: 'permission:case.claim',
        message: 'Only comms officer or comms manager or customer services can do that (claim)',
      });
    }
  });
});

describe('release', () => {
  it('puts a case its owner releases back in the queue, unowned', () => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.release, ana);
    expect(event).toMatchObject({ type: 'case.released', caseVersion: 3, data: {}, rule: null });
    expect(after.state).toBe('new');
    expect(after.owner).toBeNull();
  });

  it('lets a comms manager release a case someone else holds', () => {
    expect(run(claimedByAna(), [cmd.release, cara]).owner).toBeNull();
  });

  it('releases a case that is waiting on the resident', () => {
    const after = run(claimedByAna(), [cmd.wait(), ana], [cmd.release, ana]);
    expect(after.state).toBe('new');
    expect(after.owner).toBeNull();
  });

  it('lets someone else claim a case once it has been released', () => {
    const after = run(claimedByAna(), [cmd.release, ana], [cmd.claim, ben]);
    expect(after.owner?.name).toBe('Ben Okafor');
  });

  it('refuses to release a case nobody holds', () => {
    expectRefused(openedCase(), cmd.release, ana, { code: 'wrong_state', rule: 'lifecycle:unclaimed', message: 'Nobody holds this case yet; claim it before you release it' });
  });

  it('refuses to release a closed case', () => {
    expectRefused(closedCase(), cmd.release, ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you release it' });
  });

  it("refuses to release a case someone else holds, unless you're a comms manager", () => {
    expectRefused(claimedByAna(), cmd.release, ben, {
      code: 'not_owner',
      rule: 'lifecycle:owner-only',
      message: 'Ana Patel holds this case; only they or a comms manager can release it',
    });
  });

  it('lets customer services release a case they hold', () => {
    expect(run(openedCase(), [cmd.claim, sam], [cmd.release, sam]).state).toBe('new');
  });

  it('refuses a release from a role that may not release', () => {
    for (const who of [dev, eve]) {
      expectRefused(claimedByAna(), cmd.release, who, {
        code: 'not_permitted',
        rule: 'permission:case.release',
        message: 'Only comms officer or comms manager or customer services can do that (release)',
      });
    }
  });
});

describe('reassign', () => {
  it('moves a held case to another person when a comms manager reassigns it', () => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.reassign(ben), cara);
    expect(event).toMatchObject({
      type: 'case.reassigned',
      caseVersion: 3,
      actor: { personId: 'cara', name: 'Cara Lee' },
      data: { toPersonId: 'ben', toName: 'Ben Okafor' },
    });
    expect(after.state).toBe('claimed');
    expect(after.owner).toEqual({ personId: 'ben', name: 'Ben Okafor', since: NOW.toISOString() });
  });

  it('assigns an unclaimed case straight to someone', () => {
    const after = run(openedCase(), [cmd.reassign(ben), cara]);
    expect(after.state).toBe('claimed');
    expect(after.owner?.personId).toBe('ben');
  });

  it('keeps a case that is waiting on the resident waiting when it is reassigned (its clocks stay paused)', () => {
    const waiting = run(claimedByAna(), [cmd.wait(), ana]);
    const after = run(waiting, [cmd.reassign(ben), cara]);
    expect(after.owner?.personId).toBe('ben');
    expect(after.state).toBe('waiting');
  });

  it('refuses a reassign from anyone but a comms manager', () => {
    for (const who of [ana, ben, dev, eve, sam]) {
      expectRefused(claimedByAna(), cmd.reassign(ben), who, { code: 'not_permitted', rule: 'permission:case.reassign', message: 'Only comms manager can do that (reassign)' });
    }
  });

  it('refuses to reassign a case to the person who already holds it', () => {
    expectRefused(claimedByAna(), cmd.reassign(ana), cara, { code: 'invalid', rule: 'lifecycle:single-owner', message: 'Ana Patel already holds this case' });
  });

  it('refuses to reassign a closed case', () => {
    expectRefused(closedCase(), cmd.reassign(ben), cara, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you reassign it' });
  });
});

describe('wait and resume', () => {
  it('puts a held case on hold, waiting on the resident, with the reason', () => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.wait('Asked for the address by DM'), ana);
    expect(event).toMatchObject({ type: 'case.waiting', data: { reason: 'Asked for the address by DM' } });
    expect(after.state).toBe('waiting');
    expect(after.owner?.personId).toBe('ana');
  });

  it('resumes a waiting case back to claimed, keeping its owner', () => {
    const waiting = run(claimedByAna(), [cmd.wait(), ana]);
    const { event, case: after } = applyOne(waiting, cmd.resume, ana);
    expect(event).toMatchObject({ type: 'case.resumed', data: {} });
    expect(after.state).toBe('claimed');
    expect(after.owner?.personId).toBe('ana');
  });

  it('lets a comms manager put on hold and resume a case someone else holds', () => {
    const after = run(claimedByAna(), [cmd.wait(), cara], [cmd.resume, cara]);
    expect(after.state).toBe('claimed');
  });

  it('refuses to wait on an unclaimed case', () => {
    expectRefused(openedCase(), cmd.wait(), ana, { code: 'wrong_state', rule: 'lifecycle:unclaimed', message: 'claim it before you wait on the resident' });
  });

  it('refuses to wait on a case that is already waiting', () => {
    const waiting = run(claimedByAna(), [cmd.wait(), ana]);
    expectRefused(waiting, cmd.wait(), ana, { code: 'wrong_state', rule: 'lifecycle:waiting', message: "You can't wait on the resident while the case is waiting" });
  });

  it('refuses to wait on a closed case', () => {
    expectRefused(closedCase(), cmd.wait(), ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you wait on the resident' });
  });

  it('refuses to put on hold a case someone else holds', () => {
    expectRefused(claimedByAna(), cmd.wait(), ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Ana Patel holds this case; only they or a comms manager can put it on hold' });
  });

  it('refuses a wait from a role that may not wait', () => {
    expectRefused(claimedByAna(), cmd.wait(), dev, { code: 'not_permitted', rule: 'permission:case.wait', message: 'Only comms officer or comms manager or customer services can do that (wait)' });
  });

  it('refuses to resume a case that is not waiting', () => {
    expectRefused(claimedByAna(), cmd.resume, ana, { code: 'wrong_state', rule: 'lifecycle:claimed', message: "You can't resume it while the case is claimed" });
    expectRefused(openedCase(), cmd.resume, ana, { code: 'wrong_state', rule: 'lifecycle:unclaimed', message: 'claim it before you resume it' });
    expectRefused(closedCase(), cmd.resume, ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you resume it' });
  });

  it('refuses to resume a case someone else holds', () => {
    const waiting = run(claimedByAna(), [cmd.wait(), ana]);
    expectRefused(waiting, cmd.resume, ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'only they or a comms manager can resume it' });
  });

  it('refuses a resume from a role that may not resume', () => {
    const waiting = run(claimedByAna(), [cmd.wait(), ana]);
    expectRefused(waiting, cmd.resume, eve, { code: 'not_permitted', rule: 'permission:case.resume', message: 'Only comms officer or comms manager or customer services can do that (resume)' });
  });
});

describe('close', () => {
  it.each(CLOSE_OUTCOMES.filter((o) => o !== 'replied'))('closes a held case as "%s" with the time and the note', (outcome) => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.close(outcome, 'Same as case 12'), ana);
    expect(event).toMatchObject({ type: 'case.closed', caseVersion: 3, data: { outcome, note: 'Same as case 12' } });
    expect(after.state).toBe('closed');
    expect(after.outcome).toBe(outcome);
    expect(after.closedAt).toBe(NOW.toISOString());
  });

  it('records a missing close note as null', () => {
    const events = acceptedEvents(decide(claimedByAna(), cmd.close('monitored'), ana));
    expect(events[0]?.data).toEqual({ outcome: 'monitored', note: null });
  });

  it('closes as "replied" once a reply has been sent', () => {
    const after = run(claimedByAna(), [cmd.reply(), ana], [cmd.replySent(), system], [cmd.close('replied'), ana]);
    expect(after.state).toBe('closed');
    expect(after.outcome).toBe('replied');
  });

  it('closes a case that is waiting on the resident', () => {
    expect(run(claimedByAna(), [cmd.wait(), ana], [cmd.close('monitored'), ana]).state).toBe('closed');
  });

  it('lets a comms manager close a case someone else holds, or one nobody holds', () => {
    expect(run(claimedByAna(), [cmd.close('duplicate'), cara]).state).toBe('closed');
    expect(run(openedCase(), [cmd.close('duplicate'), cara]).state).toBe('closed');
  });

  it('lets customer services close a case they hold', () => {
    expect(run(openedCase(), [cmd.claim, sam], [cmd.close('redirected'), sam]).outcome).toBe('redirected');
  });

  it('refuses to close a case that is already closed', () => {
    expectRefused(closedCase(), cmd.close('duplicate'), ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'This case is closed (monitored); reopen it before you close it again' });
  });

  it('refuses to close a case someone else holds', () => {
    expectRefused(claimedByAna(), cmd.close(), ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Ana Patel holds this case; only they or a comms manager can close it' });
  });

  it('refuses an officer closing a case nobody holds, telling them to claim it first', () => {
    expectRefused(openedCase(), cmd.close(), ana, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Nobody holds this case yet; claim it before you close it' });
  });

  it('refuses to close as "replied" when no reply has been sent', () => {
    const message = 'No reply has been sent on this case yet, so it cannot close as "replied"';
    expectRefused(claimedByAna(), cmd.close('replied'), ana, { code: 'invalid', rule: 'lifecycle:replied-needs-reply', message });
    const sending = run(claimedByAna(), [cmd.reply(), ana]);
    expectRefused(sending, cmd.close('replied'), ana, { code: 'invalid', rule: 'lifecycle:replied-needs-reply', message });
    const failed = run(sending, [cmd.replyFailed(), system]);
    expectRefused(failed, cmd.close('replied'), ana, { code: 'invalid', rule: 'lifecycle:replied-needs-reply', message });
    const awaiting = run(claimedByAna(), [cmd.reply('Held for sign-off', true), ana]);
    expectRefused(awaiting, cmd.close('replied'), cara, { code: 'invalid', rule: 'lifecycle:replied-needs-reply', message });
  });

  it('refuses a close from a role that may not close', () => {
    expectRefused(claimedByAna(), cmd.close(), dev, { code: 'not_permitted', rule: 'permission:case.close', message: 'Only comms officer or comms manager or customer services can do that (close)' });
  });
});

describe('reopen', () => {
  it('reopens a closed case into the queue, unowned, without its outcome, keeping its history', () => {
    const closed = run(claimedByAna(), [cmd.classify('waste', 'complaint'), ana], [cmd.close('monitored'), ana]);
    const { event, case: after } = applyOne(closed, cmd.reopen('Resident came back'), ben);
    expect(event).toMatchObject({ type: 'case.reopened', data: { reason: 'Resident came back' } });
    expect(after.state).toBe('new');
    expect(after.owner).toBeNull();
    expect(after.outcome).toBeNull();
    expect(after.closedAt).toBeNull();
    expect(after.classification).toEqual(closed.classification);
  });

  it('records a missing reopen reason as null', () => {
    expect(acceptedEvents(decide(closedCase(), cmd.reopen(), cara))[0]?.data).toEqual({ reason: null });
  });

  it('refuses to reopen a case that is not closed', () => {
    for (const c of [openedCase(), claimedByAna(), run(claimedByAna(), [cmd.wait(), ana])]) {
      expectRefused(c, cmd.reopen(), ana, { code: 'wrong_state', rule: 'lifecycle:open', message: 'This case is already open' });
    }
  });

  it('refuses a reopen from a role that may not reopen', () => {
    expectRefused(closedCase(), cmd.reopen(), sam, { code: 'not_permitted', rule: 'permission:case.reopen', message: 'Only comms officer or comms manager can do that (reopen)' });
  });
});

describe('versions', () => {
  it('bumps the version by exactly one per accepted command, each event carrying the new version', () => {
    const steps = [
      [cmd.claim, ana],
      [cmd.classify(), ana],
      [cmd.wait(), ana],
      [cmd.resume, ana],
      [cmd.reassign(ben), cara],
      [cmd.release, ben],
      [cmd.close('duplicate'), cara],
      [cmd.reopen(), ana],
    ] as const;
    let c = openedCase();
    for (const [command, actor] of steps) {
      const { events, case: after } = runWithEvents(c, [command, actor]);
      expect(events.map((e) => e.caseVersion)).toEqual(events.map(() => c.version + 1));
      expect(after.version).toBe(c.version + 1);
      c = after;
    }
    expect(c.version).toBe(1 + steps.length);
  });

  it('leaves the case untouched when a command is refused', () => {
    const c = claimedByAna();
    const snapshot = structuredClone(c);
    decide(c, cmd.claim, ben);
    expect(c).toEqual(snapshot);
  });

  it('stamps events with the context time and the surface the actor used', () => {
    const later = minutesAfter(NOW, 90);
    const events = acceptedEvents(decide(claimedByAna(), cmd.release, ana, { now: later }));
    expect(events[0]?.at).toBe(later.toISOString());
    const byTeams = acceptedEvents(decide(openedCase(), cmd.claim, ben));
    expect(byTeams[0]?.actor).toEqual({ personId: 'ben', name: 'Ben Okafor', surface: 'teams' });
  });
});
