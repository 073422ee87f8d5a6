// Owns the Adaptive Card JSON building blocks every Teams card uses (schema 1.5, the version Teams renders).
import type { Tone } from '../../cards/card-model.js';
import type { TeamsMention } from './teams-text.js';

export type AcElement = Record<string, unknown>;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: AcElement[];
  readonly actions?: AcElement[];
  readonly refresh?: AcElement;
  readonly msteams: { readonly width: 'Full'; readonly entities?: TeamsMention['entity'][] };
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Microsoft's default host config allows 5 actions per set; more would be dropped with a warning. */
export const ACTIONS_PER_SET = 5;

export function adaptiveCard(body: AcElement[], extra: { actions?: AcElement[]; refresh?: AcElement; mentions?: readonly TeamsMention[] } = {}): AdaptiveCard {
  const entities = extra.mentions?.length ? { entities: extra.mentions.map((m) => m.entity) } : {};
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(extra.actions?.length ? { actions: extra.actions } : {}),
    ...(extra.refresh ? { refresh: extra.refresh } : {}),
    msteams: { width: 'Full', ...entities },
  };
}

/** A message carrying one card, as the Bot Connector takes it. */
export function cardMessage(card: AdaptiveCard, summary?: string) {
  return { type: 'message' as const, ...(summary ? { summary } : {}), attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

/** `text` must already be escaped (teams-text.ts) or be our own words. */
export function textBlock(text: string, style: { size?: 'Small' | 'Medium' | 'Large'; weight?: 'Bolder'; color?: 'Attention' | 'Warning' | 'Good' | 'Accent'; subtle?: boolean; spacing?: 'None' | 'Small'; id?: string } = {}): AcElement {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

/** Words shown exactly as typed: a TextRun never reads markdown (the text must still be neutralised). */
export function plainRun(text: string, style: { italic?: boolean } = {}): AcElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

const CONTAINER_STYLE: Record<Tone, string> = { danger: 'attention', warning: 'warning', info: 'accent', good: 'good' };

/** A banner: an emphasis container in the tone's colour, with bold text (already escaped). */
export function banner(tone: Tone, text: string, id?: string): AcElement {
  return { type: 'Container', ...(id ? { id } : {}), style: CONTAINER_STYLE[tone], bleed: true, items: [textBlock(text, { weight: 'Bolder' })] };
}

/** `facts` values already escaped. */
export function factSet(facts: ReadonlyArray<{ title: string; value: string }>): AcElement {
  return { type: 'FactSet', facts: facts.map((f) => ({ title: f.title, value: f.value })) };
}

/** Actions in sets of at most ACTIONS_PER_SET, so every one of them renders. */
export function actionSets(actions: readonly AcElement[], idPrefix: string): AcElement[] {
  const sets: AcElement[] = [];
  for (let i = 0; i < actions.length; i += ACTIONS_PER_SET) {
    sets.push({ type: 'ActionSet', id: `${idPrefix}-${sets.length + 1}`, actions: actions.slice(i, i + ACTIONS_PER_SET) });
  }
  return sets;
}

export function openUrl(url: string, title: string): AcElement | null {
  // Only web links: a javascript: or file: URL in a resident's post must not become a button.
  if (!/^https?:\/\/[^\s]+$/i.test(url) || url.length > 2000) return null;
  return { type: 'Action.OpenUrl', title, url };
}
