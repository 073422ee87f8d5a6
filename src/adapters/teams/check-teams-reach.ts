// Owns `npm run doctor`'s Teams section: the same check the start-up report makes (which way of reaching
// everyone is in place, whether Entra groups can be read, whether a lost answer can make a card show twice),
// without starting the desk or listening anywhere.
import type { Log } from '../../services/log.js';
import express from 'express';
import type { TeamsSettings } from '../../config/load-config.js';
import type { Policy } from '../../policy/policy-schema.js';
import { createTeamsApp } from './create-teams-app.js';
import { createTeamsGraph, teamsAppOptions, type TeamsTransportOverrides } from './create-teams-graph.js';
import type { TeamsTransport } from './create-teams-app.js';
import { describePostingOnce } from './describe-posting-once.js';
import { describeTeamsReach } from './describe-teams-reach.js';
import { teamsLogger } from './teams-logger.js';

const QUIET: Log = { debug() {}, info() {}, warn() {}, error() {} };

export async function checkTeamsReach(settings: TeamsSettings | null, policy: Policy): Promise<string[]> {
  if (!settings) return ['Microsoft Teams: not configured (MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID); nothing to check.'];
  const transport = await offlineTeamsTransport(settings);
  const graph = createTeamsGraph(settings, transport.app);
  return [...(await describeTeamsReach({ policy, ...graph })), describePostingOnce(graph.graph)];
}

/**
 * The Teams SDK app as the desk builds it, on a throwaway express app: the SDK mounts its route there, and nothing
 * ever listens on it. Its own log stays quiet: the doctor's output is what it returns (the SDK would warn about local mode).
 */
export function offlineTeamsTransport(settings: TeamsSettings, overrides: TeamsTransportOverrides = {}): Promise<TeamsTransport> {
  return createTeamsApp({ expressApp: express(), logger: teamsLogger(QUIET), ...teamsAppOptions(settings, overrides) });
}
