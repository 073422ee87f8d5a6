// Owns rendering card buttons as Block Kit actions blocks: unique action_ids, shared payload values, 25 per block.
import type { types } from '@slack/bolt';
import type { CardButton } from '../../cards/card-model.js';
import { BLOCK_KIT } from './block-kit-limits.js';
import { buttonValue, uniqueActionIds } from './slack-action-ids.js';
import { plain } from './slack-text.js';

/** Buttons beyond this are dropped (and logged by the caller's tests): four full rows is already a wall. */
export const MAX_BUTTONS = BLOCK_KIT.actionsElements * 4;

export function renderButtonRows(caseId: string, version: number, buttons: readonly CardButton[], blockIdPrefix: string): types.ActionsBlock[] {
  const shown = buttons.slice(0, MAX_BUTTONS);
  const ids = uniqueActionIds(shown.map((b) => b.actionId));
  const elements = shown.map((b, i) => renderButton(caseId, version, b, ids[i] ?? b.actionId));
  const rows: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += BLOCK_KIT.actionsElements) {
    rows.push({ type: 'actions', block_id: `${blockIdPrefix}-${rows.length + 1}`, elements: elements.slice(i, i + BLOCK_KIT.actionsElements) });
  }
  return rows;
}

function renderButton(caseId: string, version: number, b: CardButton, actionId: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(b.label, BLOCK_KIT.buttonText),
    value: buttonValue(caseId, version, b),
    ...(b.style === 'default' ? {} : { style: b.style }),
  };
}
