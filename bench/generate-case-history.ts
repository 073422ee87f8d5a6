// Generates a council's case history as the desk records it: mentions, cases (the fold of their events)
// and the events themselves (opened, claimed, classified, replies, escalations and answers, moderation,
// moved deadlines, closures), seeded so a run is repeatable. The dashboard benchmark fills a database
// with a million cases from it; the dashboard's cross-check test a few hundred. Rows are inserted in
// bulk with fabricated hashes: the figures read them, the chain verifier would not accept them.
import type { Case, EscalationTarget, ModerationActionKind } from '../src/domain/case.js';
import type { SignpostUse } from '../src/domain/commands.js';
import type { CaseEvent, CaseEventType, EventDataMap } from '../src/domain/events.js';
import { evolveCase } from '../src/domain/evolve-case.js';
import type { WorkingCalendar } from '../src/policy/working-calendar.js';
import type { Sql } from '../src/store/db.js';

export interface HistoryOptions {
  readonly cases: number;
  /** Openings spread evenly at random over [from, to). */
  readonly from: Date;
  readonly to: Date;
  readonly seed: number;
  readonly calendar: WorkingCalendar;
  /** First case number (MD-n) and first event seq: a second batch continues after the first. */
  readonly firstNumber?: number;
}

export interface GeneratedCase {
  readonly mention: { id: string; network: string; externalId: string; topic: string | null; postedAt: Date; receivedAt: Date };
  readonly case: Case;
  readonly events: readonly CaseEvent[];
}

const NETWORKS = ['facebook', 'facebook', 'facebook', 'x', 'x', 'instagram', 'nextdoor'];
const SERVICES = ['waste', 'waste', 'waste', 'highways', 'highways', 'council_tax', 'housing', 'parking', 'planning', 'libraries', 'leisure', 'benefits'];
const KINDS = ['complaint', 'complaint', 'compliment', 'comment', 'comment', 'service_request', 'question', 'question'];
const SENTIMENTS = ['negative', 'negative', 'neutral', 'neutral', 'neutral', 'positive'] as const;
const MODERATION: ModerationActionKind[] = ['hide', 'hide', 'hide', 'delete', 'warn', 'warn', 'block', 'unhide'];
const OUTCOMES = ['replied', 'replied', 'replied', 'redirected', 'monitored', 'duplicate'] as const;
const MINUTE = 60_000;

/** A small, fast, seedable generator (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* generateCaseHistory(o: HistoryOptions): Generator<GeneratedCase> {
  const rnd = seededRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const span = o.to.getTime() - o.from.getTime();
  const first = o.firstNumber ?? 1001;
  // About 25 burst cases each: more than the policy's surge limit within its window.
  const bursts = Math.max(1, Math.round(o.cases / 100));
  for (let i = 0; i < o.cases; i++) {
    const n = first + i;
    // Openings rise with the case number, as they do in a running desk (so a week's events lie together in
    // the log, as they would); a quarter of the cases come in bursts on one topic, so surges are there to find.
    const at = o.from.getTime() + (span * (i + rnd())) / o.cases;
    const burst = rnd() < 0.25;
    const slot = span / bursts;
    const openedMs = burst ? o.from.getTime() + Math.floor((at - o.from.getTime()) / slot) * slot + (i % 20) * MINUTE : at;
    const opened = new Date(Math.min(openedMs, o.to.getTime() - 1));
    const posted = new Date(opened.getTime() - Math.floor(rnd() * 90) * MINUTE);
    const service = pick(SERVICES);
    yield buildCase(o.calendar, rnd, pick, { n, network: pick(NETWORKS), opened, posted, service, topic: burst ? 'waste' : rnd() < 0.8 ? service : null });
  }
}

interface Seed {
  n: number; network: string; opened: Date; posted: Date; service: string; topic: string | null;
}

function buildCase(calendar: WorkingCalendar, rnd: () => number, pick: <T>(xs: readonly T[]) => T, s: Seed): GeneratedCase {
  const caseId = `MD-${s.n}`;
  const mentionId = `gen-${s.n}`;
  const events: CaseEvent[] = [];
  let at = s.opened.getTime();
  const later = (maxMinutes: number) => new Date((at += Math.floor(rnd() * maxMinutes * MINUTE) + 1000));
  const add = <T extends CaseEventType>(type: T, when: Date, data: EventDataMap[T], person = 'U-officer-1'): void => {
    events.push({ type, caseId, caseVersion: events.length + 1, at: when.toISOString(), actor: { personId: person, name: 'Sam Officer', surface: 'slack' }, rule: null, data } as CaseEvent);
  };
  const due = calendar.addWorkingMinutes(s.posted, 120).toISOString();
  add('case.opened', s.opened, {
    mentionId, network: s.network, authorKey: `${s.network}:author-${s.n % 5000}`, postedAt: s.posted.toISOString(), postedAtAdjusted: null,
    postedOutOfHours: !calendar.isOpen(s.posted), risk: pick(['low', 'low', 'low', 'medium', 'high'] as const),
    ...(rnd() < 0.9 ? { sentiment: pick(SENTIMENTS) } : {}), deadlines: { first_response: due },
  }, 'system');
  if (rnd() < 0.1) return finish(s, events);
  add('case.claimed', later(240), {});
  if (rnd() < 0.9) add('case.classified', later(30), { serviceTag: s.service, kind: pick(KINDS), note: null });
  if (rnd() < 0.05) add('case.deadline.set', later(30), { name: 'first_response', due: calendar.addWorkingMinutes(new Date(at), 240).toISOString() });
  if (rnd() < 0.15) escalate(rnd, pick, add, later, s.service, `esc-${s.n}`, s.n);
  if (rnd() < 0.06) moderate(rnd, pick, add, later, `mod-${s.n}`);
  if (rnd() < 0.75) {
    const replyId = `reply-${s.n}`;
    // Every fifth case's reply starts from a ready reply (issue 16), chosen by number so the random stream stays as it was;
    // a third of those are turned down by the approver, never sent, so they must not count.
    add('case.reply.requested', later(600), { replyId, text: 'Thank you, we have passed this on.', visibility: 'public', awaitingApproval: s.n % 15 === 10, ...signpostOf(s) });
    if (s.n % 15 === 10) add('case.reply.rejected', later(5), { replyId, reason: 'Not the right service' });
    else add('case.reply.sent', later(5), { replyId, networkReplyId: `net-${s.n}` });
    if (rnd() < 0.05 && s.n % 15 !== 10) add('case.reply.sent', later(120), { replyId, networkReplyId: `net-${s.n}-again` });
  }
  if (rnd() < 0.7) add('case.closed', later(600), { outcome: pick(OUTCOMES), note: null });
  return finish(s, events);
}

type Add = <T extends CaseEventType>(type: T, when: Date, data: EventDataMap[T], person?: string) => void;

/** A ready reply for every fifth case: signposting or "report it online", the service's own or (now and then) another's. */
function signpostOf(s: Seed): { signpost?: SignpostUse } {
  if (s.n % 5 !== 0) return {};
  const serviceTag = s.n % 25 === 0 ? 'council_tax' : s.service;
  const kind = s.n % 2 === 0 ? 'signpost' : 'report_online';
  return { signpost: { templateId: `${serviceTag}-${kind}`, kind, serviceTag } };
}

function escalate(rnd: () => number, pick: <T>(xs: readonly T[]) => T, add: Add, later: (m: number) => Date, service: string, escalationId: string, n: number): void {
  const target: EscalationTarget = pick([{ type: 'service_lead', serviceTag: service }, { type: 'service_lead', serviceTag: service }, { type: 'leadership' }, { type: 'safeguarding' }] as const);
  // A briefing to leadership proposes a holding line (issue 18) on even numbers, a reply on odd: only the first count when agreed.
  const proposal = target.type === 'leadership' ? { kind: n % 2 === 0 ? 'holding_line' as const : 'reply' as const, text: 'We know about the missed collections and are putting it right.' } : null;
  add('case.escalated', later(60), { escalationId, target, reason: 'Needs the service to answer', proposal });
  const answer = rnd();
  if (answer < 0.7) add('case.escalation.acknowledged', later(480), { escalationId, note: null }, 'U-lead-1');
  // Leadership answers the briefing it acknowledged: agrees, except every third one asks for more.
  if (answer < 0.7 && proposal) add('case.leadership.answered', later(60), { escalationId, answer: n % 3 === 0 ? 'more' : 'agree', note: null }, 'U-lead-1');
  else if (answer < 0.8) add(target.type === 'safeguarding' ? 'case.safeguarding.dismissed' : 'case.escalation.declined', later(480), { escalationId, reason: 'Not ours' }, 'U-lead-1');
}

function moderate(rnd: () => number, pick: <T>(xs: readonly T[]) => T, add: Add, later: (m: number) => Date, moderationId: string): void {
  add('case.moderation.requested', later(30), { moderationId, action: pick(MODERATION), ruleId: 'bad_language', awaitingApproval: false, note: null });
  if (rnd() < 0.85) add('case.moderation.done', later(5), { moderationId });
}

function finish(s: Seed, events: readonly CaseEvent[]): GeneratedCase {
  const c = events.reduce<Case | null>((x, e) => evolveCase(x, e), null)!;
  return { mention: { id: `gen-${s.n}`, network: s.network, externalId: `gen-${s.n}`, topic: s.topic, postedAt: s.posted, receivedAt: s.opened }, case: c, events };
}

/** Inserts a batch in three statements; `nextSeq` is the first event seq to use, and the next one is returned. */
export async function insertCaseHistory(sql: Sql, batch: readonly GeneratedCase[], nextSeq: number): Promise<number> {
  const mentions = batch.map((g) => ({ id: g.mention.id, network: g.mention.network, external_id: g.mention.externalId, body: { network: g.mention.network, externalId: g.mention.externalId, text: 'generated' }, received_at: g.mention.receivedAt, topic: g.mention.topic, posted_at: g.mention.postedAt }));
  const cases = batch.map((g) => ({ id: g.case.id, mention_id: g.case.mentionId, state: g.case.state, version: g.case.version, owner_id: g.case.owner?.personId ?? null, service_tag: g.case.classification?.serviceTag ?? null, kind: g.case.classification?.kind ?? null, opened_at: g.case.openedAt, body: g.case }));
  let seq = nextSeq;
  const events = batch.flatMap((g) => g.events.map((e) => {
    const s = seq++;
    // Rising with seq, like the real ones in index order: a million random keys would make the load, not the reads, the benchmark.
    const hash = s.toString(16).padStart(64, '0');
    return { seq: s, id: uuidOf(hash), case_id: e.caseId, type: e.type, case_version: e.caseVersion, occurred_at: e.at, actor_id: e.actor.personId, surface: e.actor.surface, rule: e.rule, body: e, prev_hash: hash, hash };
  }));
  await sql.query(`INSERT INTO mentions (id, network, external_id, body, received_at, topic, posted_at) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, network text, external_id text, body jsonb, received_at timestamptz, topic text, posted_at timestamptz)`, [JSON.stringify(mentions)]);
  await sql.query(`INSERT INTO cases (id, mention_id, state, version, owner_id, service_tag, kind, opened_at, body) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, mention_id text, state text, version int, owner_id text, service_tag text, kind text, opened_at timestamptz, body jsonb)`, [JSON.stringify(cases)]);
  await sql.query(`INSERT INTO events (seq, id, case_id, type, case_version, occurred_at, actor_id, surface, rule, body, prev_hash, hash) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, id uuid, case_id text, type text, case_version int, occurred_at timestamptz, actor_id text, surface text, rule text, body jsonb, prev_hash text, hash text)`, [JSON.stringify(events)]);
  return seq;
}

function uuidOf(hex: string): string {
  const h = hex.slice(-32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
