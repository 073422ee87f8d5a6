// The management report (002 §5.11): volumes by tag and network, the 3Cs, response times against
// target, escalations, moderation and blocks, for the cases opened in a period. Pure: data in, figures out.
import type { Case } from './case.js';
import type { CaseEvent } from './events.js';

export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

export interface Report {
  readonly period: ReportPeriod;
  readonly cases: number;
  readonly byNetwork: Record<string, number>;
  readonly byService: Record<string, number>;
  readonly byKind: Record<string, number>;
  /** Complaints, compliments and comments (002 §5.9). */
  readonly threeCs: { complaint: number; compliment: number; comment: number };
  readonly byRisk: Record<string, number>;
  readonly firstResponse: { withTarget: number; met: number; missed: number; open: number; medianMinutes: number | null };
  readonly escalations: Record<string, number>;
  readonly moderation: Record<string, number>;
  readonly outcomes: Record<string, number>;
}

/** `events`: the opened, reply-sent, escalated and moderation-done events of those cases. */
export function buildReport(period: ReportPeriod, cases: readonly Case[], events: readonly CaseEvent[], now: Date): Report {
  const byCase = groupByCase(events);
  return {
    period,
    cases: cases.length,
    byNetwork: countBy(cases, (c) => c.network),
    byService: countBy(cases, (c) => c.classification?.serviceTag ?? 'unclassified'),
    byKind: countBy(cases, (c) => c.classification?.kind ?? 'unclassified'),
    threeCs: threeCs(cases),
    byRisk: countBy(cases, (c) => c.risk),
    firstResponse: firstResponse(cases, byCase, now),
    escalations: countBy(events.filter((e): e is CaseEvent<'case.escalated'> => e.type === 'case.escalated'), (e) => e.data.target.type),
    moderation: countBy(cases.flatMap((c) => c.moderation.filter((m) => m.status === 'done')), (m) => m.action),
    outcomes: countBy(cases.filter((c) => c.outcome), (c) => c.outcome as string),
  };
}

function threeCs(cases: readonly Case[]) {
  const kinds = countBy(cases, (c) => c.classification?.kind ?? '');
  return { complaint: kinds['complaint'] ?? 0, compliment: kinds['compliment'] ?? 0, comment: kinds['comment'] ?? 0 };
}

/** Met when the first reply the network accepted came by the first-response deadline set at opening. */
function firstResponse(cases: readonly Case[], byCase: Map<string, CaseEvent[]>, now: Date) {
  let withTarget = 0, met = 0, missed = 0, open = 0;
  const minutes: number[] = [];
  for (const c of cases) {
    const history = byCase.get(c.id) ?? [];
    const opened = history.find((e): e is CaseEvent<'case.opened'> => e.type === 'case.opened');
    const due = opened?.data.deadlines['first_response'];
    const reply = history.find((e) => e.type === 'case.reply.sent');
    if (reply) minutes.push((Date.parse(reply.at) - Date.parse(c.postedAt)) / 60_000);
    if (!due) continue;
    withTarget++;
    if (reply) (Date.parse(reply.at) <= Date.parse(due) ? met++ : missed++);
    else if (Date.parse(due) < now.getTime() && c.state !== 'closed') missed++;
    else open++;
  }
  return { withTarget, met, missed, open, medianMinutes: median(minutes) };
}

function groupByCase(events: readonly CaseEvent[]): Map<string, CaseEvent[]> {
  const map = new Map<string, CaseEvent[]>();
  for (const e of events) map.set(e.caseId, [...(map.get(e.caseId) ?? []), e]);
  return map;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}
