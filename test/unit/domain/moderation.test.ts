// The moderation ladder (002 §6.3.3, 000 rules 1–4): request, approve or reject, the network's answer.
import { describe, expect, it } from 'vitest';
import { MODERATION_ACTIONS, type Case } from '../../../src/domain/case.js';
import {
  ana,
  applyOne,
  ben,
  cara,
  claimedByAna,
  closedCase,
  cmd,
  dev,
  eve,
  expectRefused,
  openedCase,
  run,
  sam,
  system,
} from '../../helpers/domain-builders.js';

/** Ana holds the case and asked for a block, held for a comms manager (mod-1). */
function blockAwaitingApproval(): Case {
  return run(claimedByAna(), [cmd.moderate('block', true, 'house:hate-speech'), ana]);
}

describe('request a moderation action', () => {
  it('records a hide that needs no sign-off as approved at once, citing the house rule', () => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.moderate('hide', false, 'house:unrelated'), ana);
    expect(event).toMatchObject({
      type: 'case.moderation.requested',
      caseVersion: 3,
      rule: 'house:unrelated',
      data: { moderationId: 'mod-1', action: 'hide', ruleId: 'house:unrelated', awaitingApproval: false, note: null },
    });
    expect(after.moderation).toEqual([
      { id: 'mod-1', action: 'hide', ruleId: 'house:unrelated', status: 'approved', requestedBy: 'Ana Patel', decidedBy: null, note: null },
    ]);
  });

  it('holds a block for sign-off, with its note', () => {
    const after = run(claimedByAna(), [cmd.moderate('block', true, 'house:abuse', 'Third abusive post this week'), ana]);
    expect(after.moderation[0]).toMatchObject({ id: 'mod-1', action: 'block', status: 'awaiting_approval', note: 'Third abusive post this week' });
  });

  it.each(MODERATION_ACTIONS)('accepts a request to %s', (action) => {
    expect(run(claimedByAna(), [cmd.moderate(action, true), ana]).moderation[0]?.action).toBe(action);
  });

  it('numbers requests in order and allows different actions side by side', () => {
    const after = run(claimedByAna(), [cmd.moderate('hide'), ana], [cmd.moderate('warn', true), ana], [cmd.moderate('block', true), ana]);
    expect(after.moderation.map((m) => [m.id, m.action, m.status])).toEqual([
      ['mod-1', 'hide', 'approved'],
      ['mod-2', 'warn', 'awaiting_approval'],
      ['mod-3', 'block', 'awaiting_approval'],
    ]);
  });

  it('allows the same action again once the earlier one is done, rejected or failed', () => {
    const done = run(claimedByAna(), [cmd.moderate('hide'), ana], [cmd.moderationDone(), system]);
    expect(run(done, [cmd.moderate('hide'), ana]).moderation).toHaveLength(2);
    const rejected = run(blockAwaitingApproval(), [cmd.rejectModeration(), cara]);
    expect(run(rejected, [cmd.moderate('block', true), ana]).moderation).toHaveLength(2);
    const failed = run(claimedByAna(), [cmd.moderate('delete'), ana], [cmd.moderationFailed(), system]);
    expect(run(failed, [cmd.moderate('delete'), ana]).moderation).toHaveLength(2);
  });

  it('lets a comms manager moderate a case someone else holds, and the holder moderate a waiting case', () => {
    expect(run(claimedByAna(), [cmd.moderate(), cara]).moderation[0]?.requestedBy).toBe('Cara Lee');
    expect(run(claimedByAna(), [cmd.wait(), ana], [cmd.moderate(), ana]).moderation).toHaveLength(1);
  });

  it('refuses a moderation action that names no house rule', () => {
    expectRefused(claimedByAna(), cmd.moderate('hide', false, ''), ana, {
      code: 'invalid',
      rule: 'moderation:rule',
      message: 'Choose the house rule this breaks',
    });
  });

  it('refuses a second request for an action already under way', () => {
    expectRefused(blockAwaitingApproval(), cmd.moderate('block', true), ana, {
      code: 'invalid',
      rule: 'moderation:one-pending',
      message: 'A block is already under way on this case (mod-1, awaiting approval)',
    });
    const hidden = run(claimedByAna(), [cmd.moderate('hide'), ana]);
    expectRefused(hidden, cmd.moderate('hide'), ana, { code: 'invalid', rule: 'moderation:one-pending', message: 'A hide is already under way on this case (mod-1, approved)' });
  });

  it('refuses to moderate a case nobody holds', () => {
    expectRefused(openedCase(), cmd.moderate(), ana, { code: 'wrong_state', rule: 'lifecycle:unclaimed', message: 'claim it before you moderate it' });
  });

  it('refuses to moderate a closed case', () => {
    expectRefused(closedCase(), cmd.moderate(), ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'reopen it before you moderate it' });
  });

  it('refuses to moderate a case someone else holds', () => {
    expectRefused(claimedByAna(), cmd.moderate(), ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Ana Patel holds this case; only they or a comms manager can moderate it' });
  });

  it('refuses a moderation request from a role that may not moderate', () => {
    for (const who of [sam, dev, eve]) {
      expectRefused(claimedByAna(), cmd.moderate(), who, { code: 'not_permitted', rule: 'permission:case.moderate', message: 'Only comms officer or comms manager can do that (moderate)' });
    }
  });
});

describe('approve or reject a moderation action', () => {
  it('lets a comms manager approve a block, recording who decided', () => {
    const { event, case: after } = applyOne(blockAwaitingApproval(), cmd.approveModeration(), cara);
    expect(event).toMatchObject({ type: 'case.moderation.approved', caseVersion: 4, rule: 'house:hate-speech', data: { moderationId: 'mod-1' } });
    expect(after.moderation[0]).toMatchObject({ status: 'approved', decidedBy: 'Cara Lee' });
  });

  it('lets a comms manager approve a warning', () => {
    const c = run(claimedByAna(), [cmd.moderate('warn', true), ana], [cmd.approveModeration(), cara]);
    expect(c.moderation[0]?.status).toBe('approved');
  });

  it('lets a comms manager reject a request, keeping the reason', () => {
    const { event, case: after } = applyOne(blockAwaitingApproval(), cmd.rejectModeration('mod-1', 'Warn first'), cara);
    expect(event).toMatchObject({ type: 'case.moderation.rejected', rule: 'house:hate-speech', data: { moderationId: 'mod-1', reason: 'Warn first' } });
    expect(after.moderation[0]).toMatchObject({ status: 'rejected', decidedBy: 'Cara Lee', note: 'Warn first' });
  });

  it('lets leadership approve or reject lifting a block (decided with the Chief Executive)', () => {
    const unblock = run(claimedByAna(), [cmd.moderate('unblock', true, 'house:appeal'), ana]);
    expect(run(unblock, [cmd.approveModeration(), eve]).moderation[0]).toMatchObject({ status: 'approved', decidedBy: 'Eve Grant' });
    expect(run(unblock, [cmd.rejectModeration(), eve]).moderation[0]?.status).toBe('rejected');
  });

  it('lets the bot record a verdict given elsewhere', () => {
    expect(run(blockAwaitingApproval(), [cmd.approveModeration(), system]).moderation[0]).toMatchObject({ status: 'approved', decidedBy: 'Mention Desk' });
  });

  it('refuses approval by anyone but a manager or leadership', () => {
    for (const who of [ana, ben, sam, dev]) {
      expectRefused(blockAwaitingApproval(), cmd.approveModeration(), who, {
        code: 'not_permitted',
        rule: 'permission:case.moderation.approve',
        message: 'Only comms manager or leadership can do that (moderation approve)',
      });
      expectRefused(blockAwaitingApproval(), cmd.rejectModeration(), who, {
        code: 'not_permitted',
        rule: 'permission:case.moderation.reject',
        message: 'Only comms manager or leadership can do that (moderation reject)',
      });
    }
  });

  it('refuses leadership approving a block or warning: that sign-off is the comms manager’s', () => {
    expectRefused(blockAwaitingApproval(), cmd.approveModeration(), eve, { code: 'not_permitted', rule: 'moderation:approver', message: 'Only a comms manager can approve a block' });
    const warn = run(claimedByAna(), [cmd.moderate('warn', true), ana]);
    expectRefused(warn, cmd.rejectModeration(), eve, { code: 'not_permitted', rule: 'moderation:approver', message: 'Only a comms manager can approve a warn' });
  });

  it('refuses a comms manager approving the lifting of a block: that needs leadership', () => {
    const unblock = run(claimedByAna(), [cmd.moderate('unblock', true, 'house:appeal'), ana]);
    expectRefused(unblock, cmd.approveModeration(), cara, {
      code: 'not_permitted',
      rule: 'moderation:unblock-approver',
      message: 'Lifting a block is decided with the Chief Executive: only leadership can approve it',
    });
  });

  it('refuses a verdict on a request that is no longer awaiting approval', () => {
    const approved = run(blockAwaitingApproval(), [cmd.approveModeration(), cara]);
    expectRefused(approved, cmd.approveModeration(), cara, { code: 'wrong_state', rule: 'moderation:awaiting-approval', message: 'That request was already approved' });
    const rejected = run(blockAwaitingApproval(), [cmd.rejectModeration(), cara]);
    expectRefused(rejected, cmd.approveModeration(), cara, { code: 'wrong_state', rule: 'moderation:awaiting-approval', message: 'That request was already rejected' });
    const hidden = run(claimedByAna(), [cmd.moderate('hide'), ana]);
    expectRefused(hidden, cmd.rejectModeration(), cara, { code: 'wrong_state', rule: 'moderation:awaiting-approval', message: 'already approved' });
  });

  it('refuses a verdict on a request that does not exist', () => {
    expectRefused(blockAwaitingApproval(), cmd.approveModeration('mod-4'), cara, { code: 'not_found', rule: 'moderation:exists', message: 'There is no moderation request mod-4 on this case' });
  });
});

describe("the network's answer to a moderation action", () => {
  it('marks an approved action done', () => {
    const approved = run(blockAwaitingApproval(), [cmd.approveModeration(), cara]);
    const { event, case: after } = applyOne(approved, cmd.moderationDone(), system);
    expect(event).toMatchObject({ type: 'case.moderation.done', rule: 'house:hate-speech', actor: { personId: 'system' }, data: { moderationId: 'mod-1' } });
    expect(after.moderation[0]).toMatchObject({ status: 'done', decidedBy: 'Cara Lee' });
  });

  it('marks an approved action failed with the error', () => {
    const hidden = run(claimedByAna(), [cmd.moderate('hide'), ana]);
    const { event, case: after } = applyOne(hidden, cmd.moderationFailed('mod-1', 'Token expired'), system);
    expect(event).toMatchObject({ type: 'case.moderation.failed', data: { moderationId: 'mod-1', error: 'Token expired' } });
    expect(after.moderation[0]).toMatchObject({ status: 'failed', note: 'Token expired' });
  });

  it('refuses an outcome on an action that was not approved', () => {
    expectRefused(blockAwaitingApproval(), cmd.moderationDone(), system, { code: 'wrong_state', rule: 'moderation:approved', message: 'Moderation mod-1 is awaiting_approval, not approved' });
    const rejected = run(blockAwaitingApproval(), [cmd.rejectModeration(), cara]);
    expectRefused(rejected, cmd.moderationFailed(), system, { code: 'wrong_state', rule: 'moderation:approved', message: 'Moderation mod-1 is rejected, not approved' });
    const done = run(claimedByAna(), [cmd.moderate('hide'), ana], [cmd.moderationDone(), system]);
    expectRefused(done, cmd.moderationDone(), system, { code: 'wrong_state', rule: 'moderation:approved', message: 'is done, not approved' });
  });

  it('refuses an outcome on an action that does not exist', () => {
    expectRefused(claimedByAna(), cmd.moderationDone('mod-1'), system, { code: 'not_found', rule: 'moderation:exists', message: 'There is no moderation request mod-1' });
  });

  it('refuses an outcome reported by a person: only the bot reports what the network did', () => {
    const hidden = run(claimedByAna(), [cmd.moderate('hide'), ana]);
    for (const who of [ana, cara, eve]) {
      expectRefused(hidden, cmd.moderationDone(), who, { code: 'not_permitted', rule: 'permission:case.moderation.done', message: 'Only the bot can do that (moderation done)' });
      expectRefused(hidden, cmd.moderationFailed(), who, { code: 'not_permitted', rule: 'permission:case.moderation.failed', message: 'Only the bot can do that (moderation failed)' });
    }
  });
});
