// Owns the test policy with Microsoft Teams identities: the Slack test policy's people, channels and services,
// plus each person's Entra object id and the Teams channels, so one policy serves both surfaces.
import { readFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { parsePolicy } from '../../src/config/load-policy.js';
import type { Policy } from '../../src/policy/policy-schema.js';
import { DESK_CHANNEL_ID } from './teams-activities.js';

export const POLICY_FILE = new URL('../fixtures/policy/test-policy.yml', import.meta.url).pathname;

/** A Teams user as activities carry them: the per-bot 29: id, the name, and the Entra object id the policy knows. */
export interface TeamsPerson {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

const person = (key: string, name: string, n: number): TeamsPerson => ({ id: `29:1${key}-fake-teams-id`, name, aadObjectId: `6f1c2d3e-0000-4000-8000-${String(n).padStart(12, '0')}` });

export const TEAMS_PEOPLE = {
  ana: person('ana', 'Ana Patel', 1),
  ben: person('ben', 'Ben Okafor', 2),
  cara: person('cara', 'Cara Lee', 3),
  dev: person('dev', 'Dev Shah', 4),
  eve: person('eve', 'Eve Grant', 5),
  /** In nobody's list: no roles. */
  zed: person('zed', 'Zed Stranger', 99),
} satisfies Record<string, TeamsPerson>;

export const TEAMS_CHANNELS = {
  triage: DESK_CHANNEL_ID,
  waste: '19:3f0e5a2b7c9d4e1fa6b8c0d2e4f6a8b0@thread.tacv2',
  leadership: '19:9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c5d@thread.tacv2',
};

interface RawPolicy {
  people: Array<{ id: string; teams?: string }>;
  channels: { triage: Record<string, string>; leadership: Record<string, string> };
  services: Array<{ tag: string; channel?: Record<string, string> }>;
}

/** The Slack test policy plus Teams ids; `edit` may change the raw YAML object before it is validated. */
export async function loadTeamsPolicy(edit: (raw: RawPolicy) => void = () => {}): Promise<Policy> {
  const raw = parse(await readFile(POLICY_FILE, 'utf8')) as RawPolicy;
  for (const p of raw.people) {
    const teams = TEAMS_PEOPLE[p.id as keyof typeof TEAMS_PEOPLE];
    if (teams) p.teams = teams.aadObjectId;
  }
  raw.channels.triage.teams = TEAMS_CHANNELS.triage;
  raw.channels.leadership.teams = TEAMS_CHANNELS.leadership;
  const waste = raw.services.find((s) => s.tag === 'waste');
  if (waste) waste.channel = { ...waste.channel, teams: TEAMS_CHANNELS.waste };
  edit(raw);
  return parsePolicy(stringify(raw), POLICY_FILE);
}
