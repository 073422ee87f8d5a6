// Owns checking a card with Microsoft's own renderer (`adaptivecards`, schema 1.5): parse events, property
// validation (ids, required-input labels, actions per set) and warnings while rendering to a minimal DOM.
//
// Why a shim: the package's lib/ is extensionless ESM that Node cannot load, so we use its UMD bundle
// (dist/adaptivecards.js) through require. Parsing and validation need no DOM; render() needs
// `document`, and touches only createElement, style, classList, attributes and a few instanceof checks,
// which dom-shim.ts provides. Layout is never measured, so nothing visual is checked: only that the
// renderer accepts every element and says nothing.
import { createRequire } from 'node:module';
import { withDomShim } from './dom-shim.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

// A host supplies markdown processing (Teams does); without it the renderer warns on every TextBlock.
// This one keeps the text as it is, so the check is about the card, not about a markdown library.
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
  result.didProcess = true;
};

export interface CardCheck {
  readonly problems: string[];
  /** Every input id in the card, ShowCards included. */
  readonly inputIds: string[];
}

/** An empty `problems` list means Microsoft's renderer parsed, validated and rendered the card without a word. */
export function checkAdaptiveCard(json: object): CardCheck {
  const problems: string[] = [];
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  const validation = card.validateProperties();
  for (const e of validation.validationEvents) problems.push(`validate: ${e.message}`);
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void problems.push(`render: ${args.map(String).join(' ')}`);
  try {
    if (!withDomShim(() => card.render())) problems.push('render: nothing rendered');
  } catch (e) {
    problems.push(`render threw: ${(e as Error).message}`);
  } finally {
    console.warn = warn;
  }
  if ((json as { version?: string }).version !== '1.5') problems.push('card version is not 1.5');
  return { problems, inputIds: Object.keys(validation.allIds) };
}
