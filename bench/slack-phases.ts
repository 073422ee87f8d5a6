// Owns the chat-facing goals: how soon a new mention's card is asked of (fake) Slack after its 202,
// and how fast 50 concurrent Claim clicks are acked, beside a bare Bolt app given the same clicks.
import type { FakeSlackApi, SlackBody } from '../test/helpers/fake-slack-api.js';
import { blockActionsPayload, buttonsIn, type SlackPerson } from '../test/helpers/slack-payloads.js';
import { interactivityBody, postSignedToSlack } from '../test/helpers/slack-signing.js';
import { benchMention, ingestMany, percentile, postMention, ROUTINE_TEXT } from './intake-phases.js';

export const SLACK_SIGNING_SECRET = 'bench-signing-secret';
/** Between rounds of clicks: the desk's work after its acks is over well within this (about 0.3 s of CPU a round). */
const SETTLE_MS = 2_000;
const CLAIMERS: SlackPerson[] = [
  { id: 'U0ANA', username: 'ana.patel' },
  { id: 'U0BEN', username: 'ben.okafor' },
  { id: 'U0CARA', username: 'cara.lee' },
];

function triageCardOf(fake: FakeSlackApi, caseId: string): { at: Date; body: SlackBody } | null {
  const call = fake.callsTo('chat.postMessage').find((c) => {
    const payload = (c.body.metadata as { event_payload?: Record<string, unknown> } | undefined)?.event_payload;
    return payload?.['case_id'] === caseId && payload['purpose'] === 'triage';
  });
  return call ? { at: call.at, body: call.body } : null;
}

/**
 * Routine mentions one at a time, `gapMs` apart (under Slack's 1 message per second per channel); ms from each 202 to
 * its card's chat.postMessage. Routine, because a concern's alerts share the channel and the pacer rightly queues
 * the next card behind them: the goal times the desk's path to Slack, not Slack's rate limit.
 */
export async function cardLatencies(url: string, fake: FakeSlackApi, count: number, gapMs: number): Promise<number[]> {
  const answered = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const { status, caseId } = await postMention(url, benchMention(ROUTINE_TEXT));
    if (status !== 202) throw new Error(`intake answered ${status}`);
    answered.set(caseId, Date.now());
    await new Promise((r) => setTimeout(r, gapMs));
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && [...answered.keys()].some((id) => !triageCardOf(fake, id))) await new Promise((r) => setTimeout(r, 50));
  return [...answered].map(([id, at]) => (triageCardOf(fake, id)?.at.getTime() ?? Infinity) - at);
}

/** Claim clicks for `caseIds`, built from one real card (its case id swapped), as Slack would send them. */
export async function claimClicks(fake: FakeSlackApi, templateCaseId: string, caseIds: readonly string[]): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  let template: { at: Date; body: SlackBody } | null = null;
  while (!(template = triageCardOf(fake, templateCaseId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!template) throw new Error(`no card for ${templateCaseId} within 30 s`);
  const templateText = JSON.stringify({ ...template.body, ts: '1700000000.000100' });
  return caseIds.map((caseId, i) => {
    const message = JSON.parse(templateText.split(templateCaseId).join(caseId)) as SlackBody;
    const hit = buttonsIn((message.blocks as SlackBody[]) ?? []).find((b) => b.button.action_id.replace(/#\d+$/, '') === 'case.claim');
    if (!hit) throw new Error('the card has no Claim button');
    return interactivityBody(blockActionsPayload({ user: CLAIMERS[i % CLAIMERS.length]!, channel: 'C0TRIAGE', message, ...hit })).body;
  });
}

/** All bodies at once; each click's ms until its HTTP answer (Slack's 3-second ack). */
export async function ackLatencies(url: string, bodies: readonly string[]): Promise<number[]> {
  return Promise.all(
    bodies.map(async (body) => {
      const started = performance.now();
      const res = await postSignedToSlack(url, SLACK_SIGNING_SECRET, body, 'application/x-www-form-urlencoded');
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`click answered ${res.status}`);
      return performance.now() - started;
    }),
  );
}

export interface AckFigures {
  /** p99 of the measured rounds, on a replica (and a bare Bolt app) that has had one burst of clicks before. */
  readonly desk: number;
  readonly bolt: number;
  /** The first burst either ever got: p99 of `perRound` clicks. */
  readonly deskFirst: number;
  readonly boltFirst: number;
}

/**
 * A first burst of `perRound` concurrent clicks, then `rounds` measured rounds, each on fresh cases, the bare Bolt app
 * given the same clicks just before the desk. The first burst a replica gets costs it far more than the rest (its
 * pool opens connections to new PostgreSQL backends, its click path is compiled: ~1 s of CPU against ~0.3 s), and
 * on a 2-core machine that shares the cores with this process, which sends the clicks and times the acks, its p99
 * was that burst's and the desk's own acks were 1-20 ms (timed inside the desk). It is reported apart.
 */
export async function claimAckP99(deskUrl: string, boltUrl: string, fake: FakeSlackApi, perRound: number, rounds: number): Promise<AckFigures> {
  const desk: number[] = [];
  const bolt: number[] = [];
  const caseIds = await ingestMany(deskUrl, perRound * (rounds + 1));
  const first = { desk: [] as number[], bolt: [] as number[] };
  for (let r = 0; r <= rounds; r++) {
    const bodies = await claimClicks(fake, caseIds[0]!, caseIds.slice(r * perRound, (r + 1) * perRound));
    const into = r === 0 ? first : { desk, bolt };
    into.bolt.push(...(await ackLatencies(boltUrl, bodies)));
    into.desk.push(...(await ackLatencies(deskUrl, bodies)));
    // The desk works on after its acks (claims, card refreshes through this process's fake Slack API); the next
    // round's bare Bolt clicks would be sent and timed while this process serves it.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  }
  return { desk: percentile(desk, 99), bolt: percentile(bolt, 99), deskFirst: percentile(first.desk, 99), boltFirst: percentile(first.bolt, 99) };
}
