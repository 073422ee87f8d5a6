// One reply per resident: a reply form sends at most once; a reply made since the form opened, or the same text
// again, is refused until a person explicitly chooses to send anyway; other changes never hold a reply up.
import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../src/domain/commands.js';
import { judgesItsOwnChanges } from '../../../src/domain/reply-once.js';
import { ana, cara, claimedByAna, cmd, decide, expectRefused, minutesAfter, NOW, run } from '../../helpers/domain-builders.js';

const fromForm = (text: string, key: string, repliesSeen: number, confirmed?: string[]): CaseCommand => ({
  type: 'case.reply.submit', text, visibility: 'public', form: { key, repliesSeen }, ...(confirmed ? { confirmed } : {}),
});

/** Ana opened her form (key form-ana) on a case with no replies; Cara then replied from her own form at 10:45. */
function caraRepliedSince() {
  return run(claimedByAna(), [fromForm('We are on it. ^CL', 'form-cara', 0), cara, { now: minutesAfter(NOW, 3) }]);
}

describe('a reply form sends at most once', () => {
  it('records the form key on the reply it sent', () => {
    const after = run(claimedByAna(), [fromForm('Crew booked for Thursday. ^AP', 'form-ana', 0), ana]);
    expect(after.replies[0]).toMatchObject({ formKey: 'form-ana', at: NOW.toISOString(), status: 'sending' });
  });

  it('refuses a second submit of the same form, saying who sent what and when, whatever the text', () => {
    const once = run(claimedByAna(), [fromForm('Crew booked for Thursday. ^AP', 'form-ana', 0), ana]);
    for (const text of ['Crew booked for Thursday. ^AP', 'Something else entirely ^AP']) {
      const refusal = expectRefused(once, fromForm(text, 'form-ana', 0, ['further:1', 'same-text:rep-1']), ana, {
        code: 'already_done', rule: 'reply:form-sends-once',
        message: 'This form has already sent its reply: Ana Patel sent a reply at 10:42 (being posted now): "Crew booked for Thursday. ^AP". Nothing more was sent.',
      });
      expect(refusal.confirmations).toBeUndefined();
    }
  });
});

describe('a reply made since the form was opened', () => {
  it('refuses Send, naming who replied, when and the text, and offers "Send a further reply"', () => {
    const refusal = expectRefused(caraRepliedSince(), fromForm('We will look into it. ^AP', 'form-ana', 0), ana, {
      code: 'needs_confirmation', rule: 'reply:replied-since',
      message: 'Since you opened this form, Cara Lee sent a reply at 10:45 (being posted now): "We are on it. ^CL". Nothing was sent. To send yours anyway, choose "Send a further reply" and send again.',
    });
    expect(refusal.confirmations).toEqual([{ value: 'further:1', label: 'Send a further reply' }]);
  });

  it('still refuses when Send is pressed again without the choice', () => {
    const c = caraRepliedSince();
    for (let i = 0; i < 2; i++) expect(decide(c, fromForm('We will look into it. ^AP', 'form-ana', 0), ana).ok).toBe(false);
  });

  it('sends exactly one further reply once the person chooses it', () => {
    const after = run(caraRepliedSince(), [fromForm('We will look into it. ^AP', 'form-ana', 0, ['further:1']), ana]);
    expect(after.replies.map((r) => [r.by, r.formKey])).toEqual([['Cara Lee', 'form-cara'], ['Ana Patel', 'form-ana']]);
    expectRefused(after, fromForm('We will look into it. ^AP', 'form-ana', 0, ['further:1']), ana, { code: 'already_done', rule: 'reply:form-sends-once', message: 'Nothing more was sent' });
  });

  it('asks again when yet another reply arrived after the choice was offered', () => {
    const twice = run(caraRepliedSince(), [fromForm('And a crew is booked. ^CL', 'form-cara-2', 1), cara]);
    const refusal = expectRefused(twice, fromForm('We will look into it. ^AP', 'form-ana', 0, ['further:1']), ana, { code: 'needs_confirmation', rule: 'reply:replied-since', message: 'And a crew is booked.' });
    expect(refusal.confirmations).toEqual([{ value: 'further:2', label: 'Send a further reply' }]);
  });

  it('does not count a reply a manager sent back or the network refused', () => {
    const rejected = run(claimedByAna(), [cmd.reply('Our position is... ^CL', true), cara], [{ type: 'case.reply.reject', replyId: 'rep-1', reason: 'Not in purdah' }, cara]);
    expect(decide(rejected, fromForm('We will look into it. ^AP', 'form-ana', 0), ana).ok).toBe(true);
  });
});

describe('the same text again', () => {
  it('is refused on the same case unless the person confirms it', () => {
    const first = run(claimedByAna(), [fromForm('Thanks, passed to the crew. ^AP', 'form-1', 0), ana]);
    const refusal = expectRefused(first, fromForm('thanks,  passed to the crew. ^AP', 'form-2', 1), ana, {
      code: 'needs_confirmation', rule: 'reply:same-text',
      message: 'Ana Patel already sent this same text to the resident on this case at 10:42. Nothing was sent. To send yours anyway, choose "Send the same text again" and send again.',
    });
    expect(refusal.confirmations).toEqual([{ value: 'same-text:rep-1', label: 'Send the same text again' }]);
    expect(run(first, [fromForm('Thanks, passed to the crew. ^AP', 'form-2', 1, ['same-text:rep-1']), ana]).replies).toHaveLength(2);
  });

  it('is refused without a form too (a reply from anywhere)', () => {
    const first = run(claimedByAna(), [cmd.reply('Thanks, passed to the crew. ^AP'), ana]);
    expectRefused(first, cmd.reply('Thanks, passed to the crew. ^AP'), ana, { code: 'needs_confirmation', rule: 'reply:same-text', message: 'already sent this same text' });
  });

  it('offers both choices at once when both apply, and keeps asking for the one not yet made', () => {
    const c = caraRepliedSince();
    const both = expectRefused(c, fromForm('We are on it. ^CL', 'form-ana', 0), cara, { code: 'needs_confirmation', rule: 'reply:replied-since', message: 'choose "Send a further reply" and "Send the same text again"' });
    expect(both.confirmations?.map((x) => x.value)).toEqual(['further:1', 'same-text:rep-1']);
    const one = expectRefused(c, fromForm('We are on it. ^CL', 'form-ana', 0, ['further:1']), cara, { code: 'needs_confirmation', rule: 'reply:same-text', message: 'choose "Send the same text again"' });
    expect(one.confirmations?.map((x) => x.value)).toEqual(['further:1', 'same-text:rep-1']);
  });
});

describe('changes that do not touch the reply', () => {
  it('lets a reply from a form judge the changes made since; other commands keep the version check', () => {
    expect(judgesItsOwnChanges(fromForm('x', 'k', 0))).toBe(true);
    expect(judgesItsOwnChanges(cmd.reply())).toBe(false);
    expect(judgesItsOwnChanges(cmd.claim)).toBe(false);
  });

  it('sends after a classification and an escalation made while the form was open', () => {
    const changed = run(claimedByAna(), [cmd.classify(), cara], [cmd.escalateToLeadership(), cara]);
    expect(run(changed, [fromForm('We will look into it. ^AP', 'form-ana', 0), ana]).replies).toHaveLength(1);
  });
});
