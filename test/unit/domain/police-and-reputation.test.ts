// Immediate danger (002 §6.3.3–6.3.4): whether the police were told is a decision recorded with its reason and who
// made it. High reputational risk (001 matrix option 5): flagged once by the bot, offered for leadership on the card.
import { describe, expect, it } from 'vitest';
import { buildCaseCard } from '../../../src/cards/build-case-card.js';
import { commandFromAction } from '../../../src/cards/command-from-action.js';
import type { Case } from '../../../src/domain/case.js';
import type { CaseCommand } from '../../../src/domain/commands.js';
import type { Mention } from '../../../src/domain/mention.js';
import { readMention } from '../../../src/policy/read-mention.js';
import { ana, cara, claimedByAna, closedCase, decide, expectRefused, gil, openedCase, run, system } from '../../helpers/domain-builders.js';
import { defaultPolicy } from '../policy/policy-fixtures.js';

const refer = (decision: 'referred' | 'not_referred', reason: string, reference: string | null = null): CaseCommand => ({ type: 'case.police.refer', decision, reason, reference });
const referred = (): Case => run(openedCase(), [{ type: 'case.escalate', target: { type: 'safeguarding' }, reason: 'Threat to staff' }, system]);
const mention = (text: string, followers: number | null = 40): Mention => ({
  network: 'facebook', externalId: 'fb-1', url: 'https://facebook.com/1', text, postedAt: '2026-06-02T10:00:00Z', kind: 'comment',
  author: { id: 'a-1', name: 'Sam', handle: 'sam', followers, verified: false },
});
const card = (c: Case, m = mention('x')) => buildCaseCard({ case: c, mention: m, policy: defaultPolicy, now: new Date('2026-06-02T11:00:00Z') });

describe('the police decision', () => {
  it('records who decided, why and the police reference, and says so on the card', () => {
    const c = run(referred(), [refer('referred', 'Threat to burn the depot with staff inside', ' HC-1187 '), cara]);
    expect(c.policeReferral).toMatchObject({ decision: 'referred', reason: 'Threat to burn the depot with staff inside', reference: 'HC-1187', decidedBy: 'Cara Lee' });
    expect(card(c).facts.find((f) => f.label === 'Police')?.value).toMatch(/^Told the police \(Cara Lee, .*reference HC-1187\): Threat to burn/);
  });

  it('records a decision not to tell them, which someone may later revise', () => {
    const c = run(referred(), [refer('not_referred', 'A figure of speech about a football match'), gil], [refer('referred', 'He posted again with the address'), cara]);
    expect(c.policeReferral).toMatchObject({ decision: 'referred', decidedBy: 'Cara Lee' });
    expect(card(c).actions.find((a) => a.actionId === 'case.police.refer')?.label).toBe('Police: change the decision');
  });

  it('refuses a decision without a reason, a second referral without a new reference, and officers', () => {
    expectRefused(referred(), refer('referred', '  '), cara, { code: 'invalid', rule: 'police:reason', message: 'Say why' });
    const told = run(referred(), [refer('referred', 'Threat', 'HC-1'), cara]);
    expectRefused(told, refer('referred', 'Again'), cara, { code: 'invalid', rule: 'police:once', message: 'The police were already told (Cara Lee)' });
    expect(decide(told, refer('referred', 'Again, new incident', 'HC-2'), cara).ok).toBe(true);
    expectRefused(referred(), refer('referred', 'Threat'), ana, { code: 'not_permitted', rule: 'permission:case.police.refer', message: 'Only comms manager or safeguarding lead or leadership can do that' });
  });

  it('is offered on a live safeguarding referral, also once closed, and not on an ordinary case', () => {
    expect(card(referred()).actions.map((a) => a.actionId)).toContain('case.police.refer');
    expect(card(referred()).facts.find((f) => f.label === 'Police')?.value).toMatch(/^No decision recorded yet/);
    expect(card(claimedByAna()).actions.map((a) => a.actionId)).not.toContain('case.police.refer');
    expect(card(closedCase()).actions.map((a) => a.actionId)).not.toContain('case.police.refer');
    const closedReferral = run(referred(), [{ type: 'case.close', outcome: 'monitored', note: null }, cara]);
    expect(card(closedReferral).actions.map((a) => a.actionId)).toContain('case.police.refer');
  });

  it('parses the police form and names a missing field', () => {
    expect(commandFromAction('case.police.refer', {}, { decision: 'referred', reason: 'Threat', reference: '' }, defaultPolicy)).toEqual({ ok: true, command: refer('referred', 'Threat') });
    expect(commandFromAction('case.police.refer', {}, { decision: 'maybe', reason: 'Threat' }, defaultPolicy)).toEqual({ ok: false, fieldErrors: { decision: 'Choose whether the police were told.' } });
    expect(commandFromAction('case.police.refer', {}, { decision: 'referred', reason: '' }, defaultPolicy)).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
  });
});

describe('a high reputational risk', () => {
  it('is read from an influential author, the press or a controversial subject, and not from an ordinary post', () => {
    expect(readMention(defaultPolicy, mention('When is the tip open?', 25_000)).reputational).toEqual(['an influential author (25,000 followers)']);
    expect(readMention(defaultPolicy, mention('Local democracy reporter here, can we have a statement on the bins?')).reputational[0]).toMatch(/^the press or an elected representative \(.*"local democracy reporter"/);
    expect(readMention(defaultPolicy, mention('Another council tax rise while the library closures go ahead')).reputational[0]).toMatch(/^a controversial subject \("council tax rise"/);
    expect(readMention(defaultPolicy, mention('When is the tip open?')).reputational).toEqual([]);
  });

  it('is flagged once, by the bot only, and offered for leadership until someone escalates it there', () => {
    const flag: CaseCommand = { type: 'case.reputation.flag', reasons: ['an influential author (25,000 followers)'] };
    const flagged = run(openedCase(), [flag, system]);
    expect(flagged.reputationalRisk?.reasons).toEqual(['an influential author (25,000 followers)']);
    expectRefused(flagged, flag, system, { code: 'invalid', rule: 'reputation:once', message: 'already flagged' });
    expectRefused(openedCase(), flag, cara, { code: 'not_permitted', rule: 'permission:case.reputation.flag', message: 'Only the bot can do that' });
    const offer = card(flagged).actions.find((a) => a.label === 'Escalate to leadership');
    expect(offer).toMatchObject({ actionId: 'case.escalate', args: { target: 'leadership', reason: 'High reputational risk (001 triage matrix option 5): an influential author (25,000 followers)' } });
    expect(card(flagged).banners.map((b) => b.text)).toContainEqual(expect.stringMatching(/^High reputational risk: an influential author/));
    const parsed = commandFromAction(offer!.actionId, offer!.args ?? {}, {}, defaultPolicy);
    if (!parsed.ok) throw new Error('offer did not parse');
    const escalated = run(flagged, [parsed.command, cara]);
    expect(escalated.escalations[0]).toMatchObject({ target: { type: 'leadership' }, raisedBy: 'Cara Lee' });
    expect(card(escalated).actions.some((a) => a.label === 'Escalate to leadership')).toBe(false);
    expect(card(escalated).banners.some((b) => b.text.startsWith('High reputational risk'))).toBe(false);
  });
});
