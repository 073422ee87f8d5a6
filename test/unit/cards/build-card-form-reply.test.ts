// The reply form is one instance: it carries its own key and the replies it saw, kept when redrawn; the choices a
// refusal offered come back as tick boxes (never ticked for the person); the submit is parsed back into the command.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCardForm, replyFormArgs } from '../../../src/cards/build-card-form.js';
import { commandFromAction } from '../../../src/cards/command-from-action.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Mention } from '../../../src/domain/mention.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { ana, claimedByAna, cmd, run } from '../../helpers/domain-builders.js';

let policy: Policy;
beforeAll(async () => { policy = await loadPolicy(null); });

const mention: Mention = {
  network: 'x', externalId: 't-1', url: 'https://x.com/r/status/1', kind: 'mention', text: 'Bins?', postedAt: '2026-06-02T10:00:00Z',
  author: { id: 'a-1', name: 'Sam', handle: 'sam', followers: 10, verified: false },
};

describe('the reply form as one instance', () => {
  it('gets a new key and the count of replies when opened, and keeps both when redrawn', () => {
    const c = run(claimedByAna(), [cmd.reply('First. ^AP'), ana]);
    const opened = replyFormArgs({}, c, () => 'key-1');
    expect(opened).toEqual({ key: 'key-1', seen: '1' });
    const later = run(c, [cmd.reply('Second. ^AP'), ana]);
    expect(replyFormArgs(opened, later, () => 'key-2')).toEqual({ key: 'key-1', seen: '1' });
  });

  it('offers the refusal\'s choices as tick boxes, none ticked, after the other fields', () => {
    const options = [{ value: 'further:1', label: 'Send a further reply' }];
    const form = buildCardForm({ formId: 'reply', case: claimedByAna(), mention, policy, args: { key: 'k', seen: '0' }, confirmations: options });
    expect(form.fields.map((f) => f.id)).toEqual(['text', 'visibility', 'signpost', 'confirm']);
    expect(form.fields[3]).toEqual({ kind: 'choices', id: 'confirm', label: 'Send anyway?', options, optional: true });
    expect(buildCardForm({ formId: 'reply', case: claimedByAna(), mention, policy }).fields.map((f) => f.id)).toEqual(['text', 'visibility', 'signpost']);
  });
});

describe('a reply submit parsed back', () => {
  it('carries the form stamp and every ticked choice', () => {
    const parsed = commandFromAction('case.reply.submit', { key: 'k', seen: '2' }, { text: ' Hi ', visibility: 'public', confirm: 'further:3,same-text:rep-1' }, policy);
    expect(parsed).toEqual({ ok: true, command: { type: 'case.reply.submit', text: 'Hi', visibility: 'public', form: { key: 'k', repliesSeen: 2 }, confirmed: ['further:3', 'same-text:rep-1'] } });
  });

  it('leaves the stamp off a submit without a usable one (an old form, a damaged count)', () => {
    for (const args of [{}, { key: 'k' }, { key: 'k', seen: 'x' }, { key: 'k', seen: '-1' }]) {
      expect(commandFromAction('case.reply.submit', args, { text: 'Hi', visibility: 'public' }, policy)).toEqual({ ok: true, command: { type: 'case.reply.submit', text: 'Hi', visibility: 'public' } });
    }
  });
});
