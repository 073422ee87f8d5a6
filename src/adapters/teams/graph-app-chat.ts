// Owns opening the bot's 1:1 chat with someone who never opened the app, as Microsoft's proactive-installation
// guide describes: find (or install, TeamsAppInstallation.ReadWriteSelfForUser.All) the app in the person's
// personal scope, then read that installation's chat id.
import { DeskError } from '../../services/errors.js';
import { GraphRefusal, type MsGraph } from './ms-graph.js';

export interface AppChatOptions {
  /** TEAMS_APP_CATALOG_ID: the app's id in the tenant catalog; null = looked up by externalId. */
  readonly catalogId: string | null;
  /** The manifest's id (our manifest uses the bot's app id), which the catalog calls externalId. */
  readonly externalId: string;
  /** The Graph root the install's odata.bind names (a sovereign cloud's); default the public one. */
  readonly graphRoot?: string | null;
}

export interface AppChatFinder {
  /** The chat id ("19:…@unq.gbl.spaces") of the bot's 1:1 chat with this Entra user, installing the app if needed. */
  chatWith(userId: string): Promise<{ chatId: string; installed: boolean }>;
  /** Whether the app is in this Entra user's personal scope now (a setup policy, the person, or us installed it). */
  isInstalledFor(userId: string): Promise<boolean>;
}

interface Installation {
  readonly id: string;
}

export function createAppChatFinder(graph: MsGraph, o: AppChatOptions): AppChatFinder {
  let catalogId: Promise<string> | null = o.catalogId ? Promise.resolve(o.catalogId) : null;

  /** Needs AppCatalog.Read.All; set TEAMS_APP_CATALOG_ID to do without it. A failed look-up is tried again next time. */
  function appId(): Promise<string> {
    catalogId ??= (async () => {
      const filter = encodeURIComponent(`externalId eq '${o.externalId}'`);
      const found = await graph.get<{ value: Array<{ id: string }> }>(`/appCatalogs/teamsApps?$filter=${filter}`, 'the app catalog look-up');
      const id = found.value[0]?.id;
      if (!id) throw new GraphRefusal(404, null, `the Mention Desk app (manifest id ${o.externalId}) is not in the organisation's app catalog`, 'Upload the app package in the Teams admin centre (Manage apps), or set TEAMS_APP_CATALOG_ID.');
      return id;
    })();
    return catalogId.catch((e: unknown) => {
      catalogId = null;
      throw e;
    });
  }

  async function installation(userId: string, teamsAppId: string): Promise<Installation | null> {
    const filter = encodeURIComponent(`teamsApp/id eq '${teamsAppId}'`);
    const list = await graph.get<{ value: Installation[] }>(`/users/${encodeURIComponent(userId)}/teamwork/installedApps?$expand=teamsApp&$filter=${filter}`, "listing a user's installed apps");
    return list.value[0] ?? null;
  }

  return {
    isInstalledFor: async (userId) => (await installation(userId, await appId())) !== null,
    async chatWith(userId) {
      const teamsAppId = await appId();
      let found = await installation(userId, teamsAppId);
      let installed = false;
      if (!found) {
        try {
          await graph.post(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`, { 'teamsApp@odata.bind': `${o.graphRoot ?? 'https://graph.microsoft.com'}/v1.0/appCatalogs/teamsApps/${teamsAppId}` }, 'installing the app for a user');
          installed = true;
        } catch (e) {
          // 409: installed meanwhile (another replica, or the person themself): carry on to the chat.
          if (!(e instanceof GraphRefusal && e.status === 409)) throw e;
        }
        found = await installation(userId, teamsAppId);
        // Retryable: the install was accepted, the listing catches up.
        if (!found) throw new DeskError('graph_install_pending', `Microsoft Graph accepted the install for ${userId} but does not list it yet`);
      }
      const chat = await graph.get<{ id: string }>(`/users/${encodeURIComponent(userId)}/teamwork/installedApps/${encodeURIComponent(found.id)}/chat`, "reading an installation's chat");
      return { chatId: chat.id, installed };
    },
  };
}
