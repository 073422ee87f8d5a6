// Owns where Teams cards go and whom they notify, read from the policy (Entra object ids under `teams:`):
// the triage channel, escalation targets, approvers and comms managers.
import type { EscalationTarget } from '../../domain/case.js';
import type { Role } from '../../domain/roles.js';
import { escalationRecipients } from '../../policy/policy-directory.js';
import type { Person } from '../../policy/policy-people-schema.js';
import type { ModerationActionKind } from '../../domain/case.js';
import { approverRole } from '../../policy/moderation-ladder.js';
import type { Policy } from '../../policy/policy-schema.js';
import { PermanentError } from '../../services/errors.js';
import { mentionOf, type TeamsMention } from './teams-text.js';

export type Destination = { readonly kind: 'channel'; readonly channel: string } | { readonly kind: 'chat'; readonly userId: string; readonly name: string };

export function triageChannel(policy: Policy): string {
  const channel = policy.channels.triage.teams;
  if (!channel) {
    throw new PermanentError('no Teams triage channel', 'Set channels.triage.teams in the policy file to the channel id (19:…@thread.tacv2): in Teams, "Get link to channel" shows it after "/channel/", URL-decoded.');
  }
  return channel;
}

/**
 * A service lead escalation goes to the service's channel when it has one, else to each lead in a 1:1
 * chat (001 "Assigning tasks"); leadership to the leadership channel, else to each leader.
 */
export function escalationDestinations(policy: Policy, target: EscalationTarget): Destination[] {
  const channel = escalationRecipients(policy, target).channel?.teams;
  if (channel) return [{ kind: 'channel', channel }];
  const { people, alsoDirect = [] } = escalationRecipients(policy, target);
  const chats = inTeams([...people, ...alsoDirect]).map((p) => ({ kind: 'chat' as const, userId: p.teams, name: p.name }));
  if (chats.length) return chats;
  const where = target.type === 'service_lead'
    ? `services[${target.serviceTag}].channel.teams, or a Teams (Entra object) id for one of its leads`
    : `channels.${target.type}.teams, or a Teams (Entra object) id for a person with the ${target.type === 'leadership' ? 'leadership' : 'safeguarding_lead'} role`;
  throw new PermanentError(`no Teams destination for an escalation ${target.type === 'service_lead' ? `to the ${target.serviceTag} service lead` : `to ${target.type}`}`, `Set ${where} in the policy file.`);
}

/** The people an escalation is for, as mentions that notify them in a channel post. */
export function escalationMentions(policy: Policy, target: EscalationTarget): TeamsMention[] {
  return inTeams(escalationRecipients(policy, target).people).map((p) => mentionOf(p.teams, p.name));
}

/** Who approves: a comms manager (002 §6.3.3, 004 §2), or leadership for lifting a block. */
export function approverMentions(policy: Policy, moderationAction: ModerationActionKind | null): TeamsMention[] {
  return roleMentions(policy, approverRole(moderationAction));
}

export function roleMentions(policy: Policy, role: Role): TeamsMention[] {
  return inTeams(policy.people.filter((p) => p.roles.includes(role))).map((p) => mentionOf(p.teams, p.name));
}

function inTeams(people: readonly Person[]): Array<Person & { teams: string }> {
  return people.filter((p): p is Person & { teams: string } => typeof p.teams === 'string');
}
