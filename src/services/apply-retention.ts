// Owns applying the retention schedule: closed cases past their class's period lose their residents' words
// (one case.personal-data.erased event each), finished outbox items and old unreadable deliveries are pruned.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { systemActor } from '../domain/actor.js';
import type { Case } from '../domain/case.js';
import { recordClassOf, redactionDue, shortestRetentionMonths } from '../policy/retention-schedule.js';
import type { DeskContext } from './desk-context.js';
import { eraseCaseData } from './erase-case-data.js';

export interface DueCase {
  readonly caseId: string;
  readonly recordClass: string;
  readonly closedAt: string;
  readonly due: string;
}

export interface RetentionReport {
  readonly runId: string;
  readonly dryRun: boolean;
  /** Redacted (or, in a dry run, that would be). */
  readonly cases: readonly DueCase[];
  readonly outboxItems: number;
  readonly unreadable: number;
}

const PAGE = 200;

export async function applyRetention(ctx: DeskContext, options: { readonly dryRun: boolean }): Promise<RetentionReport> {
  const runId = randomUUID();
  const retention = ctx.policy.dataProtection.retention;
  const now = DateTime.fromJSDate(ctx.clock.now(), { zone: 'utc' });
  const cases: DueCase[] = [];
  for await (const c of closedCasesDue(ctx, now.minus({ months: shortestRetentionMonths(retention) }).toJSDate())) {
    const cls = recordClassOf(c, retention);
    const due = redactionDue(c, retention);
    if (!due || due > now.toJSDate()) continue;
    cases.push({ caseId: c.id, recordClass: cls.name, closedAt: c.closedAt ?? '', due: due.toISOString() });
    if (options.dryRun) continue;
    const record = {
      erasureId: runId, trigger: 'retention' as const, requestedBy: 'the retention schedule (policy dataProtection.retention)', approvedBy: null,
      lawfulBasis: `UK GDPR Art 5(1)(e) storage limitation: ${cls.name} records kept ${cls.months} months after closing (${cls.source})`,
    };
    await eraseCaseData(ctx, c.id, record, systemActor(), () => null);
  }
  const outboxItems = await ctx.store.personalData.pruneOutbox(now.minus({ days: retention.outboxDoneDays }).toJSDate(), options.dryRun);
  const unreadable = await ctx.store.personalData.pruneUnreadable(now.minus({ days: retention.unreadableDays }).toJSDate(), options.dryRun);
  return { runId, dryRun: options.dryRun, cases, outboxItems, unreadable };
}

/** Closed, unredacted cases closed before the cutoff, page by page (a case redacted meanwhile drops out by itself). */
async function* closedCasesDue(ctx: DeskContext, closedBefore: Date): AsyncGenerator<Case> {
  let after: { closedAt: string; id: string } | null = null;
  for (;;) {
    const page = await ctx.store.personalData.closedUnredacted(closedBefore, after, PAGE);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { closedAt: last.closedAt ?? '', id: last.id };
  }
}
