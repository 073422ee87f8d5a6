// A safeguarding case looks like one on the triage card: red, with a banner naming the referral first, and never
// "risk low", on Slack and on Teams (exact JSON), whatever risk the intake judged.
import { beforeAll, describe, expect, it } from 'vitest';
import { cardFallbackText, renderCaseBlocks } from '../../../src/adapters/slack/render-case-blocks.js';
import { renderCaseCard } from '../../../src/adapters/teams/render-adaptive-card.js';
import { buildCaseCard } from '../../../src/cards/build-case-card.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Case } from '../../../src/domain/case.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { blockKitProblems } from '../adapters/slack/block-kit-check.js';
import { checkAdaptiveCard } from '../adapters/teams/adaptive-card-check.js';
import { minutesAfter, NOW, openedCase, run, system } from '../../helpers/domain-builders.js';

let policy: Policy;
beforeAll(async () => { policy = await loadPolicy(null); });

const mention = mentionSchema.parse({
  network: 'x', externalId: '9', url: 'https://x.com/someone/status/9', text: 'Nobody listens. I am going to end it all tonight.',
  postedAt: '2025-06-12T09:30:00Z', kind: 'mention', author: { id: 'a9', name: 'Someone', handle: 'someone', followers: 12, verified: false },
});
const REASON = 'Possible safeguarding concern or threat ("end it all"): this goes to the safeguarding lead now.';

/** Opened at low risk (12 followers, no press words) and referred at once by the bot. */
function referred(): Case {
  return run(openedCase({ risk: 'low' }), [{ type: 'case.escalate', target: { type: 'safeguarding' }, reason: REASON }, system]);
}

const TEXT = `Referred to the safeguarding lead at 10:42 by Mention Desk; waiting for them to acknowledge it. ${REASON}`;

describe('the neutral card of a safeguarding case', () => {
  it('is high risk, names the referral, and its risk fact never says low', () => {
    const card = buildCaseCard({ case: referred(), mention, policy, now: NOW });
    expect(card.risk).toBe('high');
    expect(card.safeguarding).toEqual({ title: 'Safeguarding referral', text: TEXT });
    expect(card.facts.find((f) => f.label === 'Risk')?.value).toMatch(/^high \(safeguarding referral(\)|; )/);
    expect(JSON.stringify(card)).not.toMatch(/"low/);
  });

  it('says who acknowledged it, and drops the alarm once the lead declines it as not a safeguarding matter', () => {
    const gil = { ...system, personId: 'gil', name: 'Gil Moss', roles: ['safeguarding_lead' as const] };
    const acknowledged = run(referred(), [{ type: 'case.escalation.acknowledge', escalationId: 'esc-1' }, gil, { now: minutesAfter(NOW, 5) }]);
    expect(buildCaseCard({ case: acknowledged, mention, policy, now: NOW }).safeguarding?.text).toContain('; acknowledged by Gil Moss.');
    const declined = run(referred(), [{ type: 'case.escalation.decline', escalationId: 'esc-1', reason: 'A lyric, not a concern' }, gil]);
    const card = buildCaseCard({ case: declined, mention, policy, now: NOW });
    expect(card.safeguarding).toBeUndefined();
    expect(card.risk).toBe('low');
  });

  it('an ordinary case has no safeguarding banner', () => {
    expect(buildCaseCard({ case: openedCase(), mention, policy, now: NOW })).not.toHaveProperty('safeguarding');
  });
});

describe('rendered', () => {
  it('on Slack: a red header, then the banner section naming the referral, set off by a divider', () => {
    const card = buildCaseCard({ case: referred(), mention, policy, now: NOW });
    const blocks = renderCaseBlocks(card);
    expect(blocks.slice(0, 3)).toEqual([
      { type: 'header', block_id: 'title', text: { type: 'plain_text', text: ':red_circle: X mention · case-0001', emoji: true } },
      { type: 'section', block_id: 'safeguarding', text: { type: 'mrkdwn', verbatim: true, text: `:rotating_light: :red_circle: *SAFEGUARDING REFERRAL* :red_circle: :rotating_light:\n*${TEXT}*` } },
      { type: 'divider', block_id: 'safeguarding-end' },
    ]);
    expect(cardFallbackText(card)).toMatch(/^SAFEGUARDING REFERRAL: X mention · case-0001 from Someone: /);
    expect(blockKitProblems(blocks as unknown as Record<string, unknown>[])).toEqual([]);
  });

  it('on Teams: a red title, then an attention (red) container naming the referral', () => {
    const card = buildCaseCard({ case: referred(), mention, policy, now: NOW });
    const adaptive = renderCaseCard(card);
    expect(adaptive.body.slice(0, 2)).toEqual([
      { type: 'TextBlock', text: 'X mention · case-0001', wrap: true, id: 'title', size: 'Medium', weight: 'Bolder', color: 'Attention' },
      { type: 'Container', id: 'safeguarding', style: 'attention', bleed: true, items: [
        { type: 'TextBlock', text: 'Safeguarding referral', wrap: true, size: 'Large', weight: 'Bolder', color: 'Attention' },
        { type: 'TextBlock', text: TEXT, wrap: true, weight: 'Bolder' },
      ] },
    ]);
    expect(checkAdaptiveCard(adaptive).problems).toEqual([]);
  });
});
