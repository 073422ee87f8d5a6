// Owns how the Teams adapter is set up from TeamsSettings: the Teams SDK app's options, and Microsoft Graph on
// top of it (whether it can be used, the client, and the proactive install built on it).
import type { TeamsSettings } from '../../config/load-config.js';
import type { BotTokenProvider, CreateTeamsAppOptions, DeskTeamsApp } from './create-teams-app.js';
import { createAppChatFinder, type AppChatFinder } from './graph-app-chat.js';
import { createMsGraph, type MsGraph } from './ms-graph.js';

/** Test seams: a loopback token issuer, and the bot's outgoing token instead of MSAL (which needs https). */
export interface TeamsTransportOverrides {
  readonly openIdMetadataUrl?: string;
  readonly botToken?: BotTokenProvider;
}

export function teamsAppOptions(settings: TeamsSettings, overrides: TeamsTransportOverrides = {}): Omit<CreateTeamsAppOptions, 'expressApp'> {
  return {
    ...(settings.allowUnauthenticated
      ? { allowUnauthenticated: true }
      : {
          ...(settings.appId ? { appId: settings.appId } : {}),
          // A test token replaces MSAL, which only talks to login.microsoftonline.com.
          ...(settings.appPassword && !overrides.botToken ? { appPassword: settings.appPassword } : {}),
          ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
        }),
    ...(overrides.openIdMetadataUrl ? { openIdMetadataUrl: overrides.openIdMetadataUrl } : {}),
    ...(overrides.botToken ? { botToken: overrides.botToken } : {}),
    ...(settings.graphUrl ? { graphUrl: settings.graphUrl } : {}),
    requestTimeoutMs: settings.requestTimeoutMs,
  };
}

/**
 * Graph takes the bot's own client credentials, which need a tenant (client credentials cannot use "common").
 * In credential-free local mode only a loopback fake Graph (MICROSOFT_GRAPH_URL) makes sense.
 */
export function graphAvailable(settings: TeamsSettings): boolean {
  if (settings.allowUnauthenticated) return settings.graphUrl !== null;
  return Boolean(settings.appId && settings.appPassword && settings.tenantId);
}

export interface TeamsGraph {
  readonly graph: MsGraph | null;
  readonly appChats: AppChatFinder | null;
}

export function createTeamsGraph(settings: TeamsSettings, app: DeskTeamsApp): TeamsGraph {
  if (!graphAvailable(settings)) return { graph: null, appChats: null };
  const graph = createMsGraph(app.graph);
  const appChats = createAppChatFinder(graph, { catalogId: settings.appCatalogId, externalId: settings.appId ?? app.id ?? '', graphRoot: settings.graphUrl });
  return { graph, appChats };
}
