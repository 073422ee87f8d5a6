// Owns rendering the neutral case card as a Block Kit message, within every Block Kit limit.
import type { types } from '@slack/bolt';
import type { CaseCard, Tone } from '../../cards/card-model.js';
import { BLOCK_KIT } from './block-kit-limits.js';
import { renderButtonRows } from './render-buttons.js';
import { authorBlock, linkBlock, mentionTextBlock, parentBlock } from './render-mention-blocks.js';
import { cut, escapeAndCut, escapeSlack, mrkdwn, plain } from './slack-text.js';

const TONE: Record<Tone, string> = { danger: ':red_circle:', warning: ':warning:', info: ':information_source:', good: ':white_check_mark:' };
const RISK: Record<CaseCard['risk'], string> = { high: ':red_circle:', medium: ':large_orange_circle:', low: ':white_circle:' };
const MAX_BANNERS = 5;

export function renderCaseBlocks(card: CaseCard): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [
    { type: 'header', block_id: 'title', text: plain(`${RISK[card.risk]} ${card.title}`, BLOCK_KIT.headerText) },
    ...safeguardingBlocks(card),
    ...card.banners.slice(0, MAX_BANNERS).map((b, i): types.SectionBlock => ({
      type: 'section', block_id: `banner-${i + 1}`, text: mrkdwn(`${TONE[b.tone]} *${escapeAndCut(b.text, BLOCK_KIT.sectionText - 40).text}*`),
    })),
    authorBlock(card),
    mentionTextBlock(card),
  ];
  const parent = parentBlock(card);
  if (parent) blocks.push(parent);
  blocks.push(linkBlock(card), ...factBlocks(card));
  const activity = activityBlock(card);
  if (activity) blocks.push(activity);
  blocks.push(...renderButtonRows(card.caseId, card.version, card.actions, 'actions'));
  return blocks.slice(0, BLOCK_KIT.messageBlocks);
}

/** A safeguarding referral, first and unmistakable: a red banner section naming it, set off by dividers. */
function safeguardingBlocks(card: CaseCard): types.KnownBlock[] {
  if (!card.safeguarding) return [];
  const { title, text } = card.safeguarding;
  return [{ type: 'section', block_id: 'safeguarding', text: mrkdwn(`:rotating_light: :red_circle: *${escapeSlack(title).toUpperCase()}* :red_circle: :rotating_light:\n*${escapeAndCut(text, BLOCK_KIT.sectionText - 200).text}*`) }, { type: 'divider', block_id: 'safeguarding-end' }];
}

/** The notification and screen-reader text that goes with the blocks. */
export function cardFallbackText(card: CaseCard): string {
  const who = escapeAndCut(card.author.name || card.author.handle || 'someone', 200).text;
  const alarm = card.safeguarding ? `${escapeSlack(card.safeguarding.title).toUpperCase()}: ` : '';
  return `${alarm}${escapeSlack(card.title)} from ${who}: ${escapeAndCut(card.text, 300).text}`;
}

function factBlocks(card: CaseCard): types.SectionBlock[] {
  const fields = card.facts.map((f) => mrkdwn(`*${escapeAndCut(f.label, 100).text}*\n${escapeAndCut(f.value, BLOCK_KIT.fieldText - 110).text}`));
  const blocks: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += BLOCK_KIT.fields) {
    blocks.push({ type: 'section', block_id: `facts-${blocks.length + 1}`, fields: fields.slice(i, i + BLOCK_KIT.fields) });
  }
  return blocks;
}

/** Escalations, replies and moderation, one line each; the latest lines are the ones kept when it is long. */
function activityBlock(card: CaseCard): types.SectionBlock | null {
  if (!card.activity.length) return null;
  const lines = card.activity.map((line) => `• ${escapeAndCut(line, 600).text}`);
  let text = lines.join('\n');
  for (let dropped = 1; text.length > BLOCK_KIT.sectionText; dropped++) {
    text = [`_(${dropped} earlier line${dropped > 1 ? 's' : ''} not shown)_`, ...lines.slice(dropped)].join('\n');
  }
  return { type: 'section', block_id: 'activity', text: mrkdwn(cut(text, BLOCK_KIT.sectionText)) };
}
