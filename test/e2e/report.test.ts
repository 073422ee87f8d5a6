// The management report over HTTP: the figures 002 §5.11 asks for, for whole local days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { systemActor } from '../../src/domain/actor.js';
import { executeCaseCommand } from '../../src/services/execute-case-command.js';
import { sampleMention, startTestDesk, TEST_REPORT_TOKEN, type TestDesk } from '../helpers/test-desk.js';

let desk: TestDesk;
let now = new Date('2026-10-26T09:30:00Z'); // Monday 09:30 GMT, the day after the clocks went back
const ana: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };

async function getReport(query: string) {
  return desk.read(`/api/report${query}`, TEST_REPORT_TOKEN);
}

async function act(caseId: string, command: Parameters<typeof executeCaseCommand>[1]['command'], actor: Actor = ana) {
  const r = await executeCaseCommand(desk.ctx, { caseId, seenVersion: null, command, actor });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

beforeAll(async () => {
  desk = await startTestDesk({ clock: { now: () => now } });
  const a = (await desk.postMentions(sampleMention({ network: 'facebook' }), { timestamp: now.getTime() / 1000 })).json.caseId;
  const b = (await desk.postMentions(sampleMention({ network: 'x', text: 'Thank you for fixing the pothole so quickly' }), { timestamp: now.getTime() / 1000 })).json.caseId;
  await act(a, { type: 'case.claim' });
  await act(a, { type: 'case.classify', serviceTag: 'waste', kind: 'complaint', note: null });
  await act(a, { type: 'case.reply.submit', text: 'Sorry, a crew is on its way ^AP', visibility: 'public' });
  now = new Date('2026-10-26T10:00:00Z');
  await act(a, { type: 'case.reply.sent', replyId: 'rep-1', networkReplyId: 'fb-1' }, systemActor());
  await act(b, { type: 'case.claim' });
  await act(b, { type: 'case.classify', serviceTag: 'highways', kind: 'compliment', note: null });
  await act(b, { type: 'case.escalate', target: { type: 'leadership' }, reason: 'A nice one for the Leader' });
  now = new Date('2026-10-27T09:00:00Z'); // Tuesday: b's first response (due Monday 11:30) was missed
});
afterAll(async () => { await desk.close(); });

describe('GET /api/report', () => {
  it('counts volumes, the 3Cs, first responses against target and escalations', async () => {
    const { status, json } = await getReport('?from=2026-10-26&to=2026-10-26');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      cases: 2,
      byNetwork: { facebook: 1, x: 1 },
      byService: { waste: 1, highways: 1 },
      threeCs: { complaint: 1, compliment: 1, comment: 0 },
      firstResponse: { withTarget: 2, met: 1, missed: 1, open: 0, medianMinutes: 30 },
      escalations: { leadership: 1 },
    });
  });

  it('leaves out days outside the period', async () => {
    expect((await getReport('?from=2026-10-25&to=2026-10-25')).json.cases).toBe(0);
  });

  it('names a bad date with 400 and refuses a request without a read token with 401', async () => {
    const bad = await getReport('?from=2026-13-01&to=2026-10-26');
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('from');
    expect((await fetch(`${desk.url}/api/report?from=2026-10-26&to=2026-10-26`)).status).toBe(401);
  });
});
