// The dashboard's figures computed a second way, in plain TypeScript from the event log's events: folds
// each case with the domain's evolveCase, measures working time with the calendar, asks policy/surge.ts
// at every post. The SQL must agree with it; nothing here is shared with src/store/dashboard.
import { DateTime } from 'luxon';
import type { Case } from '../../src/domain/case.js';
import type { CaseEvent } from '../../src/domain/events.js';
import { replayCase } from '../../src/domain/evolve-case.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import { detectSurge } from '../../src/policy/surge.js';
import type { WorkingCalendar } from '../../src/policy/working-calendar.js';

export interface JsFilter { from: Date; to: Date; service: string | null; network: string | null; kind: string | null }
export interface MentionFacts { topic: string | null; postedAt: Date }

interface CaseFacts {
  c: Case; events: CaseEvent[]; service: string; kind: string; sentiment: string; posted: Date; due: Date | null; firstReply: Date | null; response: string; workingMinutes: number | null; topic: string | null; mentionPosted: Date;
}

export function jsDashboard(policy: Policy, calendar: WorkingCalendar, all: readonly CaseEvent[], mentions: ReadonlyMap<string, MentionFacts>, f: JsFilter, now: Date) {
  const zone = policy.calendar.timeZone;
  const facts = selectCases(calendar, all, mentions, f, now);
  const count = (key: (x: CaseFacts) => string) => tally(facts.map(key));
  const day = (x: CaseFacts) => DateTime.fromISO(x.c.openedAt, { zone }).toISODate()!;
  const minutes = facts.map((x) => x.workingMinutes).filter((m): m is number => m !== null);
  return {
    cases: facts.length,
    byDayAndNetwork: tally(facts.map((x) => `${day(x)}|${x.c.network}`)),
    byKind: count((x) => x.kind),
    byService: count((x) => x.service),
    byRisk: count((x) => x.c.risk),
    bySentiment: count((x) => x.sentiment),
    byHour: tally(facts.map((x) => { const t = DateTime.fromISO(x.c.openedAt, { zone }); return `${t.weekday}|${t.hour}`; })),
    responses: count((x) => x.response),
    replied: minutes.length,
    median: percentile(minutes, 0.5),
    p90: percentile(minutes, 0.9),
    escalations: escalations(facts),
    moderation: moderation(facts),
    surges: surges(policy, facts),
    ...signposting(facts),
    holdingLinesAgreed: holdingLinesAgreed(facts),
    rows: facts,
  };
}

function selectCases(calendar: WorkingCalendar, all: readonly CaseEvent[], mentions: ReadonlyMap<string, MentionFacts>, f: JsFilter, now: Date): CaseFacts[] {
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of all) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const out: CaseFacts[] = [];
  for (const events of byCase.values()) {
    const c = replayCase(events)!;
    const opened = Date.parse(c.openedAt);
    const service = c.classification?.serviceTag ?? 'unclassified';
    const kind = c.classification?.kind ?? 'unclassified';
    if (opened < f.from.getTime() || opened >= f.to.getTime()) continue;
    if ((f.service && service !== f.service) || (f.network && c.network !== f.network) || (f.kind && kind !== f.kind)) continue;
    const first = events[0] as CaseEvent<'case.opened'>;
    const moved = events.filter((e): e is CaseEvent<'case.deadline.set'> => e.type === 'case.deadline.set' && e.data.name === 'first_response' && e.data.due !== null).at(-1);
    const dueIso = moved?.data.due ?? first.data.deadlines['first_response'] ?? null;
    const due = dueIso ? new Date(dueIso) : null;
    const replies = events.filter((e) => e.type === 'case.reply.sent').map((e) => Date.parse(e.at));
    const firstReply = replies.length ? new Date(Math.min(...replies)) : null;
    const posted = new Date(first.data.postedAt ?? first.at);
    const response = !due ? 'no_target' : firstReply ? (firstReply <= due ? 'met' : 'missed') : c.state === 'closed' ? 'closed_without_reply' : due < now ? 'missed' : 'pending';
    const mention = mentions.get(c.mentionId)!;
    out.push({ c, events, service, kind, sentiment: first.data.sentiment ?? 'unknown', posted, due, firstReply, response, workingMinutes: firstReply ? calendar.workingMinutesBetween(posted, firstReply) : null, topic: mention.topic, mentionPosted: mention.postedAt });
  }
  return out;
}

function escalations(facts: readonly CaseFacts[]) {
  const out: Record<string, { raised: number; acknowledged: number; declined: number; ack: number[] }> = {};
  for (const x of facts) {
    for (const e of x.events) {
      if (e.type !== 'case.escalated') continue;
      const t = (out[e.data.target.type] ??= { raised: 0, acknowledged: 0, declined: 0, ack: [] });
      t.raised++;
      const answers = x.events.filter((a) => 'escalationId' in a.data && a.data.escalationId === e.data.escalationId && a.type !== 'case.escalated');
      const ack = answers.find((a) => a.type === 'case.escalation.acknowledged');
      if (ack) { t.acknowledged++; t.ack.push((Date.parse(ack.at) - Date.parse(e.at)) / 60_000); }
      else if (answers.length) t.declined++;
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { raised: v.raised, acknowledged: v.acknowledged, declined: v.declined, median: percentile(v.ack, 0.5), p90: percentile(v.ack, 0.9) }]));
}

function moderation(facts: readonly CaseFacts[]): Record<string, number> {
  const actions: string[] = [];
  for (const x of facts) {
    for (const done of x.events) {
      if (done.type !== 'case.moderation.done') continue;
      const asked = x.events.find((e): e is CaseEvent<'case.moderation.requested'> => e.type === 'case.moderation.requested' && e.data.moderationId === done.data.moderationId);
      if (asked) actions.push(asked.data.action);
    }
  }
  return tally(actions);
}

/** Replies from a ready reply, folded: the case's reply ended up sent (a later duplicate sent changes nothing). */
function signposting(facts: readonly CaseFacts[]) {
  const sent = facts.flatMap((x) => x.events.filter((e): e is CaseEvent<'case.reply.requested'> => e.type === 'case.reply.requested' && !!e.data.signpost)
    .filter((e) => x.c.replies.find((r) => r.id === e.data.replyId)?.status === 'sent')
    .map((e) => e.data.signpost!));
  return { signpostedReplies: sent.length, signpostByKind: tally(sent.map((u) => u.kind)), signpostByService: tally(sent.map((u) => u.serviceTag)) };
}

/** The folded case's escalations: a holding line proposed and leadership's answer 'agree'. */
function holdingLinesAgreed(facts: readonly CaseFacts[]): number {
  return facts.reduce((n, x) => n + x.c.escalations.filter((e) => e.proposal?.kind === 'holding_line' && e.leadershipAnswer?.answer === 'agree').length, 0);
}

/** Every post asks the surge rule "is a surge on at this moment?"; moments of one topic within a window are one surge. */
function surges(policy: Policy, facts: readonly CaseFacts[]) {
  const recent = facts.map((x) => ({ caseId: x.c.id, topic: x.topic, postedAt: x.mentionPosted }));
  const moments = recent
    .filter((r) => r.topic && detectSurge(policy, recent, r.postedAt).some((s) => s.topic.toLowerCase() === r.topic!.trim().toLowerCase()))
    .map((r) => ({ topic: r.topic!.trim().toLowerCase(), at: r.postedAt.getTime() }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.at - b.at);
  const windowMs = policy.risk.surge.withinMinutes * 60_000;
  const out: Array<{ topic: string; startedAt: string; endedAt: string }> = [];
  let last: { topic: string; at: number } | null = null;
  for (const m of moments) {
    if (last && last.topic === m.topic && m.at - last.at <= windowMs) out[out.length - 1]!.endedAt = new Date(m.at).toISOString();
    else out.push({ topic: m.topic, startedAt: new Date(m.at).toISOString(), endedAt: new Date(m.at).toISOString() });
    last = m;
  }
  return out.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.topic.localeCompare(b.topic));
}

/** PostgreSQL's percentile_cont: linear between the two nearest ranks. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function tally(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
