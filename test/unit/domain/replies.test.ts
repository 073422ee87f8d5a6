// Replies: submitting the text to send, sign-off when held for approval, and the network's answer.
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import {
  DEFAULT_PERMISSIONS,
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
  run,
  sam,
  system,
} from '../../helpers/domain-builders.js';

const TEXT = 'Thanks for letting us know. You can report a missed bin at https://example.gov.uk/bins ^AP';

/** Ana holds the case and has submitted a reply held for sign-off (rep-1). */
function awaitingApproval(): Case {
  return run(claimedByAna(), [cmd.reply('Our position on the new scheme is...', true), ana]);
}

/** Ana holds the case and has submitted a reply that goes straight out (rep-1, sending). */
function sending(): Case {
  return run(claimedByAna(), [cmd.reply(TEXT), ana]);
}

describe('submit a reply', () => {
  it('records the text to send and hands it to the bot to send', () => {
    const { event, case: after } = applyOne(claimedByAna(), cmd.reply(TEXT), ana);
    expect(event).toMatchObject({
      type: 'case.reply.requested',
      caseVersion: 3,
      rule: null,
      data: { replyId: 'rep-1', text: TEXT, visibility: 'public', awaitingApproval: false },
    });
    expect(after.replies).toEqual([
      { id: 'rep-1', text: TEXT, visibility: 'public', status: 'sending', by: 'Ana Patel', at: event.at, formKey: null, networkReplyId: null, error: null },
    ]);
    expect(after.state).toBe('claimed');
  });

  it('holds a reply that needs sign-off until it is approved', () => {
    const after = awaitingApproval();
    expect(after.replies[0]).toMatchObject({ id: 'rep-1', status: 'awaiting_approval' });
  });

  it('keeps a private reply private', () => {
    const after = run(claimedByAna(), [{ type: 'case.reply.submit', text: 'Please send us your address', visibility: 'private' }, ana]);
    expect(after.replies[0]?.visibility).toBe('private');
  });

  it('numbers replies in order', () => {
    const after = run(sending(), [cmd.reply('A follow-up ^AP'), ana]);
    expect(after.replies.map((r) => r.id)).toEqual(['rep-1', 'rep-2']);
  });

  it('lets the holder reply while the case waits on the resident, without resuming it', () => {
    const after = run(claimedByAna(), [cmd.wait(), ana], [cmd.reply(), ana]);
    expect(after.replies).toHaveLength(1);
    expect(after.state).toBe('waiting');
  });

  it('lets a comms manager reply on a case someone else holds, and customer services reply on their own', () => {
    expect(run(claimedByAna(), [cmd.reply(), cara]).replies[0]?.by).toBe('Cara Lee');
    expect(run(openedCase(), [cmd.claim, sam], [cmd.reply(), sam]).replies[0]?.by).toBe('Sam Reid');
  });

  it('refuses an empty reply', () => {
    for (const text of ['', '  \n\t ']) {
      expectRefused(claimedByAna(), cmd.reply(text), ana, { code: 'invalid', rule: 'reply:text', message: 'The reply is empty' });
    }
  });

  it('refuses a reply on a case nobody holds', () => {
    expectRefused(openedCase(), cmd.reply(), ana, { code: 'wrong_state', rule: 'lifecycle:unclaimed', message: 'Nobody holds this case yet; claim it before you reply' });
  });

  it('refuses a reply on a closed case', () => {
    expectRefused(closedCase(), cmd.reply(), ana, { code: 'wrong_state', rule: 'lifecycle:closed', message: 'This case is closed (monitored); reopen it before you reply' });
  });

  it('refuses a reply on a case someone else holds', () => {
    expectRefused(claimedByAna(), cmd.reply(), ben, { code: 'not_owner', rule: 'lifecycle:owner-only', message: 'Ana Patel holds this case; only they or a comms manager can reply' });
  });

  it('refuses a reply from a role that may not reply', () => {
    for (const who of [dev, eve]) {
      expectRefused(claimedByAna(), cmd.reply(), who, {
        code: 'not_permitted',
        rule: 'permission:case.reply.submit',
        message: 'Only comms officer or comms manager or customer services can do that (reply submit)',
      });
    }
  });
});

describe('approve a reply', () => {
  it('lets a comms manager sign off a held reply, which then goes to the bot to send', () => {
    const { event, case: after } = applyOne(awaitingApproval(), cmd.approveReply('rep-1'), cara);
    expect(event).toMatchObject({ type: 'case.reply.approved', caseVersion: 4, actor: { personId: 'cara' }, data: { replyId: 'rep-1' } });
    expect(after.replies[0]?.status).toBe('sending');
  });

  it('refuses approval by anyone but a comms manager, including the officer who wrote the reply', () => {
    // Officers may sign off a service's draft (issue 18), never a pre-election reply: the core says so.
    for (const who of [ana, ben]) {
      expectRefused(awaitingApproval(), cmd.approveReply(), who, { code: 'not_permitted', rule: 'permission:case.reply.approve', message: 'Only a comms manager can approve a reply.' });
    }
    for (const who of [eve, sam]) {
      expectRefused(awaitingApproval(), cmd.approveReply(), who, {
        code: 'not_permitted',
        rule: 'permission:case.reply.approve',
        message: 'Only comms manager or comms officer can do that (reply approve)',
      });
    }
  });

  it('refuses approval by a non-manager even where a council’s table lets them: sign-off is the comms manager’s (004 §2)', () => {
    const permissions = { ...DEFAULT_PERMISSIONS, 'case.reply.approve': ['comms_manager', 'leadership'] as const };
    expectRefused(awaitingApproval(), cmd.approveReply(), eve, { code: 'not_permitted', rule: 'permission:case.reply.approve', message: 'Only a comms manager can approve a reply' }, { permissions });
  });

  it('refuses to approve a reply that is not waiting for approval', () => {
    expectRefused(sending(), cmd.approveReply(), cara, { code: 'wrong_state', rule: 'reply:awaiting-approval', message: 'That reply is not waiting for approval (it is sending)' });
    const approved = run(awaitingApproval(), [cmd.approveReply(), cara]);
    expectRefused(approved, cmd.approveReply(), cara, { code: 'wrong_state', rule: 'reply:awaiting-approval', message: 'it is sending' });
  });

  it('refuses to approve a reply that does not exist', () => {
    expectRefused(awaitingApproval(), cmd.approveReply('rep-7'), cara, { code: 'not_found', rule: 'reply:exists', message: 'There is no reply rep-7 on this case' });
  });
});

describe('send a held reply back', () => {
  const reject = (reason = 'Too close to a party line: say only what the service is doing') => ({ type: 'case.reply.reject' as const, replyId: 'rep-1', reason });

  it('lets a comms manager send a held reply back with a reason, and nothing goes out', () => {
    const { event, case: after } = applyOne(awaitingApproval(), reject(), cara);
    expect(event).toMatchObject({ type: 'case.reply.rejected', data: { replyId: 'rep-1', reason: 'Too close to a party line: say only what the service is doing' } });
    expect(after.replies[0]).toMatchObject({ status: 'rejected', error: 'Too close to a party line: say only what the service is doing' });
  });

  it('refuses it to an officer, and without a reason', () => {
    expectRefused(awaitingApproval(), reject(), ana, { code: 'not_permitted', rule: 'permission:case.reply.reject', message: 'Only a comms manager can send back a reply.' });
    expectRefused(awaitingApproval(), reject(' '), cara, { code: 'invalid', rule: 'reply:reject-reason', message: 'Say why' });
  });
});

describe("the network's answer to a reply", () => {
  it('marks a reply sent with the id the network gave it', () => {
    const { event, case: after } = applyOne(sending(), cmd.replySent('rep-1', 'x-1789'), system);
    expect(event).toMatchObject({
      type: 'case.reply.sent',
      actor: { personId: 'system', surface: 'system' },
      data: { replyId: 'rep-1', networkReplyId: 'x-1789' },
    });
    expect(after.replies[0]).toMatchObject({ status: 'sent', networkReplyId: 'x-1789', error: null });
  });

  it('marks a reply failed with the error', () => {
    const { event, case: after } = applyOne(sending(), cmd.replyFailed('rep-1', '403 Forbidden'), system);
    expect(event).toMatchObject({ type: 'case.reply.failed', data: { replyId: 'rep-1', error: '403 Forbidden' } });
    expect(after.replies[0]).toMatchObject({ status: 'failed', error: '403 Forbidden', networkReplyId: null });
  });

  it('accepts the send result of an approved reply', () => {
    expect(run(awaitingApproval(), [cmd.approveReply(), cara], [cmd.replySent(), system]).replies[0]?.status).toBe('sent');
  });

  it('records the outcome of a reply even after the case was closed', () => {
    const closed = run(sending(), [cmd.close('redirected'), ana]);
    expect(acceptedEvents(decide(closed, cmd.replySent(), system))[0]?.type).toBe('case.reply.sent');
  });

  it('refuses a send result from a person: only the bot reports what the network did', () => {
    for (const who of [ana, cara, eve]) {
      expectRefused(sending(), cmd.replySent(), who, { code: 'not_permitted', rule: 'permission:case.reply.sent', message: 'Only the bot can do that (reply sent)' });
      expectRefused(sending(), cmd.replyFailed(), who, { code: 'not_permitted', rule: 'permission:case.reply.failed', message: 'Only the bot can do that (reply failed)' });
    }
  });

  it('refuses a send result for a reply still awaiting approval, or already sent', () => {
    expectRefused(awaitingApproval(), cmd.replySent(), system, { code: 'wrong_state', rule: 'reply:sending', message: 'Reply rep-1 is awaiting_approval, not sending' });
    const sent = run(sending(), [cmd.replySent(), system]);
    expectRefused(sent, cmd.replyFailed(), system, { code: 'wrong_state', rule: 'reply:sending', message: 'Reply rep-1 is sent, not sending' });
    const failed = run(sending(), [cmd.replyFailed(), system]);
    expectRefused(failed, cmd.replySent(), system, { code: 'wrong_state', rule: 'reply:sending', message: 'Reply rep-1 is failed, not sending' });
  });

  it('refuses a send result for a reply that does not exist', () => {
    expectRefused(claimedByAna(), cmd.replySent('rep-1'), system, { code: 'not_found', rule: 'reply:exists', message: 'There is no reply rep-1 on this case' });
    expectRefused(claimedByAna(), cmd.replyFailed('rep-2'), system, { code: 'not_found', rule: 'reply:exists', message: 'There is no reply rep-2' });
  });
});
