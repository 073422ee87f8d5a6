// Owns the surge holding line (issue 18): leadership agrees one line for a surge once, and it is offered on every case
// of the surge's topic posted from the surge's window before it was agreed until `holdingLineHours` after.
import type { Policy } from './policy-schema.js';

export interface HoldingLine {
  readonly topic: string;
  readonly text: string;
  readonly agreedBy: string;
  readonly agreedAt: string;
  /** The case whose escalation carried it. */
  readonly caseId: string;
}

/** Whether a case on `topic` posted at `postedAt` belongs to the surge the line was agreed for. */
export function holdingLineCovers(policy: Policy, line: HoldingLine, topic: string | null, postedAt: Date): boolean {
  if (!topic || topic.trim().toLowerCase() !== line.topic.trim().toLowerCase()) return false;
  const agreed = Date.parse(line.agreedAt);
  const from = agreed - policy.risk.surge.withinMinutes * 60_000;
  const to = agreed + policy.risk.surge.holdingLineHours * 3_600_000;
  return postedAt.getTime() >= from && postedAt.getTime() <= to;
}

/** A line agreed once stands: a second agreement while it is in force does not replace it. */
export function holdingLineInForce(policy: Policy, line: HoldingLine | null, now: Date): boolean {
  return !!line && now.getTime() <= Date.parse(line.agreedAt) + policy.risk.surge.holdingLineHours * 3_600_000;
}
