// Owns the start-up report's answer to "can the desk reach people who never opened the app, and read Entra
// groups?": which of the two ways is in place (admin consent for Graph, or a setup policy that pre-installs the
// app), found by asking Graph what the app may do and for whom it is installed.
import type { Policy } from '../../policy/policy-schema.js';
import type { AppChatFinder } from './graph-app-chat.js';
import { GraphRefusal, type MsGraph } from './ms-graph.js';

const INSTALL = 'TeamsAppInstallation.ReadWriteSelfForUser.All';
const GROUPS = 'GroupMember.Read.All';
/** Enough to tell "everyone" from "some"; a council's policy lists tens of people. */
const MAX_PEOPLE = 50;
const FALLBACK = "their direct messages go to the case's thread in the triage channel, mentioning them, and the case records why";

export interface TeamsReachInput {
  readonly policy: Policy;
  readonly graph: MsGraph | null;
  readonly appChats: AppChatFinder | null;
}

export async function describeTeamsReach(o: TeamsReachInput): Promise<string[]> {
  const people = o.policy.people.filter((p) => p.teams).slice(0, MAX_PEOPLE);
  const groups = o.policy.groups.map((g) => g.teams).filter((g): g is string => g !== undefined);
  if (!o.graph || !o.appChats) {
    return [
      `Teams reach: Microsoft Graph is off, so the desk cannot install the app for anyone. People who never opened it are reached only if a Teams app setup policy pre-installs it for them; otherwise ${FALLBACK}. See manifests/teams/README.md, "Reaching everyone".`,
      ...(groups.length ? [`Teams roles: ${groups.length} Entra group(s) in the policy give nobody their roles while Graph is off.`] : []),
    ];
  }
  return [await describeInstalls(o.appChats, people.map((p) => p.teams as string)), ...(groups.length ? [await describeGroups(o.graph, groups[0]!, groups.length)] : [])];
}

async function describeInstalls(appChats: AppChatFinder, userIds: readonly string[]): Promise<string> {
  if (userIds.length === 0) return 'Teams reach: nobody in the policy has a Teams (Entra object) id yet.';
  let installed = 0;
  for (const id of userIds) {
    try {
      if (await appChats.isInstalledFor(id)) installed++;
    } catch (e) {
      if (e instanceof GraphRefusal && e.status === 403) {
        return `Teams reach: admin consent for ${INSTALL} is NOT in place (${e.message}). People who never opened the app are reached only if a Teams app setup policy pre-installs it; otherwise ${FALLBACK}.`;
      }
      return `Teams reach: could not ask Microsoft Graph (${e instanceof Error ? e.message : String(e)}); the desk will try again for each message.`;
    }
  }
  const how = installed === userIds.length ? 'already installed for all of them (a setup policy, or they opened it)' : `the desk installs it for the other ${userIds.length - installed} when it first writes to them`;
  return `Teams reach: admin consent for ${INSTALL} is in place. The app is installed for ${installed} of the ${userIds.length} people in the policy; ${how}.`;
}

async function describeGroups(graph: MsGraph, first: string, count: number): Promise<string> {
  try {
    await graph.get(`/groups/${encodeURIComponent(first)}/transitiveMembers?$select=id&$top=1`, `listing the members of Entra group ${first}`);
    return `Teams roles: ${GROUPS} is in place; ${count} Entra group(s) in the policy give their members roles.`;
  } catch (e) {
    return `Teams roles: cannot read Entra groups (${e instanceof Error ? e.message : String(e)}); until an admin grants ${GROUPS}, the groups in the policy give nobody their roles.`;
  }
}
