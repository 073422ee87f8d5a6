// Who a notice (reminder, breach, surge, block, emergency) is for, by audience: decided once for every surface.
import type { ChatChannel, Person } from './policy-people-schema.js';
import { findPersonById } from './policy-directory.js';
import type { Policy } from './policy-schema.js';

export const NOTICE_AUDIENCES = ['owner', 'channel_and_managers', 'managers_and_leadership', 'leadership', 'admins', 'audit'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

export interface NoticeRecipients {
  /** Post it in the case card's thread (the triage channel) when there is a case. */
  readonly inCardThread: boolean;
  /** Channels to post it in besides the card's thread. */
  readonly channels: readonly ChatChannel[];
  /** People to notify where it is posted. */
  readonly notify: readonly Person[];
  /** People to message directly (no channel reaches them). */
  readonly direct: readonly Person[];
}

export function noticeRecipients(policy: Policy, audience: NoticeAudience, ownerId: string | null): NoticeRecipients {
  const withRole = (role: Person['roles'][number]) => policy.people.filter((p) => p.roles.includes(role));
  const managers = withRole('comms_manager');
  const leaders = withRole('leadership');
  const hasLeadershipChannel = Object.values(policy.channels.leadership).some(Boolean);
  switch (audience) {
    case 'owner': {
      // Reminders go to the claimant; nobody to remind means the card's thread hears it.
      const owner = ownerId ? findPersonById(policy, ownerId) : null;
      return owner ? { inCardThread: false, channels: [], notify: [], direct: [owner] } : { inCardThread: true, channels: [], notify: [], direct: [] };
    }
    case 'channel_and_managers':
      return { inCardThread: true, channels: [], notify: managers, direct: [] };
    case 'managers_and_leadership':
      return { inCardThread: true, channels: hasLeadershipChannel ? [policy.channels.leadership] : [], notify: [...managers, ...leaders], direct: hasLeadershipChannel ? [] : leaders };
    case 'leadership':
      // The Chief Executive is made aware of every block (002 §6.3.3): the leadership channel, else each leader.
      return { inCardThread: false, channels: hasLeadershipChannel ? [policy.channels.leadership] : [], notify: leaders, direct: hasLeadershipChannel ? [] : leaders };
    case 'admins': {
      // The desk's own trouble: the admin channel, else the triage channel, where the comms managers see it.
      const hasAdminChannel = Object.values(policy.channels.admin).some(Boolean);
      return { inCardThread: false, channels: [hasAdminChannel ? policy.channels.admin : policy.channels.triage], notify: managers, direct: [] };
    }
    case 'audit': {
      // Signed checkpoints of the event log: the audit channel, else where the admins look; nobody is pinged.
      const channel = [policy.channels.audit, policy.channels.admin, policy.channels.triage].find((c) => Object.values(c).some(Boolean));
      return { inCardThread: false, channels: channel ? [channel] : [], notify: [], direct: [] };
    }
  }
}

export function parseNoticeAudience(value: unknown): NoticeAudience {
  return (NOTICE_AUDIENCES as readonly unknown[]).includes(value) ? (value as NoticeAudience) : 'channel_and_managers';
}
