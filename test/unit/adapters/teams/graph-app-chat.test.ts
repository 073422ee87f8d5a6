// Unit tests for opening the bot's chat with a person through Graph: the calls in the order Microsoft's
// proactive-installation guide gives, an install someone else made meanwhile (409), and the catalog look-up.
import { describe, expect, it } from 'vitest';
import { createAppChatFinder } from '../../../../src/adapters/teams/graph-app-chat.js';
import { GraphRefusal, type MsGraph } from '../../../../src/adapters/teams/ms-graph.js';

const USER = '6f1c2d3e-0000-4000-8000-000000000004';
const CATALOG = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';
const CHAT = `19:${USER}_bot@unq.gbl.spaces`;

/** Answers from `answers` by "METHOD path" prefix, in order; records every call. */
function scriptedGraph(answers: Array<[string, unknown]>) {
  const calls: string[] = [];
  const next = (call: string) => {
    calls.push(call);
    const i = answers.findIndex(([prefix]) => call.startsWith(prefix));
    if (i < 0) throw new Error(`unexpected ${call}`);
    const [, answer] = answers.splice(i, 1)[0]!;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const graph: MsGraph = {
    get: async <T>(path: string) => next(`GET ${decodeURIComponent(path)}`) as T,
    post: async (path: string) => void next(`POST ${path}`),
  };
  return { graph, calls };
}

const listed = (ids: string[]) => ({ value: ids.map((id) => ({ id })) });

describe('createAppChatFinder', () => {
  it('installs the app when the person does not have it, then reads the installation\'s chat', async () => {
    const g = scriptedGraph([
      [`GET /users/${USER}/teamwork/installedApps?`, listed([])],
      [`POST /users/${USER}/teamwork/installedApps`, undefined],
      [`GET /users/${USER}/teamwork/installedApps?`, listed(['inst-1'])],
      [`GET /users/${USER}/teamwork/installedApps/inst-1/chat`, { id: CHAT }],
    ]);
    expect(await createAppChatFinder(g.graph, { catalogId: CATALOG, externalId: 'x' }).chatWith(USER)).toEqual({ chatId: CHAT, installed: true });
    expect(g.calls[0]).toBe(`GET /users/${USER}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${CATALOG}'`);
  });

  it('carries on to the chat when the install answers 409 (installed meanwhile)', async () => {
    const g = scriptedGraph([
      ['GET /users/', listed([])],
      ['POST /users/', new GraphRefusal(409, 'Conflict', 'Microsoft Graph answered 409', null)],
      ['GET /users/', listed(['inst-2'])],
      ['GET /users/', { id: CHAT }],
    ]);
    expect(await createAppChatFinder(g.graph, { catalogId: CATALOG, externalId: 'x' }).chatWith(USER)).toEqual({ chatId: CHAT, installed: false });
  });

  it('finds the catalog id from the manifest id once, and says how to fix it when the app is not in the catalog', async () => {
    const g = scriptedGraph([
      ["GET /appCatalogs/teamsApps?$filter=externalId eq 'manifest-id'", { value: [{ id: CATALOG }] }],
      ['GET /users/', listed(['inst-3'])],
      ['GET /users/', listed(['inst-3'])],
    ]);
    const finder = createAppChatFinder(g.graph, { catalogId: null, externalId: 'manifest-id' });
    expect(await finder.isInstalledFor(USER)).toBe(true);
    expect(await finder.isInstalledFor(USER)).toBe(true);
    expect(g.calls.filter((c) => c.includes('appCatalogs'))).toHaveLength(1);

    const empty = scriptedGraph([['GET /appCatalogs/', { value: [] }]]);
    const refusal = await createAppChatFinder(empty.graph, { catalogId: null, externalId: 'manifest-id' }).chatWith(USER).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(GraphRefusal);
    expect((refusal as GraphRefusal).hint).toContain('TEAMS_APP_CATALOG_ID');
  });
});
