// Reply rules (issue 5 "Reply rules"): each checked before a reply is sent, each naming its rule and source.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import type { Policy } from '../../../src/policy/policy-schema.js';
import { checkReplyRules, composeReply, looksLikeRealName, type ReplyCheckInput } from '../../../src/policy/reply-rules.js';
import { caseOf, defaultPolicy, london, mention, policyWith } from './policy-fixtures.js';

const NOW = london('2026-03-03T10:30');
const FOI_ROUTE = defaultPolicy.replyRules.foi.route;

function check(over: Partial<Omit<ReplyCheckInput, 'draft'>> & { text?: string; visibility?: 'public' | 'private' } = {}) {
  const { text = 'Sorry about that. Please report it at https://www.example.gov.uk/bins', visibility = 'public', ...rest } = over;
  return checkReplyRules({
    policy: defaultPolicy,
    mention: mention(),
    case: caseOf(),
    initials: 'AP',
    now: NOW,
    accountBlocked: false,
    draft: { text, visibility },
    ...rest,
  });
}
const ruleIds = (r: ReturnType<typeof check>) => r.violations.map((v) => v.ruleId);
const foiCase: Case = caseOf({ classification: { serviceTag: 'general', kind: 'foi_request', note: null } });
const onFacebook = (over: Parameters<typeof mention>[0] = {}) => mention({ network: 'facebook', url: 'https://facebook.com/p/1', ...over });

describe('composeReply: the sign-off (002 §5.5)', () => {
  it('adds the sender\'s initials in the policy\'s format', () => {
    expect(composeReply(defaultPolicy, 'Thanks, we have passed this on.', 'AP')).toBe('Thanks, we have passed this on. ^AP');
  });

  it('does not sign twice, and drops trailing spaces before signing', () => {
    expect(composeReply(defaultPolicy, 'Thanks ^AP', 'AP')).toBe('Thanks ^AP');
    expect(composeReply(defaultPolicy, 'Thanks ^AP  \n', 'AP')).toBe('Thanks ^AP');
    expect(composeReply(defaultPolicy, 'Thanks   ', 'AP')).toBe('Thanks ^AP');
  });

  it('leaves a draft already signed by someone else for the check to question', () => {
    expect(composeReply(defaultPolicy, 'Thanks ^GM', 'AP')).toBe('Thanks ^GM');
  });

  it('does not sign when the council does not sign replies', () => {
    const unsigned = policyWith((p) => void (p.replyRules.signOff.required = false));
    expect(composeReply(unsigned, 'Thanks', 'AP')).toBe('Thanks');
  });

  it('gives the same text when applied twice', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom('AP', 'GM', 'JKL'), (draft, initials) => {
        const once = composeReply(defaultPolicy, draft, initials);
        expect(composeReply(defaultPolicy, once, initials)).toBe(once);
      }),
    );
  });
});

describe('checkReplyRules', () => {
  it('passes an ordinary signed public reply and returns the text that will be sent', () => {
    const r = check();
    expect(r).toEqual({ finalText: 'Sorry about that. Please report it at https://www.example.gov.uk/bins ^AP', violations: [], needsApproval: null });
  });

  it('counts the sign-off against the network\'s limit and says how far over it is (004 §5)', () => {
    expect(check({ text: 'a'.repeat(276) }).violations).toEqual([]);
    const r = check({ text: 'a'.repeat(280) });
    expect(r.violations).toEqual([
      {
        ruleId: 'reply:length',
        field: 'text',
        message: "X counts this reply as 284 with the sign-off (a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2), 4 over X's limit of 280. Shorten it or link to the website.",
        source: '004 §5 (280 characters)',
      },
    ]);
  });

  it('counts an emoji as one character on a network that counts characters', () => {
    const tight = policyWith((p) => void (p.networks['facebook']!.textLimit = 280));
    expect(check({ policy: tight, mention: onFacebook(), text: `${'a'.repeat(275)}🗑` }).violations).toEqual([]);
    expect(check({ policy: tight, mention: onFacebook(), text: `${'a'.repeat(276)}🗑` }).violations.map((v) => v.ruleId)).toEqual(['reply:length']);
  });

  describe("on X, counts the way X does (twitter-text's weighted length)", () => {
    it('takes a reply with a long gov.uk link, which X counts as 23', () => {
      const link = 'https://www.gov.uk/government/publications/household-waste-recycling-centre-booking-guidance-for-residents-2026';
      const text = `${'Sorry your bins were missed. '.repeat(7).trim()} Book a collection here: ${link}`;
      expect([...`${text} ^AP`].length).toBeGreaterThan(280);
      expect(check({ text }).violations).toEqual([]);
    });

    it('refuses 274 characters plus a 👍 and the sign-off, which X counts as 281', () => {
      const r = check({ text: `${'a'.repeat(274)} 👍` });
      expect([...r.finalText].length).toBe(280);
      expect(r.violations.map((v) => v.message)).toEqual([expect.stringMatching(/^X counts this reply as 281 with the sign-off .*, 1 over X's limit of 280\./)]);
    });

    it('counts Chinese, Japanese and Korean characters as 2', () => {
      expect(check({ text: '日'.repeat(138) }).violations).toEqual([]);
      expect(check({ text: '日'.repeat(139) }).violations.map((v) => v.ruleId)).toEqual(['reply:length']);
    });
  });

  it('questions a reply signed with someone else\'s initials, or unsigned because initials are missing', () => {
    expect(check({ text: 'Thanks ^GM' }).violations[0]).toMatchObject({ ruleId: 'reply:sign-off', message: expect.stringContaining('signed ^GM but you are sending it: sign it ^AP') });
    expect(check({ initials: '' }).violations[0]).toMatchObject({ ruleId: 'reply:sign-off', source: expect.stringContaining('002 §5.5') });
  });

  it('refuses personal data in a public reply and suggests a private reply where the network takes them', () => {
    const r = check({ text: 'Hi Jane, we will call you on 07700 900123 about 12 High Street, SG6 3JF' });
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ ruleId: 'reply:personal-data', field: 'text', source: defaultPolicy.replyRules.personalData.source });
    expect(r.violations[0]!.message).toContain('a phone number ("07700 900123"), a home address (house number and postcode) ("12 High Street, SG6 3JF")');
    expect(r.violations[0]!.message).toContain('Send it as a private reply instead');
  });

  it('on a network without direct messages, suggests taking the details out instead', () => {
    const r = check({ mention: mention({ network: 'facebook' }), text: 'Email us back at jane@gmail.com' });
    expect(r.violations[0]!.message).toContain('Facebook does not take direct messages: take the details out');
  });

  it('allows personal data in a private reply, and in the answer to a direct message', () => {
    expect(check({ visibility: 'private', text: 'Your account 12345678 is up to date' }).violations).toEqual([]);
    expect(check({ mention: mention({ kind: 'direct_message' }), text: 'Your account 12345678 is up to date' }).violations).toEqual([]);
  });

  it('does not count the council\'s own FOI address as personal data', () => {
    expect(check({ text: `Thanks. ${FOI_ROUTE}` }).violations).toEqual([]);
  });

  it('offers a private reply only where the network takes direct messages', () => {
    expect(check({ visibility: 'private' }).violations).toEqual([]);
    const r = check({ mention: mention({ network: 'facebook' }), visibility: 'private' });
    expect(r.violations).toEqual([expect.objectContaining({ ruleId: 'reply:direct-messages', field: 'visibility' })]);
  });

  it('does not reply on a case closed as moderated, or to a blocked account', () => {
    const moderated = caseOf({ state: 'closed', outcome: 'moderated', closedAt: '2026-03-03T10:20:00.000Z' });
    expect(ruleIds(check({ case: moderated }))).toEqual(['reply:case-moderated']);
    expect(ruleIds(check({ case: caseOf({ state: 'closed', outcome: 'monitored' }) }))).toEqual([]);
    expect(ruleIds(check({ accountBlocked: true }))).toEqual(['reply:account-blocked']);
  });

  it('sends people to the network itself where Mention Desk has no connector, or the network is unknown', () => {
    const r = check({ mention: mention({ network: 'nextdoor' }) });
    expect(r.violations).toEqual([expect.objectContaining({ ruleId: 'reply:on-network', message: expect.stringContaining('reply on the network itself, from the link') })]);
    expect(ruleIds(check({ mention: mention({ network: 'mumsnet' }) }))).toEqual(['reply:on-network']);
  });

  describe('FOI requests (001 "FoI requests")', () => {
    it('accepts an acknowledgement with the FOI route to a requester whose real name shows', () => {
      expect(check({ case: foiCase, mention: onFacebook(), text: `Thanks Jane. ${FOI_ROUTE}` }).violations).toEqual([]);
    });

    it('requires the FOI route in the reply', () => {
      const r = check({ case: foiCase, text: 'We will look into it' });
      expect(r.violations).toEqual([expect.objectContaining({ ruleId: 'reply:foi-route', source: defaultPolicy.replyRules.foi.source })]);
    });

    it('explains that a request from an account without a real name does not count yet', () => {
      const r = check({ case: foiCase, mention: onFacebook({ author: { id: '9', name: 'BinWatcher99', handle: 'bw' } }), text: FOI_ROUTE });
      expect(ruleIds(r)).toEqual(['reply:foi-name']);
      expect(r.violations[0]!.message).toContain("real name is visible, or they give a name and an address for correspondence; this profile shows \"BinWatcher99\"");
    });
  });

  it.each([
    ['Jane Smith', true],
    ["Mary-Jane O'Neil", true],
    ['J. Smith', true],
    ['Siân Llŷr Evans', true],
    ['jane', false],
    ['BinWatcher99', false],
    ['Jane S', false],
    ['', false],
    ['🐝 Bee Keeper', false],
  ])('treats "%s" as a real name: %s', (name, expected) => {
    expect(looksLikeRealName(name)).toBe(expected);
  });

  describe('pre-election period (004 §2)', () => {
    const purdah: Policy = policyWith((p) => void (p.replyRules.preElectionPeriods = [{ name: 'Local elections 2026', from: '2026-03-26', to: '2026-05-07' }]));
    const inPurdah = london('2026-04-20T10:00');

    it('holds a reply on a political service for a manager, without calling it a violation', () => {
      const r = check({ policy: purdah, now: inPurdah, case: caseOf({ classification: { serviceTag: 'democracy', kind: 'question', note: null } }) });
      expect(r.violations).toEqual([]);
      expect(r.needsApproval).toMatchObject({ ruleId: 'reply:pre-election', source: '004 §2 (purdah: political content needs sign-off)' });
      expect(r.needsApproval!.message).toBe(
        'It is the pre-election period (Local elections 2026, 26 March 2026 to 7 May 2026) and the case is tagged Democracy and Elections, a political service, so a comms manager must approve this reply before it goes (004 §2 (purdah: political content needs sign-off)).',
      );
    });

    it('holds a reply when the draft or the mention uses a political term', () => {
      expect(check({ policy: purdah, now: inPurdah, text: 'We cannot tell you who to vote for' }).needsApproval?.message).toContain('it mentions "vote for"');
      expect(check({ policy: purdah, now: inPurdah, mention: mention({ text: 'Is the Labour manifesto right about bins?' }) }).needsApproval?.message).toContain('"labour", "manifesto"');
    });

    it('does not hold a non-political reply, nor a political one outside the period', () => {
      expect(check({ policy: purdah, now: inPurdah }).needsApproval).toBeNull();
      expect(check({ policy: purdah, now: london('2026-05-08T09:00'), text: 'vote for us' }).needsApproval).toBeNull();
    });
  });

  it('gives every violation a rule id, a field, a message and a source', () => {
    const r = check({
      case: caseOf({ state: 'closed', outcome: 'moderated', classification: { serviceTag: 'general', kind: 'foi_request', note: null } }),
      mention: mention({ network: 'tiktok', author: { id: '1', name: 'x' } }),
      accountBlocked: true,
      visibility: 'private',
      text: `Call 07700 900123 ${'a'.repeat(200)} ^GM`,
    });
    expect(ruleIds(r).sort()).toEqual(
      ['reply:account-blocked', 'reply:case-moderated', 'reply:direct-messages', 'reply:foi-name', 'reply:foi-route', 'reply:length', 'reply:on-network', 'reply:sign-off'].sort(),
    );
    for (const v of r.violations) {
      expect(v.message.length).toBeGreaterThan(20);
      expect(v.source.length).toBeGreaterThan(2);
    }
  });
});

describe('checkReplyRules: private messages', () => {
  it("holds a direct message to X's private limit, not the 280 of a public post", () => {
    const long = 'a'.repeat(600);
    expect(check({ text: long, visibility: 'private' }).violations.map((v) => v.ruleId)).not.toContain('reply:length');
    expect(check({ text: long, mention: mention({ kind: 'direct_message' }) }).violations.map((v) => v.ruleId)).not.toContain('reply:length');
    expect(check({ text: 'a'.repeat(10_001), visibility: 'private' }).violations.map((v) => v.ruleId)).toContain('reply:length');
    expect(check({ text: long }).violations.map((v) => v.ruleId)).toContain('reply:length');
  });
});
