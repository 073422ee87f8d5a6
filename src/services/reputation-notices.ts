// Owns telling the comms managers of a high reputational risk as it arrives (001 triage matrix option 5).
import type { Case } from '../domain/case.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import type { ChatSurface } from '../policy/policy-directory.js';
import type { OutboxItem } from './ports.js';

/** In the card's thread, naming the comms managers; the card itself carries the offer to escalate to leadership. */
export function reputationNotices(c: Case, s: IdentifiedCaseEvent, surfaces: readonly ChatSurface[]): OutboxItem[] {
  const e = s.event;
  if (e.type !== 'case.reputation.flagged') return [];
  const text = `${c.id} is a high reputational risk (${e.data.reasons.join('; ')}): for the comms manager. Escalate it to leadership from the card if it needs them (001 triage matrix option 5).`;
  return surfaces.map((surface) => ({
    key: `notice:${surface}:reputation:${s.id}`,
    kind: 'chat.notice',
    caseId: c.id,
    payload: { caseId: c.id, surface, audience: 'channel_and_managers', ownerId: null, text, linkToCard: true },
  }));
}
