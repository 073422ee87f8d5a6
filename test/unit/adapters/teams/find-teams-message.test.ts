// Finding a lost Teams post through Graph: only a card marked for this case and purpose, only inside the
// attempt's window, paging newest first until a page last touched wholly before the window; a chat by its Graph id.
import { describe, expect, it } from 'vitest';
import { createTeamsMessageFinder } from '../../../../src/adapters/teams/find-teams-message.js';
import { GraphRefusal, type MsGraph } from '../../../../src/adapters/teams/ms-graph.js';
import type { ConversationRefRepository } from '../../../../src/adapters/teams/pg-conversation-ref-repository.js';
import { markCard } from '../../../../src/adapters/teams/teams-card-mark.js';
import { adaptiveCard } from '../../../../src/adapters/teams/adaptive-elements.js';
import { DeskError, RateLimitError } from '../../../../src/services/errors.js';

const CHANNEL = '19:5a1d0c2e7f8b4e6d9c3a2b1f0e9d8c7b@thread.tacv2';
const GROUP = 'b0f5a0d2-0000-4000-8000-00000000team';
const T0 = Date.parse('2026-12-06T06:00:00Z');
const window = { oldest: T0 / 1000 - 60, latest: T0 / 1000 + 60 };

const refs = { teamOf: async (id: string) => (id === CHANNEL ? GROUP : null) } as unknown as ConversationRefRepository;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A message as Graph lists it, `secondsAgo` before T0, carrying a card marked for `mark` (or a plain line). */
function message(id: string, atSeconds: number, mark?: [string, string], editedAtSeconds?: number) {
  const card = mark ? markCard(adaptiveCard([]), ...mark) : adaptiveCard([]);
  return {
    id, createdDateTime: new Date(T0 + atSeconds * 1000).toISOString(),
    lastModifiedDateTime: new Date(T0 + (editedAtSeconds ?? atSeconds) * 1000).toISOString(),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.stringify(card) }],
  };
}

/** Serves `pages` in order, following each page's nextLink; records the paths asked for. */
function pagedGraph(pages: unknown[][]): MsGraph & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async get<T>(path: string) {
      asked.push(path);
      const i = asked.length - 1;
      return { value: pages[i] ?? [], ...(i + 1 < pages.length ? { '@odata.nextLink': `https://graph.example/next/${i + 1}` } : {}) } as T;
    },
    post: async () => {},
  };
}

const find = (graph: MsGraph, conversationId = CHANNEL, log = quiet) => createTeamsMessageFinder({ graph, refs, log }).find({ conversationId }, window, 'MD-1', 'triage');

describe('finding a lost Teams post through Graph', () => {
  it('pages newest first to a marked card inside the window, skipping other cases, purposes and plain messages', async () => {
    const graph = pagedGraph([
      [message('9', 50, ['MD-2', 'triage']), message('8', 40)],
      [message('7', 30, ['MD-1', 'line:e1']), message('6', 20, ['MD-1', 'triage'])],
    ]);
    expect(await find(graph)).toEqual({ channel: CHANNEL, ts: '6' });
    expect(graph.asked).toEqual([`/teams/${GROUP}/channels/${encodeURIComponent(CHANNEL)}/messages?$top=50`, 'https://graph.example/next/1']);
  });

  it('stops after a page last touched wholly before the window, and ignores a marked card outside it', async () => {
    const graph = pagedGraph([
      [message('9', 120, ['MD-1', 'triage']), message('8', 10)],
      [message('7', -30), message('6', -90)],
      [message('5', -100, ['MD-1', 'triage']), message('4', -110)],
      [message('3', -120)],
    ]);
    expect(await find(graph)).toBeNull();
    expect(graph.asked).toHaveLength(3);
  });

  it('keeps paging past one old card listed among new ones (its thread just got a reply)', async () => {
    const graph = pagedGraph([[message('9', 30), message('2', -600)], [message('8', 0, ['MD-1', 'triage'])]]);
    expect(await find(graph)).toEqual({ channel: CHANNEL, ts: '8' });
  });

  it('keeps paging past an old message edited inside the window, in case the list is ordered by last change', async () => {
    const graph = pagedGraph([[message('9', -300, undefined, 30)], [message('8', 0, ['MD-1', 'triage'])]]);
    expect(await find(graph)).toEqual({ channel: CHANNEL, ts: '8' });
  });

  it('reads a channel thread\'s replies, and a chat by its Graph id', async () => {
    const thread = pagedGraph([[message('11', 0, ['MD-1', 'triage'])]]);
    expect(await find(thread, `${CHANNEL};messageid=1700000000001`)).toEqual({ channel: `${CHANNEL};messageid=1700000000001`, ts: '11' });
    expect(thread.asked[0]).toBe(`/teams/${GROUP}/channels/${encodeURIComponent(CHANNEL)}/messages/1700000000001/replies?$top=50`);
    const chat = pagedGraph([[message('12', 0, ['MD-1', 'triage'])]]);
    const chatId = '19:6f1c2d3e_0b1c2d3e@unq.gbl.spaces';
    expect(await find(chat, chatId)).toEqual({ channel: chatId, ts: '12' });
    expect(chat.asked[0]).toBe(`/chats/${encodeURIComponent(chatId)}/messages?$top=50&$orderby=createdDateTime%20desc`);
  });

  it('cannot look without Graph, at a chat Graph cannot name, or when Graph refuses; says each once', async () => {
    const warned: string[] = [];
    const log = { ...quiet, warn: (_: unknown, msg: string) => void warned.push(msg) };
    const off = createTeamsMessageFinder({ graph: null, refs, log });
    expect(off.canLook).toBe(false);
    for (let i = 0; i < 2; i++) expect(await off.find({ conversationId: CHANNEL }, window, 'MD-1', 'triage')).toBeNull();
    const refusing: MsGraph = { get: async () => { throw new GraphRefusal(403, 'Forbidden', 'Microsoft Graph answered 403 Forbidden', null); }, post: async () => {} };
    const finder = createTeamsMessageFinder({ graph: refusing, refs, log });
    for (const where of [CHANNEL, CHANNEL, 'a:1personal-chat', '19:other@thread.tacv2']) expect(await finder.find({ conversationId: where }, window, 'MD-1', 'triage')).toBeNull();
    expect(warned).toEqual([
      expect.stringMatching(/^Microsoft Graph is off: a Teams post whose answer was lost/),
      expect.stringMatching(/^Microsoft Graph will not let the desk read its Teams messages \(Microsoft Graph answered 403 Forbidden\)/),
      expect.stringMatching(/^Microsoft Graph cannot read a 1:1 chat/),
      expect.stringMatching(/^Teams has not said which team holds 19:other@thread.tacv2/),
    ]);
  });

  it('asks a page Graph failed for a moment again at once, waiting out a short Retry-After', async () => {
    const pages = pagedGraph([[message('9', 30)], [message('8', 0, ['MD-1', 'triage'])]]);
    const failures: Error[] = [new DeskError('graph_unavailable', 'Microsoft Graph answered 503'), new RateLimitError(1_000, 'Microsoft Graph answered 429')];
    const flaky: MsGraph = { get: async <T>(path: string) => { const e = pages.asked.length === 1 ? failures.shift() : undefined; if (e) throw e; return pages.get<T>(path, ''); }, post: async () => {} };
    const waited: number[] = [];
    const finder = createTeamsMessageFinder({ graph: flaky, refs, log: quiet, wait: async (ms) => void waited.push(ms) });
    expect(await finder.find({ conversationId: CHANNEL }, window, 'MD-1', 'triage')).toEqual({ channel: CHANNEL, ts: '8' });
    expect(waited).toEqual([1_000]);
  });

  it('leaves an outage that outlasts three tries, or a long Retry-After, to the outbox to retry', async () => {
    let asked = 0;
    const down: MsGraph = { get: async () => { asked++; throw new DeskError('graph_unavailable', 'Microsoft Graph answered 503'); }, post: async () => {} };
    await expect(find(down)).rejects.toThrow('Microsoft Graph answered 503');
    expect(asked).toBe(3);
    const slow: MsGraph = { get: async () => { throw new RateLimitError(30_000, 'Microsoft Graph answered 429'); }, post: async () => {} };
    await expect(find(slow)).rejects.toBeInstanceOf(RateLimitError);
  });
});
