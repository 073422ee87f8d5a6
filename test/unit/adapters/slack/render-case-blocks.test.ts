// The case card in Block Kit: exact JSON for an ordinary card, and every Block Kit limit held for the largest
// mention the intake accepts, with people's words escaped so they cannot ping or disguise a link.
import { beforeAll, describe, expect, it } from 'vitest';
import { cardFallbackText, renderCaseBlocks } from '../../../../src/adapters/slack/render-case-blocks.js';
import { parseCardPayload } from '../../../../src/adapters/slack/slack-action-ids.js';
import { buildCaseCard } from '../../../../src/cards/build-case-card.js';
import type { CaseCard } from '../../../../src/cards/card-model.js';
import { loadPolicy } from '../../../../src/config/load-policy.js';
import { mentionSchema, type Mention } from '../../../../src/domain/mention.js';
import type { Policy } from '../../../../src/policy/policy-schema.js';
import { ana, cara, claimedByAna, cmd, dev, NOW, run } from '../../../helpers/domain-builders.js';
import { blockKitProblems } from './block-kit-check.js';

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

describe('renderCaseBlocks', () => {
  it('renders an ordinary card exactly', () => {
    expect(renderCaseBlocks(ordinary)).toEqual([
      { type: 'header', block_id: 'title', text: { type: 'plain_text', text: ':large_orange_circle: X mention · MD-1001', emoji: true } },
      { type: 'context', block_id: 'author', elements: [{ type: 'mrkdwn', text: '*Sam Resident* · @samres · 1,200 followers', verbatim: true }] },
      { type: 'section', block_id: 'text', text: { type: 'mrkdwn', text: '>Bins missed on Elm Road', verbatim: true } },
      { type: 'context', block_id: 'link', elements: [{ type: 'mrkdwn', text: ':link: <https://x.com/samres/status/1|Open the original post>', verbatim: true }] },
      { type: 'section', block_id: 'facts-1', fields: [
        { type: 'mrkdwn', text: '*State*\nClaimed', verbatim: true },
        { type: 'mrkdwn', text: '*Owner*\nAna Patel', verbatim: true },
      ] },
      { type: 'actions', block_id: 'actions-1', elements: [
        { type: 'button', action_id: 'case.release', text: { type: 'plain_text', text: 'Release', emoji: true }, value: '{"c":"MD-1001","v":2}' },
        { type: 'button', action_id: 'case.reply.submit', text: { type: 'plain_text', text: 'Reply', emoji: true }, value: '{"c":"MD-1001","v":2,"a":{"form":"reply"}}', style: 'primary' },
      ] },
    ]);
    expect(cardFallbackText(ordinary)).toBe('X mention · MD-1001 from Sam Resident: Bins missed on Elm Road');
  });

  it('escapes a resident\'s markup so it cannot ping a channel, mention someone or disguise a link', () => {
    const blocks = renderCaseBlocks({ ...ordinary, text: 'Hi <!channel> <@U0BOSS> see <https://evil.example|the council site> & more', author: { ...ordinary.author, name: '<!here> Bob' } });
    const json = JSON.stringify(blocks);
    expect(json).toContain('>Hi &lt;!channel&gt; &lt;@U0BOSS&gt; see &lt;https://evil.example|the council site&gt; &amp; more');
    expect(json).toContain('*&lt;!here&gt; Bob*');
    expect(json).not.toMatch(/<!channel>|<!here>|<@U0BOSS>|<https:\/\/evil/);
  });

  it('keeps every Block Kit limit for the largest mention the intake accepts, on its busiest card', () => {
    const huge = 'Bins & <recycling> '.repeat(6000).slice(0, 100_000);
    const mention: Mention = mentionSchema.parse({
      network: 'x', externalId: '1'.repeat(300), url: `https://x.com/${'a'.repeat(1980)}`, text: huge,
      postedAt: '2025-06-12T09:30:00Z', kind: 'reply',
      author: { id: 'a'.repeat(200), name: '&'.repeat(200), handle: '<'.repeat(200), followers: 12_345_678, verified: true },
      parent: { externalId: 'p', text: `${'\n'.repeat(50_000)}${'>'.repeat(50_000)}`, url: `https://x.com/${'p'.repeat(1980)}` },
    });
    const c = run(claimedByAna(),
      [cmd.classify('waste', 'complaint', '&'.repeat(500)), ana],
      [cmd.escalateToLead('waste', '<'.repeat(1000)), ana],
      [cmd.escalateToLeadership('>'.repeat(1000)), ana],
      [cmd.acknowledge('esc-1', '&'.repeat(1000)), dev],
      [cmd.reply('x'.repeat(280), true), ana],
      [cmd.moderate('hide', true, 'spam', '&'.repeat(500)), ana],
      [cmd.moderate('delete', true, 'spam'), ana],
      [cmd.moderate('block', true, 'abuse_of_staff'), ana],
      [cmd.moderate('unblock', true, 'abuse_of_staff'), cara],
    );
    const card = buildCaseCard({ case: c, mention, policy, now: NOW, banners: Array.from({ length: 9 }, () => ({ tone: 'danger' as const, text: '<'.repeat(5000) })) });
    const blocks = renderCaseBlocks(card) as unknown as Record<string, unknown>[];
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('"case.moderation.approve#4"'); // four approvals waiting, four distinct ids
    // The same card rendered from an uncut card model (100k characters) still fits: the renderer cuts, never Slack.
    const raw = renderCaseBlocks({ ...card, text: huge, parent: { text: huge, url: null }, activity: Array.from({ length: 200 }, () => '&'.repeat(700)) }) as unknown as Record<string, unknown>[];
    expect(blockKitProblems(raw)).toEqual([]);
    expect(JSON.stringify(raw)).toContain('read the whole post on the network');
    expect(JSON.stringify(raw)).toContain('earlier lines not shown');
    expect(cardFallbackText(card).length).toBeLessThan(1000);
  });

  it('gives repeated actions unique action_ids and reads them back to the shared action', () => {
    const card: CaseCard = { ...ordinary, actions: [
      { actionId: 'case.moderation.approve', label: 'Approve hide', style: 'danger', args: { moderationId: 'mod-1' } },
      { actionId: 'case.moderation.approve', label: 'Approve block', style: 'danger', args: { moderationId: 'mod-2' } },
      { actionId: 'case.moderation.reject', label: 'Reject block', style: 'default', opens: 'reject', args: { moderationId: 'mod-2' } },
    ] };
    const buttons = renderCaseBlocks(card).flatMap((b) => (b.type === 'actions' ? b.elements : [])) as Array<{ action_id: string; value: string }>;
    expect(buttons.map((b) => b.action_id)).toEqual(['case.moderation.approve', 'case.moderation.approve#2', 'case.moderation.reject']);
    expect(parseCardPayload(buttons[1]!.action_id, buttons[1]!.value)).toEqual({ actionId: 'case.moderation.approve', caseId: 'MD-1001', version: 2, args: { moderationId: 'mod-2' }, formId: null });
    expect(parseCardPayload(buttons[2]!.action_id, buttons[2]!.value)).toMatchObject({ actionId: 'case.moderation.reject', args: { moderationId: 'mod-2' }, formId: 'reject' });
  });

  it('rejects a damaged or foreign payload', () => {
    expect(parseCardPayload('case.claim', 'not json')).toBeNull();
    expect(parseCardPayload('case.claim', '{"c":"MD-1","v":0}')).toBeNull();
    expect(parseCardPayload('other.thing', '{"c":"MD-1","v":1}')).toBeNull();
    expect(parseCardPayload('case.claim', '{"c":"MD-1","v":1,"a":{"form":"launch"}}')).toBeNull();
  });
});
