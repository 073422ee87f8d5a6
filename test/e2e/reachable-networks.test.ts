// The capability table drives the cards: a network the desk cannot act on offers no Reply or Moderate button.
import { afterEach, describe, expect, it } from 'vitest';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import { loadCaseView } from '../../src/services/load-case-view.js';
import type { NetworkConnector } from '../../src/services/ports.js';
import { sampleMention, startTestDesk, type TestDesk } from '../helpers/test-desk.js';

let desk: TestDesk | null = null;
afterEach(async () => { await desk?.close(); desk = null; });

const ana = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer' as const], surface: 'slack' as const };
const facebook: NetworkConnector = { network: 'facebook', reply: async () => ({ networkReplyId: 'r1' }), moderate: async () => {} };

async function claimedCardActions(d: TestDesk): Promise<{ actions: string[]; facts: string[] }> {
  const { caseId } = (await d.postMentions(sampleMention({ network: 'facebook' }))).json;
  await executeCaseCommand(d.ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: ana });
  const view = await loadCaseView(d.ctx, caseId);
  return { actions: view!.card.actions.map((a) => a.actionId), facts: view!.card.facts.map((f) => `${f.label}: ${f.value}`) };
}

describe('cards and the networks the desk can act on', () => {
  it('sends staff to Facebook itself when Facebook is not connected', async () => {
    desk = await startTestDesk();
    const card = await claimedCardActions(desk);
    expect(card.actions).not.toContain('case.reply.submit');
    expect(card.actions).not.toContain('case.moderate');
    expect(card.facts).toContain('Replies: on Facebook itself, from the link (the desk cannot post there)');
  });

  it('offers Reply and Moderate once a Facebook connector is there', async () => {
    desk = await startTestDesk({ connectors: [facebook] });
    const card = await claimedCardActions(desk);
    expect(card.actions).toEqual(expect.arrayContaining(['case.reply.submit', 'case.moderate']));
  });
});
