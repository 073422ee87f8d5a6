// Owns where Slack messages go and whom they notify, read from the policy: triage channel, escalation targets, approvers.
import type { EscalationTarget } from '../../domain/case.js';
import type { Role } from '../../domain/roles.js';
import { escalationRecipients } from '../../policy/policy-directory.js';
import type { ModerationActionKind } from '../../domain/case.js';
import { approverRole } from '../../policy/moderation-ladder.js';
import type { Policy } from '../../policy/policy-schema.js';
import { PermanentError } from '../../services/errors.js';
import { userMention } from './slack-text.js';

export type Destination = { readonly kind: 'channel'; readonly channel: string } | { readonly kind: 'dm'; readonly userId: string };

export function triageChannel(policy: Policy): string {
  const channel = policy.channels.triage.slack;
  if (!channel) throw new PermanentError('no Slack triage channel', 'Set channels.triage.slack in the policy file to the channel id (C…) and invite the bot to that channel.');
  return channel;
}

/**
 * A service lead escalation goes to the service's channel when it has one, else to each lead by
 * direct message (001 "Assigning tasks"); leadership to the leadership channel, else to each leader.
 */
export function escalationDestinations(policy: Policy, target: EscalationTarget): Destination[] {
  const channel = escalationRecipients(policy, target).channel?.slack;
  if (channel) return [{ kind: 'channel', channel }];
  const others = (escalationRecipients(policy, target).alsoDirect ?? []).map((p) => p.slack).filter((id): id is string => id !== undefined);
  const dms = [...new Set([...escalationPeople(policy, target), ...others])].map((userId) => ({ kind: 'dm' as const, userId }));
  if (dms.length) return dms;
  const where = target.type === 'service_lead' ? `services[${target.serviceTag}].channel.slack, or a Slack id for one of its leads` : `channels.${target.type}.slack, or a Slack id for a person with the ${target.type === 'leadership' ? 'leadership' : 'safeguarding_lead'} role`;
  throw new PermanentError(`no Slack destination for an escalation ${describeTarget(target)}`, `Set ${where} in the policy file.`);
}

/** Slack ids of the people an escalation is for, so a channel post can notify them. */
export function escalationPeople(policy: Policy, target: EscalationTarget): string[] {
  const ids = escalationRecipients(policy, target).people.map((p) => p.slack);
  return ids.filter((id): id is string => id !== undefined);
}

/** Who approves: a comms manager (002 §6.3.3, 004 §2), or leadership for lifting a block. */
export function approverMentions(policy: Policy, moderationAction: ModerationActionKind | null): string[] {
  const role: Role = approverRole(moderationAction);
  const people = policy.people.filter((p) => p.roles.includes(role) && p.slack).map((p) => userMention(p.slack as string));
  const groups = policy.groups.filter((g) => g.roles.includes(role) && g.slack).map((g) => `<!subteam^${g.slack as string}>`);
  return [...people, ...groups];
}

function describeTarget(target: EscalationTarget): string {
  return target.type === 'service_lead' ? `to the ${target.serviceTag} service lead` : `to ${target.type === 'leadership' ? 'leadership' : 'the safeguarding lead'}`;
}
