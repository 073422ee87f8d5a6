// The reply form tells staff how the network will count the reply (X: twitter-text's weighted length).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCardForm } from '../../../src/cards/build-card-form.js';
import type { CardField } from '../../../src/cards/card-model.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Mention } from '../../../src/domain/mention.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { ana, cmd, openedCase, run } from '../../helpers/domain-builders.js';

let policy: Policy;
beforeAll(async () => { policy = await loadPolicy(null); });

const onX: Mention = {
  network: 'x', externalId: '1800000000000000001', url: 'https://x.com/resident/status/1800000000000000001', kind: 'mention',
  text: '@council my bins were missed again', postedAt: '2026-06-02T10:00:00Z',
  author: { id: '1000000000000000001', name: 'Resident', handle: 'resident', followers: 10, verified: false },
};

function replyField(mention: Mention, initialText?: string): CardField & { kind: 'text' } {
  const c = run(openedCase({ network: mention.network }), [cmd.claim, ana]);
  const form = buildCardForm({ formId: 'reply', case: c, mention, policy, signOff: ' ^AP', ...(initialText ? { initialText } : {}) });
  return form.fields.find((f) => f.id === 'text') as CardField & { kind: 'text' };
}

describe('the reply form', () => {
  it("on X explains X's count and leaves the field uncapped, since a long link counts as 23", () => {
    const field = replyField(onX);
    expect(field.hint).toContain('X counts a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2.');
    expect(field.maxLength).toBeUndefined();
  });

  it('shows a starting text counted the way X will count it', () => {
    const link = 'https://www.example.gov.uk/news/major-incident-road-closures-and-bin-collections-this-week';
    const field = replyField(onX, `Updates here: ${link} 👍`);
    // 14 + 23 for the link + 1 + 2 for the emoji + 4 for " ^AP".
    expect(field.hint).toContain('This text counts as 44 of 280 with the sign-off.');
  });

  it('on a network that counts characters says nothing about weights and caps the field at its limit', () => {
    const field = replyField({ ...onX, network: 'instagram', externalId: '17800000000000009', url: 'https://www.instagram.com/p/abc', kind: 'comment' });
    expect(field.hint).not.toContain('counts a link');
    expect(field.maxLength).toBe(2200);
  });
});
