// Whether a case's first response is overdue: one rule for the card, the lists and every surface.
import type { Case } from './case.js';

/** The first-response deadline when it has passed with no reply sent on an open case, else null. */
export function overdueFirstResponse(c: Case, now: Date): string | null {
  const due = c.deadlines['first_response'];
  if (!due || c.state === 'closed' || c.replies.some((r) => r.status === 'sent')) return null;
  return new Date(due) <= now ? due : null;
}
