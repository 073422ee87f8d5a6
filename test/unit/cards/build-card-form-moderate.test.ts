// The moderate form preselects the ladder's next rung for this author, with its reasons; a person still chooses.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCardForm } from '../../../src/cards/build-card-form.js';
import type { CardField } from '../../../src/cards/card-model.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Case } from '../../../src/domain/case.js';
import type { Mention } from '../../../src/domain/mention.js';
import { emptyModerationRecord, type ModerationRecord, type RecordedBreach } from '../../../src/domain/moderation-record.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { suggestModeration } from '../../../src/policy/suggest-moderation.js';
import { ana, cara, cmd, openedCase, run } from '../../helpers/domain-builders.js';

let policy: Policy;
beforeAll(async () => { policy = withFacebookMessages(await loadPolicy(null)); });

/** A council whose Facebook page takes messages (the default follows 000: it does not), so warnings can go privately (002 §6.3.3). */
function withFacebookMessages(p: Policy): Policy {
  return { ...p, networks: { ...p.networks, facebook: { ...p.networks['facebook']!, directMessages: true } } };
}


const AUTHOR = 'facebook:fb-9';
const mention: Mention = {
  network: 'facebook', externalId: 'c-9', url: 'https://www.facebook.com/examplecouncil/posts/1?comment_id=9', kind: 'comment',
  text: 'Free followers, click here https://spam.example', postedAt: '2026-06-02T10:00:00Z',
  author: { id: 'fb-9', name: 'Spam King', handle: 'spamking', followers: null, verified: false },
};
const claimed = (): Case => run(openedCase({ network: 'facebook', authorKey: AUTHOR }), [cmd.claim, ana]);

function breach(caseId: string, ruleId = 'spam'): RecordedBreach {
  const at = new Date('2026-06-01T09:00:00Z');
  return { caseId, ruleId, at, actions: [{ moderationId: 'mod-1', action: 'hide', doneAt: at }], evidence: { mentionId: 'm', network: 'facebook', url: mention.url, text: 'spam', authorName: 'Spam King', authorHandle: 'spamking', postedAt: at.toISOString() } };
}
const record = (over: Partial<ModerationRecord>): ModerationRecord => ({ ...emptyModerationRecord(AUTHOR), ...over });

function formFor(c: Case, history: ModerationRecord | null): { action: CardField | undefined; ruleId: CardField | undefined } {
  const form = buildCardForm({ formId: 'moderate', case: c, mention, policy, ladder: suggestModeration(policy, c, mention.text, history) });
  return { action: form.fields.find((f) => f.id === 'action'), ruleId: form.fields.find((f) => f.id === 'ruleId') };
}

describe('the moderate form', () => {
  it('preselects hide for a first breach, with the rule the text suggests', () => {
    const { action, ruleId } = formFor(claimed(), null);
    expect(action).toMatchObject({ initial: 'hide', hint: expect.stringMatching(/^Earlier: nothing recorded for this account\. Spam: a first breach/) });
    expect(ruleId?.initial).toBe('spam');
  });

  it('moves on to the warning once this case is hidden, when the author broke the rule on another case', () => {
    const history = record({ breaches: [breach('MD-1')] });
    expect(formFor(claimed(), history).action).toMatchObject({ initial: 'hide', hint: expect.stringContaining('Earlier: 1 breach (spam), no warnings; not blocked') });
    const hidden = run(claimed(), [{ type: 'case.moderate', action: 'hide', ruleId: 'spam', needsApproval: false }, ana]);
    const whole = record({ breaches: [breach('MD-1'), breach(hidden.id)] });
    const { action } = formFor(hidden, whole);
    expect(action?.initial).toBe('warn');
    expect(action?.hint).toContain('A comms manager must approve the warning before it goes.');
  });

  it('preselects the block after a warning on an earlier case, and not for a warning sent on this one', () => {
    const warnedBefore = record({ breaches: [breach('MD-1'), breach('MD-2')], warnings: 1, warningsSent: [{ caseId: 'MD-2', ruleId: 'spam', at: new Date() }] });
    const hidden = run(claimed(), [{ type: 'case.moderate', action: 'hide', ruleId: 'spam', needsApproval: false }, ana]);
    expect(formFor(hidden, warnedBefore).action?.initial).toBe('block');
    const warnedHere = record({ breaches: [breach('MD-1'), breach(hidden.id)], warnings: 1, warningsSent: [{ caseId: hidden.id, ruleId: 'spam', at: new Date() }] });
    const afterWarning = run(hidden, [{ type: 'case.moderate', action: 'warn', ruleId: 'spam', needsApproval: false }, cara]);
    const after = formFor(afterWarning, warnedHere).action;
    expect(after?.initial).not.toBe('block');
    expect(after?.hint).toContain('it has happened before, so a written warning is next');
  });

  it('keeps the rule recorded on the case over what the text suggests', () => {
    const c = run(claimed(), [{ type: 'case.moderate', action: 'hide', ruleId: 'unrelated', needsApproval: false }, ana]);
    expect(formFor(c, null).ruleId?.initial).toBe('unrelated');
  });

  it('offers no ladder when nothing suggests a rule, leaving the first action and no hint', () => {
    const plain = { ...mention, text: 'When is my bin day?' };
    const c = claimed();
    const form = buildCardForm({ formId: 'moderate', case: c, mention: plain, policy, ladder: suggestModeration(policy, c, plain.text, null) });
    const action = form.fields.find((f) => f.id === 'action');
    expect(action?.initial).toBe('hide');
    expect(action).not.toHaveProperty('hint');
  });
});
