// Owns finding, through Microsoft Graph, a card an earlier attempt posted in Teams whose answer was lost (a 5xx
// after Teams acted, a timeout): only among messages created inside that attempt's time window, newest first,
// paging until a whole page is older than the window. Where Graph is off, cannot name the place, or refuses
// (no consent), it says so once and answers "not found", so the card is posted again as it always was.
import type { Log } from '../../services/log.js';
import { DeskError, RateLimitError } from '../../services/errors.js';
import type { PostedMessage, SearchWindow } from '../../services/post-once.js';
import { GraphRefusal, type MsGraph } from './ms-graph.js';
import type { ConversationRefRepository } from './pg-conversation-ref-repository.js';
import { carriesMark } from './teams-card-mark.js';

export interface TeamsMessagePlace {
  /** A channel, a channel thread ("19:…;messageid=…") or a chat. */
  readonly conversationId: string;
  /** The thread's root message id, for a reply. */
  readonly threadId?: string | null;
}

export interface TeamsMessageFinder {
  /** False when Graph is off: nothing can be found, so waiting for a slow post to land gains nothing. */
  readonly canLook: boolean;
  find(place: TeamsMessagePlace, window: SearchWindow, caseId: string, purpose: string): Promise<PostedMessage | null>;
}

/** Graph's largest page for channel and chat messages. */
const PAGE_SIZE = 50;
/**
 * A safety stop, not the bound: the window is a few minutes around one attempt, and paging ends at the first
 * message older than it, so a window holds a few pages however busy the channel is.
 */
const PAGES = 50;
/**
 * A look may read many pages, and failing it for one page Graph fails for a moment would start it all over on the
 * next try: such a page is asked again at once, up to PAGE_TRIES in all; a Retry-After up to WAIT_WITHIN_LOOK_MS is
 * waited out here, a longer one goes back to the outbox.
 */
const PAGE_TRIES = 3;
const WAIT_WITHIN_LOOK_MS = 2_000;

export const LOST_POST_RISK = 'a Teams post whose answer was lost (a 5xx or a timeout after Teams acted) is posted again and may show twice';
export const GRAPH_OFF_FIX = 'Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID so the desk can read its channels through Microsoft Graph (manifests/teams/README.md, "Posting once").';
export const CONSENT_FIX = 'Upload the app package built by `npm run package:teams` (it asks for ChannelMessage.Read.Group and ChatMessage.Read.Chat) and add it to the team again, so the team owner consents; check that the tenant allows resource-specific consent (manifests/teams/README.md, "Posting once").';
const WHAT = 'looking for a Teams post whose answer was lost';

interface GraphMessage {
  readonly id: string;
  readonly createdDateTime?: string;
  readonly lastModifiedDateTime?: string | null;
  readonly attachments?: ReadonlyArray<{ readonly content?: unknown }>;
}

interface GraphPage {
  readonly value: GraphMessage[];
  readonly '@odata.nextLink'?: string;
}

export interface TeamsMessageFinderOptions {
  readonly graph: MsGraph | null;
  readonly refs: ConversationRefRepository;
  readonly log: Log;
  /** Test seam: how a short Retry-After is waited out. */
  readonly wait?: (ms: number) => Promise<void>;
}

export function createTeamsMessageFinder(o: TeamsMessageFinderOptions): TeamsMessageFinder {
  const said = new Set<string>();
  const cannotLook = (reason: string, fix: string): null => {
    if (!said.has(reason)) {
      said.add(reason);
      o.log.warn({ fix }, `${reason}: ${LOST_POST_RISK}`);
    }
    return null;
  };
  const graph = o.graph;
  const wait = o.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (!graph) return { canLook: false, find: async () => cannotLook('Microsoft Graph is off', GRAPH_OFF_FIX) };

  return {
    canLook: true,
    async find(place, window, caseId, purpose) {
      const where = await messagesPath(o.refs, place);
      if (typeof where !== 'string') return cannotLook(where.reason, where.fix);
      try {
        const page = (path: string) => pageWithRetries(graph, path, wait);
        return await searchPages(page, where, window, (m) => Boolean(m.attachments?.some((a) => carriesMark(a.content, caseId, purpose))), place.conversationId);
      } catch (e) {
        // A refusal does not change on retry; an outage or a 429 does, so it is left to the outbox.
        if (!(e instanceof GraphRefusal)) throw e;
        return cannotLook(`Microsoft Graph will not let the desk read its Teams messages (${e.message})`, e.status === 403 ? CONSENT_FIX : (e.hint ?? CONSENT_FIX));
      }
    },
  };
}

async function searchPages(page: (path: string) => Promise<GraphPage>, first: string, window: SearchWindow, ours: (m: GraphMessage) => boolean, conversationId: string): Promise<PostedMessage | null> {
  const [oldest, latest] = [window.oldest * 1000, window.latest * 1000];
  let next: string | undefined = first;
  for (let read = 0; read < PAGES && next; read++) {
    const res: GraphPage = await page(next);
    for (const m of res.value) {
      const created = Date.parse(m.createdDateTime ?? '');
      if (created >= oldest && created <= latest && ours(m)) return { channel: conversationId, ts: m.id };
    }
    // Newest first, by creation or by last activity (Graph documents neither for channels): a page whose every
    // message was last touched before the window has only older ones after it. One such message alone is not
    // enough: an old card whose thread just got a reply may be listed among new ones.
    if (res.value.length > 0 && res.value.every((m) => lastTouched(m) < oldest)) return null;
    next = res['@odata.nextLink'];
  }
  return null;
}

async function pageWithRetries(graph: MsGraph, path: string, wait: (ms: number) => Promise<void>): Promise<GraphPage> {
  for (let tried = 1; ; tried++) {
    try {
      return await graph.get<GraphPage>(path, WHAT);
    } catch (e) {
      const brief = e instanceof RateLimitError ? e.retryAfterMs <= WAIT_WITHIN_LOOK_MS : e instanceof DeskError && ['graph_unavailable', 'graph_unreachable'].includes(e.code);
      if (!brief || tried >= PAGE_TRIES) throw e;
      if (e instanceof RateLimitError) await wait(e.retryAfterMs);
    }
  }
}

function lastTouched(m: GraphMessage): number {
  return Math.max(Date.parse(m.createdDateTime ?? '') || 0, Date.parse(m.lastModifiedDateTime ?? '') || 0);
}

/** Graph names a channel under its team's Entra group; a chat by its Graph id (not the Bot Connector's "a:…"). */
async function messagesPath(refs: ConversationRefRepository, place: TeamsMessagePlace): Promise<string | { reason: string; fix: string }> {
  const [channel = place.conversationId, thread] = place.conversationId.split(';messageid=');
  const root = place.threadId ?? thread ?? null;
  const e = encodeURIComponent;
  const team = await refs.teamOf(channel);
  if (team) return `/teams/${e(team)}/channels/${e(channel)}/messages${root ? `/${e(root)}/replies` : ''}?$top=${PAGE_SIZE}`;
  if (/^19:.+@(unq\.gbl\.spaces|thread\.v2)$/.test(channel)) return `/chats/${e(channel)}/messages?$top=${PAGE_SIZE}&$orderby=${e('createdDateTime desc')}`;
  if (channel.startsWith('a:')) return { reason: 'Microsoft Graph cannot read a 1:1 chat the Bot Connector names "a:…"', fix: 'None needed: such chats hold notices for one person, and only those can show twice.' };
  return { reason: `Teams has not said which team holds ${channel}`, fix: '@mention the bot once in that channel (its team must already have the app), or add the app to its team again: Teams names the team then.' };
}
