// Every action a card's button or form may name is one the desk understands: pressed with nothing filled in, it is a
// command or a form's named field errors, never "Unknown action" (which a typo in a button used to be, found only on
// the click). A name the desk does not know, as a surface might send it back, is refused naming the action.
import { describe, expect, it } from 'vitest';
import { CARD_ACTION_IDS } from '../../../src/cards/card-action-ids.js';
import { commandFromAction } from '../../../src/cards/command-from-action.js';
import { loadPolicy } from '../../../src/config/load-policy.js';

const policy = await loadPolicy(null);

describe('card action ids', () => {
  it.each(CARD_ACTION_IDS)('%s is understood', (actionId) => {
    const parsed = commandFromAction(actionId, {}, {}, policy);
    if (parsed.ok) expect(parsed.command.type).toBeTruthy();
    else expect(Object.values(parsed.fieldErrors).join(' ')).not.toMatch(/^Unknown action/);
  });

  it('refuses an action it does not know, naming it', () => {
    expect(commandFromAction('case.clam', {}, {}, policy)).toEqual({ ok: false, fieldErrors: { action: 'Unknown action case.clam.' } });
  });
});
