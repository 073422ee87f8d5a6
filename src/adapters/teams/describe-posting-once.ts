// Owns the doctor's and the start-up report's answer to "can a Teams card whose answer was lost show twice?":
// not while Graph can read the channel (find-teams-message.ts); what to do when it cannot.
import { CONSENT_FIX, GRAPH_OFF_FIX, LOST_POST_RISK } from './find-teams-message.js';
import type { MsGraph } from './ms-graph.js';

export function describePostingOnce(graph: MsGraph | null): string {
  if (!graph) return `Teams posting once: Microsoft Graph is off, so ${LOST_POST_RISK}. ${GRAPH_OFF_FIX}`;
  // Consent is per team, given as the app is added; the desk learns the team then, so only a refusal at the look tells.
  return `Teams posting once: Microsoft Graph is on, so a post whose answer was lost is looked for in its channel before it is posted again. This needs the team owner's consent to ChannelMessage.Read.Group; if Graph refuses it, the log says so once and cards may show twice. ${CONSENT_FIX}`;
}
