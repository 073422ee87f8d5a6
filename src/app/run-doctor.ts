// Owns what `npm run doctor` checks, in order: each chat platform and network the configuration turns on, asked
// the way the desk will ask it, without starting the desk or listening anywhere.
import type { Config } from '../config/load-config.js';
import type { Policy } from '../policy/policy-schema.js';
import type { Clock } from '../services/ports.js';
import { checkSlackSetup } from '../adapters/slack/check-slack-setup.js';
import { checkTeamsCredentials } from '../adapters/teams/check-teams-credentials.js';
import { checkTeamsReach } from '../adapters/teams/check-teams-reach.js';
import type { TeamsTransportOverrides } from '../adapters/teams/create-teams-graph.js';
import { checkMetaAccess } from '../adapters/networks/meta/check-meta-access.js';
import { checkXAccess } from '../adapters/networks/x/check-x-access.js';
import type { Finding } from '../services/doctor-finding.js';

export interface DoctorOptions {
  readonly clock?: Clock;
  /** Tests: the bot's token from a loopback issuer instead of MSAL, which only talks to login.microsoftonline.com. */
  readonly teams?: TeamsTransportOverrides;
}

export async function runDoctor(config: Config, policy: Policy, o: DoctorOptions = {}): Promise<Finding[]> {
  const clock = o.clock ?? { now: () => new Date() };
  const teamsReach = config.teams ? await checkTeamsReach(config.teams, policy) : [];
  return [
    ...(await checkSlackSetup(config.slack, policy)),
    ...(await checkTeamsCredentials(config.teams, o.teams)),
    // Which way of reaching everyone is in place: facts about the tenant, reported as they are.
    ...teamsReach.map((text): Finding => ({ ok: null, text })),
    ...(await checkMetaAccess(config.meta, clock)),
    ...(await checkXAccess(config.x, clock)),
  ];
}

/** The doctor's verdict for an exit code: something to fix, or not. */
export const needsFixing = (findings: readonly Finding[]): boolean => findings.some((f) => f.ok === false);
