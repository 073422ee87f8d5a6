// The Slack escalation card: a safeguarding referral offers the lead "Not a safeguarding concern" (issue 16).
import { describe, expect, it } from 'vitest';
import { renderEscalationMessage } from '../../../../src/adapters/slack/render-escalation-blocks.js';
import { buildCaseCard } from '../../../../src/cards/build-case-card.js';
import { loadPolicy } from '../../../../src/config/load-policy.js';
import type { Case } from '../../../../src/domain/case.js';
import { mentionSchema } from '../../../../src/domain/mention.js';
import { emptyModerationRecord } from '../../../../src/domain/moderation-record.js';
import { ana, claimedByAna, cmd, NOW, openedCase, run, system } from '../../../helpers/domain-builders.js';
import { blockKitProblems } from './block-kit-check.js';

const policy = await loadPolicy(null);
const mention = mentionSchema.parse({
  network: 'x', externalId: '1', url: 'https://x.com/a/status/1', text: 'Honestly the queue at the tip is killing me', postedAt: '2026-03-03T10:00:00Z', kind: 'mention', author: { id: '9', name: 'Sam', handle: 'sam' },
});
const render = (c: Case) => renderEscalationMessage(
  { case: c, mention, card: buildCaseCard({ case: c, mention, policy, now: NOW }), emergency: null, accountHistory: emptyModerationRecord(c.authorKey) },
  c.escalations[0]!, policy, [],
);
const actionIds = (c: Case) => render(c).blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));

describe('the escalation card', () => {
  it('offers the safeguarding lead "Not a safeguarding concern" on a referral, a valid Block Kit message', () => {
    const referred = run(openedCase(), [{ type: 'case.escalate', target: { type: 'safeguarding' }, reason: 'Possible safeguarding concern' }, system]);
    expect(actionIds(referred)).toEqual(['case.escalation.acknowledge', 'case.escalation.decline', 'case.safeguarding.dismiss']);
    expect(blockKitProblems(render(referred).blocks as never)).toEqual([]);
  });

  it("does not offer it on a service lead escalation, which gets the service's answers instead", () => {
    const toLead = run(claimedByAna(), [cmd.escalateToLead('waste'), ana]);
    expect(actionIds(toLead)).toEqual(['case.escalation.acknowledge', 'case.escalation.answer', 'case.escalation.pass', 'case.escalation.decline']);
  });
});
