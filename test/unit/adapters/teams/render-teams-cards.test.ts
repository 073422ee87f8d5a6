// Every card the Teams adapter sends or answers with, across the states a case goes through, renders without a
// single warning in Microsoft's `adaptivecards` renderer at schema 1.5; forms keep answers and show errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCaseCard } from '../../../../src/adapters/teams/render-adaptive-card.js';
import { renderApprovalCard } from '../../../../src/adapters/teams/render-approval-card.js';
import { renderCaseListCard, renderHelpCard } from '../../../../src/adapters/teams/render-case-list-card.js';
import { renderEscalationCard } from '../../../../src/adapters/teams/render-escalation-card.js';
import { renderFormCard } from '../../../../src/adapters/teams/render-form-card.js';
import { renderLineCard } from '../../../../src/adapters/teams/render-line-card.js';
import { parseCardInvoke } from '../../../../src/adapters/teams/teams-card-action.js';
import { mentionOf } from '../../../../src/adapters/teams/teams-text.js';
import { buildCardForm } from '../../../../src/cards/build-card-form.js';
import { buildCaseCard } from '../../../../src/cards/build-case-card.js';
import type { CardFormId } from '../../../../src/cards/card-model.js';
import { loadPolicy } from '../../../../src/config/load-policy.js';
import type { Case } from '../../../../src/domain/case.js';
import { mentionSchema, type Mention } from '../../../../src/domain/mention.js';
import { emptyModerationRecord } from '../../../../src/domain/moderation-record.js';
import type { Policy } from '../../../../src/policy/policy-schema.js';
import type { CaseView } from '../../../../src/services/load-case-view.js';
import { ana, cara, claimedByAna, closedCase, cmd, dev, NOW, openedCase, run, system } from '../../../helpers/domain-builders.js';
import { checkAdaptiveCard } from './adaptive-card-check.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy(null);
});

const mention: Mention = mentionSchema.parse({
  network: 'facebook', externalId: '1', url: 'https://www.facebook.com/council/posts/1?comment_id=2', text: 'My brown bin was not collected on Elm Road',
  postedAt: '2026-03-10T09:30:00Z', kind: 'comment', parent: { externalId: 'p', text: 'Bin collections this week', url: 'https://www.facebook.com/council/posts/1' },
  author: { id: 'a1', name: 'Sam Resident', handle: 'samres', followers: null, verified: false },
});

function viewOf(c: Case): CaseView {
  return { case: c, mention, card: buildCaseCard({ case: c, mention, policy, now: NOW }), emergency: null, accountHistory: emptyModerationRecord(c.authorKey) };
}

const cases = () => ({
  opened: openedCase(),
  claimed: claimedByAna(),
  escalated: run(claimedByAna(), [cmd.classify('waste', 'complaint'), ana], [cmd.escalateToLead('waste'), ana]),
  acknowledged: run(claimedByAna(), [cmd.escalateToLead('waste'), ana], [cmd.acknowledge('esc-1', 'On it'), dev]),
  approvals: run(claimedByAna(), [cmd.reply('x'.repeat(200), true), ana], [cmd.moderate('block', true, 'abuse_of_staff'), ana], [cmd.moderate('unblock', true, 'abuse_of_staff'), cara]),
  referred: run(openedCase(), [{ type: 'case.escalate', target: { type: 'safeguarding' }, reason: 'Possible safeguarding concern' }, system]),
  waiting: run(claimedByAna(), [cmd.wait(), ana]),
  closed: closedCase(),
});

describe('every Teams card renders without a warning at schema 1.5', () => {
  it('the case card in every state, and its escalation and approval cards', () => {
    for (const [name, c] of Object.entries(cases())) {
      const view = viewOf(c);
      expect(checkAdaptiveCard(renderCaseCard(view.card)).problems, name).toEqual([]);
      expect(checkAdaptiveCard(renderCaseCard(view.card, { view: 'desk', personal: { refreshUserIds: ['29:1ana-fake-teams-id'] } })).problems, name).toEqual([]);
      for (const esc of c.escalations) {
        const card = renderEscalationCard(view, esc, policy, [mentionOf('6f1c2d3e-0000-4000-8000-00000000d0e5', 'Dev Shah')], `escalation:${esc.id}`);
        expect(checkAdaptiveCard(card).problems, `${name} escalation`).toEqual([]);
      }
      for (const subject of [...c.replies.map((r) => ({ replyId: r.id })), ...c.moderation.map((m) => ({ moderationId: m.id }))]) {
        const card = renderApprovalCard(view, subject, policy, [mentionOf('6f1c2d3e-0000-4000-8000-0000000ca7a0', 'Cara Lee')]);
        expect(card && checkAdaptiveCard(card).problems, `${name} approval`).toEqual([]);
      }
    }
  });

  it('offers "Not a safeguarding concern" on a safeguarding referral only', () => {
    const verbs = (c: Case) => JSON.stringify(renderEscalationCard(viewOf(c), c.escalations[0]!, policy, [], 'escalation:esc-1')).match(/"verb":"[^"]+"/g);
    expect(verbs(cases().referred)).toContain('"verb":"case.safeguarding.dismiss"');
    expect(verbs(cases().escalated)).not.toContain('"verb":"case.safeguarding.dismiss"');
  });

  it('every form, fresh and redrawn with answers and field errors', () => {
    const c = cases().approvals;
    const ids: CardFormId[] = ['reply', 'classify', 'escalate', 'moderate', 'close', 'reassign', 'decline', 'reject', 'reject-reply', 'dismiss-safeguarding'];
    for (const formId of ids) {
      const form = buildCardForm({ formId, case: c, mention, policy, args: { escalationId: 'esc-1', moderationId: 'mod-1', replyId: 'rep-1' }, signOff: ' ^AP' });
      const fresh = renderFormCard(viewOf(c), form, 'triage');
      expect(checkAdaptiveCard(fresh).problems, formId).toEqual([]);
      const errors = Object.fromEntries(form.fields.map((f) => [f.id, `${f.label} is wrong.`]));
      const redrawn = renderFormCard(viewOf(c), form, 'triage', { values: { text: 'Draft' }, errors: { ...errors, escalationId: 'The button is missing escalationId.' }, notice: 'This case changed since your card was drawn.' });
      expect(checkAdaptiveCard(redrawn).problems, `${formId} redrawn`).toEqual([]);
    }
  });

  it('the desk command\'s lists, help and one-line cards with mentions', () => {
    const items = Object.values(cases()).map((c) => ({ case: c, mention }));
    expect(checkAdaptiveCard(renderCaseListCard('Unclaimed, oldest first (7)', items, policy, NOW, 'The queue is empty.')).problems).toEqual([]);
    expect(checkAdaptiveCard(renderCaseListCard('Your open cases (0)', [], policy, NOW, 'You hold no open cases.')).problems).toEqual([]);
    expect(checkAdaptiveCard(renderHelpCard('frobnicate')).problems).toEqual([]);
    const line = renderLineCard('Overdue: First response on MD-1001', [mentionOf('6f1c2d3e-0000-4000-8000-0000000ca7a0', 'Cara Lee')], 'Attention');
    expect(checkAdaptiveCard(line).problems).toEqual([]);
    expect(line).toMatchObject({ body: [{ text: '<at>Cara Lee</at> Overdue: First response on MD-1001' }], msteams: { entities: [{ type: 'mention', text: '<at>Cara Lee</at>', mentioned: { id: '6f1c2d3e-0000-4000-8000-0000000ca7a0', name: 'Cara Lee' } }] } });
  });
});

describe('a form drawn for one person', () => {
  it('keeps their answers, puts each error under its field, and its submit reads back to the shared action', () => {
    const c = cases().claimed;
    const form = buildCardForm({ formId: 'reply', case: c, mention, policy, signOff: ' ^AP' });
    const card = renderFormCard(viewOf(c), form, 'triage', { values: { text: 'a'.repeat(300), visibility: 'public' }, errors: { text: 'Too long.' } });
    const body = card.body as Array<Record<string, unknown>>;
    const input = body.findIndex((e) => e['id'] === 'reply.text');
    expect(body[input]).toMatchObject({ type: 'Input.Text', value: 'a'.repeat(300), isMultiline: true });
    expect(body.slice(input + 1).find((e) => e['id'] === 'reply.text.error')).toMatchObject({ type: 'TextBlock', text: 'Too long.', color: 'Attention' });
    const [submit, cancel] = card.actions as Array<{ verb: string; data: Record<string, unknown> }>;
    expect(cancel).toMatchObject({ verb: 'desk.card.show', associatedInputs: 'none' }); // Cancel is not held back by required fields
    const click = parseCardInvoke({ action: { type: 'Action.Execute', verb: submit!.verb, data: { ...submit!.data, 'reply.text': 'Sorry', 'reply.visibility': 'public', 'close.note': 'not mine' } } });
    expect(click).toEqual({ ok: true, click: { verb: 'case.reply.submit', caseId: c.id, version: c.version, args: {}, formId: 'reply', submitted: true, values: { text: 'Sorry', visibility: 'public' }, view: 'triage' } });
  });
});
