// Reddit on the default policy: residents talk about the council on local subreddits, and the corpus and real traffic
// carry network "reddit". Intake takes it and the card reads it as Reddit: answered by a person on Reddit itself
// (no connector), publicly, with no direct messages through the desk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReplyRules } from '../../src/policy/reply-rules.js';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import { loadCaseView } from '../../src/services/load-case-view.js';
import { sampleMention, startTestDesk, type TestDesk } from '../helpers/test-desk.js';

let desk: TestDesk;
beforeAll(async () => { desk = await startTestDesk(); });
afterAll(async () => { await desk.close(); });

const ana = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer' as const], surface: 'slack' as const };

const redditComment = () =>
  sampleMention({
    network: 'reddit',
    externalId: `t1_${process.pid}${Math.random().toString(36).slice(2, 8)}`,
    url: 'https://www.reddit.com/r/exampletown/comments/abc123/bins/def456/',
    author: { id: 't2_resident', name: 'u/bin_watcher', handle: 'bin_watcher', followers: null, verified: false },
  });

describe('a Reddit mention on the default policy', () => {
  it('is taken in and its card sends staff to Reddit itself, with no Reply, Moderate or private reply through the desk', async () => {
    const res = await desk.postMentions(redditComment());
    expect(res.status).toBe(202);
    const { caseId } = res.json;
    await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command: { type: 'case.claim' }, actor: ana });
    const view = (await loadCaseView(desk.ctx, caseId))!;
    expect(view.card.title).toBe(`Reddit comment · ${caseId}`);
    expect(view.card.facts.map((f) => `${f.label}: ${f.value}`)).toContain('Replies: on Reddit itself, from the link (the desk cannot post there)');
    expect(view.card.actions.map((a) => a.actionId)).not.toContain('case.reply.submit');
    expect(view.card.actions.map((a) => a.actionId)).not.toContain('case.moderate');

    const reddit = desk.ctx.policy.networks['reddit']!;
    expect(reddit).toMatchObject({ displayName: 'Reddit', directMessages: false, actions: [], replyOnNetwork: true });
    const check = checkReplyRules({ policy: desk.ctx.policy, mention: view.mention, case: view.case, draft: { text: 'The collection is booked for Thursday.', visibility: 'private' }, initials: 'AP', now: new Date(), accountBlocked: false });
    expect(check.violations.map((v) => v.message)).toEqual(
      expect.arrayContaining([
        'Mention Desk cannot post on Reddit: reply on the network itself, from the link on the card.',
        expect.stringContaining('Reddit does not take direct messages'),
      ]),
    );
  });
});
