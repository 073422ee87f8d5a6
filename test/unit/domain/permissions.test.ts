// Who may send which command: the policy's permission table, checked before anything else.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import type { CaseCommand, CaseCommandType } from '../../../src/domain/commands.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { checkPermission } from '../../../src/domain/guards.js';
import type { Role } from '../../../src/domain/roles.js';
import {
  DEFAULT_PERMISSIONS,
  SYSTEM_ONLY_COMMANDS,
  ana,
  claimedByAna,
  closedCase,
  cmd,
  context,
  decide,
  dev,
  everyone,
  expectRefused,
  openedCase,
  person,
  run,
  system,
} from '../../helpers/domain-builders.js';

/** One example of every command type. */
const EXAMPLES: Readonly<Record<CaseCommandType, CaseCommand>> = {
  'case.claim': cmd.claim,
  'case.release': cmd.release,
  'case.reassign': cmd.reassign(ana),
  'case.classify': cmd.classify(),
  'case.escalate': cmd.escalateToLead(),
  'case.escalation.acknowledge': cmd.acknowledge(),
  'case.escalation.decline': cmd.decline(),
  'case.safeguarding.dismiss': { type: 'case.safeguarding.dismiss', escalationId: 'esc-1', reason: 'A figure of speech about a long queue' },
  'case.reply.submit': cmd.reply(),
  'case.reply.approve': cmd.approveReply(),
  'case.reply.reject': { type: 'case.reply.reject', replyId: 'rep-1', reason: 'Too political' },
  'case.reply.sent': cmd.replySent(),
  'case.reply.failed': cmd.replyFailed(),
  'case.moderate': cmd.moderate(),
  'case.moderation.approve': cmd.approveModeration(),
  'case.moderation.reject': cmd.rejectModeration(),
  'case.moderation.done': cmd.moderationDone(),
  'case.moderation.failed': cmd.moderationFailed(),
  'case.wait': cmd.wait(),
  'case.resume': cmd.resume,
  'case.close': cmd.close(),
  'case.reopen': cmd.reopen(),
  'case.note': { type: 'case.note', text: 'Out-of-hours reply sent', rule: null },
  'case.escalation.answer': { type: 'case.escalation.answer', escalationId: 'esc-1', facts: 'Crew missed Elm Road', proposedReply: null },
  'case.escalation.draft': { type: 'case.escalation.draft', escalationId: 'esc-1', text: 'We will collect Thursday', visibility: 'public' },
  'case.escalation.pass': { type: 'case.escalation.pass', escalationId: 'esc-1', toPersonId: 'ana', toName: 'Ana Patel' },
  'case.escalation.handover': { type: 'case.escalation.handover', escalationId: 'esc-1', toPersonId: 'cara', toName: 'Cara Lee', stage: 'manager', why: 'not_acknowledged' },
  'case.leadership.answer': { type: 'case.leadership.answer', escalationId: 'esc-1', answer: 'agree', note: null },
  'case.police.refer': { type: 'case.police.refer', decision: 'referred', reason: 'Threat to burn down the depot', reference: null },
  'case.reputation.flag': { type: 'case.reputation.flag', reasons: ['a journalist asking'] },
};

/** The default policy's table, spelt out: claimants act on what they hold, managers reassign and sign off. */
const EXPECTED: Readonly<Record<CaseCommandType, readonly Role[]>> = {
  'case.claim': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.release': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.reassign': ['comms_manager'],
  'case.classify': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.escalate': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.escalation.acknowledge': ['service_lead', 'service_officer', 'leadership', 'safeguarding_lead', 'comms_manager'],
  'case.escalation.decline': ['service_lead', 'service_officer', 'leadership', 'safeguarding_lead', 'comms_manager'],
  'case.safeguarding.dismiss': ['safeguarding_lead'],
  'case.reply.submit': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.reply.approve': ['comms_manager', 'comms_officer'],
  'case.reply.reject': ['comms_manager', 'comms_officer'],
  'case.reply.sent': [],
  'case.reply.failed': [],
  'case.moderate': ['comms_officer', 'comms_manager'],
  'case.moderation.approve': ['comms_manager', 'leadership'],
  'case.moderation.reject': ['comms_manager', 'leadership'],
  'case.moderation.done': [],
  'case.moderation.failed': [],
  'case.wait': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.resume': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.close': ['comms_officer', 'comms_manager', 'customer_services'],
  'case.reopen': ['comms_officer', 'comms_manager'],
  'case.note': [],
  'case.escalation.answer': ['service_lead', 'service_officer', 'comms_manager'],
  'case.escalation.draft': ['service_lead', 'service_officer'],
  'case.escalation.pass': ['service_lead', 'service_officer', 'comms_manager'],
  'case.escalation.handover': [],
  'case.leadership.answer': ['leadership'],
  'case.police.refer': ['comms_manager', 'safeguarding_lead', 'leadership'],
  'case.reputation.flag': [],
};

const people = everyone.filter((a) => a.personId !== 'system');
const TYPES = Object.keys(EXAMPLES) as CaseCommandType[];

function mayAct(actor: Actor, type: CaseCommandType): boolean {
  return actor.roles.some((r) => EXPECTED[type].includes(r));
}

describe('the permission table', () => {
  it('the test table mirrors the default policy for every command people send', () => {
    for (const type of TYPES) {
      if (SYSTEM_ONLY_COMMANDS.includes(type)) expect(DEFAULT_PERMISSIONS[type]).toBeUndefined();
      else expect([...(DEFAULT_PERMISSIONS[type] ?? [])].sort()).toEqual([...EXPECTED[type]].sort());
    }
  });

  it('the shipped default policy file grants exactly this table', async () => {
    const policy = await loadPolicy(null);
    // desk.emergency is a desk-wide setting, not a case command: checked in its own service.
    const { 'desk.emergency': emergency, ...caseCommands } = policy.permissions;
    expect(emergency).toEqual(['comms_manager']);
    const shipped = Object.fromEntries(Object.entries(caseCommands).map(([type, roles]) => [type, [...(roles ?? [])].sort()]));
    const mirrored = Object.fromEntries(Object.entries(DEFAULT_PERMISSIONS).map(([type, roles]) => [type, [...(roles ?? [])].sort()]));
    expect(shipped).toEqual(mirrored);
  });

  const cases = TYPES.flatMap((type) => people.map((actor) => ({ type, actor, allowed: mayAct(actor, type) })));

  it.each(cases.filter((x) => !x.allowed).map((x) => [x.type, x.actor.roles.join('+'), x.actor] as const))(
    'refuses %s from a %s before looking at the case',
    (type, _role, actor) => {
      const expectedWho = EXPECTED[type].length ? EXPECTED[type].map((r) => r.replace('_', ' ')).join(' or ') : 'the bot';
      // Whatever state the case is in, the role check comes first.
      for (const c of [openedCase(), claimedByAna(), closedCase()]) {
        expectRefused(c, EXAMPLES[type], actor, { code: 'not_permitted', rule: `permission:${type}`, message: `Only ${expectedWho} can do that` });
      }
    },
  );

  it.each(cases.filter((x) => x.allowed).map((x) => [x.type, x.actor.roles.join('+'), x.actor] as const))(
    'lets %s through the role check for a %s',
    (type, _role, actor) => {
      expect(checkPermission(type, context(actor))).toBeNull();
      for (const c of [openedCase(), claimedByAna(), closedCase()]) {
        const d = decide(c, EXAMPLES[type], actor);
        if (!d.ok) expect(d.refusal.rule).not.toBe(`permission:${type}`);
      }
    },
  );

  it('never refuses the bot on permission grounds', () => {
    for (const type of TYPES) {
      expect(checkPermission(type, context(system))).toBeNull();
      expect(checkPermission(type, context(system, { permissions: {} }))).toBeNull();
    }
  });

  it('refuses the system-only commands to people even if a policy lists their role', () => {
    const generous = Object.fromEntries(SYSTEM_ONLY_COMMANDS.map((t) => [t, ['comms_manager', 'comms_officer']]));
    for (const type of SYSTEM_ONLY_COMMANDS) {
      const refusal = checkPermission(type, context(ana, { permissions: { ...DEFAULT_PERMISSIONS, ...generous } }));
      expect(refusal).toMatchObject({ code: 'not_permitted', rule: `permission:${type}` });
      expect(refusal?.message).toContain('Only the bot can do that');
    }
  });
});

describe('a council changing the table', () => {
  it('lets a role claim when the policy allows it', () => {
    const permissions = { ...DEFAULT_PERMISSIONS, 'case.claim': ['service_lead'] as const };
    expect(run(openedCase(), [cmd.claim, dev, { permissions }]).owner?.personId).toBe('dev');
    expectRefused(openedCase(), cmd.claim, ana, { code: 'not_permitted', rule: 'permission:case.claim', message: 'Only service lead can do that (claim)' }, { permissions });
  });

  it('refuses every person a command the policy does not list', () => {
    const { 'case.reopen': _omitted, ...permissions } = DEFAULT_PERMISSIONS;
    expectRefused(closedCase(), cmd.reopen(), ana, { code: 'not_permitted', rule: 'permission:case.reopen', message: '(reopen)' }, { permissions });
  });

  it('gives a person with two roles what either role may do', () => {
    const officerAndLead = person('dev', 'Dev Shah', ['service_lead', 'comms_officer']);
    const c = run(openedCase(), [cmd.claim, officerAndLead], [cmd.escalateToLead('waste'), officerAndLead], [cmd.acknowledge(), officerAndLead]);
    expect(c.escalations[0]?.status).toBe('acknowledged');
  });

  it('refuses a person with no roles at all', () => {
    const nobody = person('zed', 'Zed Nobody', []);
    expectRefused(openedCase(), cmd.claim, nobody, { code: 'not_permitted', rule: 'permission:case.claim', message: 'Only comms officer or comms manager or customer services can do that' });
  });
});
