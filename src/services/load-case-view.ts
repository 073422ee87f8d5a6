// Owns loading what a chat message about a case is drawn from: the case, its mention, the neutral card.
import { buildCaseCard } from '../cards/build-case-card.js';
import type { CardFact, CaseCard } from '../cards/card-model.js';
import { loadBriefing } from './load-briefing.js';
import { holdingLineFor } from './surge-holding-line.js';
import type { HoldingLine } from '../policy/holding-line.js';
import type { Case } from '../domain/case.js';
import { threadOf, type Mention } from '../domain/mention.js';
import type { ThreadCorrection } from '../cards/facts-corrected.js';
import type { ModerationRecord } from '../domain/moderation-record.js';
import type { DeskContext } from './desk-context.js';
import { PermanentError } from './errors.js';
import type { EmergencyMode } from './ports.js';

export interface CaseView {
  readonly case: Case;
  readonly mention: Mention;
  readonly card: CaseCard;
  readonly emergency: EmergencyMode | null;
  /** The author's moderation record across all their cases (same author key), for the ladder and the card. */
  readonly accountHistory: ModerationRecord;
  /** Leadership's briefing, when the case has a leadership escalation (src/cards/build-briefing.ts). */
  readonly briefing?: readonly CardFact[];
  /** The holding line agreed for this case's surge (src/services/surge-holding-line.ts). */
  readonly holdingLine?: HoldingLine;
  /** Another case on this mention's thread closed with the facts corrected (004 §6), if any. */
  readonly threadCorrected?: ThreadCorrection | null;
}

export async function loadCaseView(ctx: DeskContext, caseId: string): Promise<CaseView | null> {
  const c = await ctx.store.cases.get(caseId);
  if (!c) return null;
  const stored = await ctx.store.mentions.get(c.mentionId);
  if (!stored) return null;
  const emergency = await ctx.store.settings.emergencyMode();
  const holdingLine = await holdingLineFor(ctx, c, stored.mention);
  const banners = [...(emergency ? [emergencyBanner(emergency)] : []), ...(holdingLine ? [holdingLineBanner(holdingLine)] : [])];
  const accountHistory = await ctx.store.accounts.history(c.authorKey);
  const correctedIn = await ctx.store.mentions.factsCorrectedInThread(stored.mention.network, threadOf(stored.mention), c.id);
  const threadCorrected = correctedIn ? { caseId: correctedIn } : null;
  const card = buildCaseCard({ case: c, mention: stored.mention, policy: ctx.policy, now: ctx.clock.now(), calendar: ctx.calendar, banners, accountHistory, threadCorrected, ...(ctx.learned ? { learned: ctx.learned.current() } : {}) });
  const briefing = await loadBriefing(ctx, c, stored.mention);
  return { case: c, mention: stored.mention, card, emergency, accountHistory, threadCorrected, ...(briefing ? { briefing } : {}), ...(holdingLine ? { holdingLine } : {}) };
}

function holdingLineBanner(l: HoldingLine) {
  return { tone: 'info' as const, text: `Holding line for the "${l.topic}" surge, agreed by ${l.agreedBy}: "${l.text}" The reply form offers it.` };
}

function emergencyBanner(e: EmergencyMode) {
  return { tone: 'danger' as const, text: `Emergency mode: ${e.message} ${e.link} Replies may point people to the website (002 §6.2.5).` };
}

/** For the outbox: a case that is gone will not come back, so retrying is pointless. */
export async function requireCaseView(ctx: DeskContext, caseId: string): Promise<CaseView> {
  const view = await loadCaseView(ctx, caseId);
  if (!view) throw new PermanentError(`case ${caseId} or its mention does not exist`);
  return view;
}

export function payloadString(payload: Readonly<Record<string, unknown>>, key: string): string {
  const value = payload[key];
  if (typeof value !== 'string' || !value) throw new PermanentError(`outbox payload has no ${key}`);
  return value;
}
