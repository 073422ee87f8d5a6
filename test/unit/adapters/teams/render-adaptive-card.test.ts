// The case card as an Adaptive Card: exact JSON for an ordinary card, every card the desk sends rendering without
// a warning in Microsoft's renderer at schema 1.5, and a resident's words unable to format, link or ping.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCaseCard } from '../../../../src/adapters/teams/render-adaptive-card.js';
import { parseCardInvoke } from '../../../../src/adapters/teams/teams-card-action.js';
import { buildCaseCard } from '../../../../src/cards/build-case-card.js';
import type { CaseCard } from '../../../../src/cards/card-model.js';
import { loadPolicy } from '../../../../src/config/load-policy.js';
import { mentionSchema, type Mention } from '../../../../src/domain/mention.js';
import type { Policy } from '../../../../src/policy/policy-schema.js';
import { ana, claimedByAna, cmd, NOW, run } from '../../../helpers/domain-builders.js';
import { checkAdaptiveCard } from './adaptive-card-check.js';

let policy: Policy;
beforeAll(async () => {
  policy = await loadPolicy(null);
});

const ordinary: CaseCard = {
  caseId: 'MD-1001', version: 2, title: 'X mention · MD-1001', risk: 'medium', banners: [],
  author: { name: 'Sam Resident', handle: 'samres', followers: 1200, verified: false },
  text: 'Bins missed on Elm Road', textTruncated: false, parent: null, url: 'https://x.com/samres/status/1',
  facts: [{ label: 'State', value: 'Claimed' }, { label: 'Owner', value: 'Ana Patel' }],
  activity: [],
  actions: [
    { actionId: 'case.release', label: 'Release', style: 'default' },
    { actionId: 'case.reply.submit', label: 'Reply', style: 'primary', opens: 'reply' },
  ],
};

const mention = (over: Partial<Mention> = {}): Mention => mentionSchema.parse({
  network: 'x', externalId: '1', url: 'https://x.com/samres/status/1', text: 'My brown bin was not collected on Elm Road',
  postedAt: '2026-03-10T09:30:00Z', kind: 'mention',
  author: { id: 'a1', name: 'Sam Resident', handle: 'samres', followers: 1200, verified: false },
  ...over,
});

describe('renderCaseCard', () => {
  it('renders an ordinary card exactly: Action.Execute per button, verb = action id, data = the shared payload', () => {
    expect(renderCaseCard(ordinary)).toEqual({
      type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
      body: [
        { type: 'TextBlock', text: 'X mention · MD-1001', wrap: true, id: 'title', size: 'Medium', weight: 'Bolder', color: 'Warning' },
        { type: 'TextBlock', text: '**Sam Resident** · @samres · 1,200 followers', wrap: true, id: 'author', size: 'Small' },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Bins missed on Elm Road' }], id: 'text' },
        { type: 'FactSet', facts: [{ title: 'State', value: 'Claimed' }, { title: 'Owner', value: 'Ana Patel' }], id: 'facts' },
        { type: 'ActionSet', id: 'actions-1', actions: [
          { type: 'Action.Execute', title: 'Release', verb: 'case.release', data: { c: 'MD-1001', v: 2, view: 'triage' } },
          { type: 'Action.Execute', title: 'Reply', verb: 'case.reply.submit', data: { c: 'MD-1001', v: 2, a: { form: 'reply' }, view: 'triage' }, style: 'positive' },
        ] },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Open the original post', url: 'https://x.com/samres/status/1' }],
      msteams: { width: 'Full' },
    });
    expect(checkAdaptiveCard(renderCaseCard(ordinary)).problems).toEqual([]);
  });

  it('reads a click back to the shared action, and a click that only asks for a form as such', () => {
    const [set] = renderCaseCard(ordinary).body.filter((e) => e['type'] === 'ActionSet') as Array<{ actions: Array<{ verb: string; data: object }> }>;
    const reply = set!.actions[1]!;
    expect(parseCardInvoke({ action: { type: 'Action.Execute', verb: reply.verb, data: reply.data } })).toEqual({ ok: true, click: {
      verb: 'case.reply.submit', caseId: 'MD-1001', version: 2, args: {}, formId: 'reply', submitted: false, values: {}, view: 'triage',
    } });
    expect(parseCardInvoke({ action: { type: 'Action.Submit', verb: 'case.claim', data: { c: 'MD-1', v: 1 } } })).toMatchObject({ ok: false });
    expect(parseCardInvoke({ action: { type: 'Action.Execute', verb: 'case.claim', data: { c: 'MD-1', v: 0 } } })).toMatchObject({ ok: false });
    expect(parseCardInvoke({ action: { type: 'Action.Execute', verb: 'case.claim', data: { c: 'MD-1', v: 1, a: { form: 'launch' } } } })).toMatchObject({ ok: false });
  });

  it('shows a notice (a refusal, to the clicker) first, in an attention container', () => {
    const card = renderCaseCard(ordinary, { notice: { tone: 'danger', text: 'Already claimed by Ana Patel at 10:42.' } });
    expect(card.body[0]).toEqual({ type: 'Container', id: 'notice', style: 'attention', bleed: true, items: [{ type: 'TextBlock', text: 'Already claimed by Ana Patel at 10:42.', wrap: true, weight: 'Bolder' }] });
    expect(checkAdaptiveCard(card).problems).toEqual([]);
  });

  it('keeps a resident\'s markup from formatting, linking, pinging or running a card function', () => {
    const hostile = 'Hi <at>Cara Lee</at> see [the council site](https://evil.example) **now** {{DATE(2026-01-01T00:00:00Z)}} &lt;b&gt;';
    const card = renderCaseCard(buildCaseCard({ case: claimedByAna(), mention: mention({ text: hostile, author: { ...mention().author, name: '<at>Eve</at> **Bob** [x](https://evil.example)' } }), policy, now: NOW }));
    expect(JSON.stringify(card)).not.toMatch(/<at>|\{\{|&lt;b/);
    const author = card.body.find((e) => e['id'] === 'author') as { text: string };
    expect(author.text).toBe('**<\u200Bat>Eve<\u200B/at> \\*\\*Bob\\*\\* \\[x\\](https://evil.example)** · @samres · 1,200 followers');
    const post = card.body.find((e) => e['id'] === 'text') as { inlines: Array<{ text: string }> };
    expect(post.inlines[0]!.text.replace(/\u200B/g, '')).toBe(hostile); // literal in a TextRun (no markdown there); only the tokens broken
    expect(checkAdaptiveCard(card).problems).toEqual([]);
  });

  it('renders the largest mention the intake accepts within the renderer\'s rules, and no javascript: link (one stored before intake refused them)', () => {
    const huge = 'Bins & <recycling> '.repeat(6000).slice(0, 100_000);
    const m: Mention = { ...mention({ text: huge, parent: { externalId: 'p', text: huge } }), url: 'javascript:alert(1)' };
    const c = run(claimedByAna(), [cmd.classify('waste', 'complaint', '&'.repeat(500)), ana], [cmd.escalateToLead('waste', '<'.repeat(1000)), ana], [cmd.escalateToLeadership('>'.repeat(1000)), ana]);
    const model = buildCaseCard({ case: c, mention: m, policy, now: NOW, banners: Array.from({ length: 9 }, () => ({ tone: 'danger' as const, text: '<'.repeat(5000) })) });
    const card = renderCaseCard({ ...model, activity: Array.from({ length: 200 }, () => '&'.repeat(700)) });
    expect(checkAdaptiveCard(card).problems).toEqual([]);
    expect(card.actions).toBeUndefined(); // no link button at all
    expect(JSON.stringify(card)).toContain('Original: javascript:alert(1) (not a web link, so no button)');
    expect(JSON.stringify(card)).toContain('188 earlier lines not shown');
    expect(JSON.stringify(card).length).toBeLessThan(28_000); // Teams' message size limit is about 28 KB
  });
});
