// The bot's own authority cannot be borrowed: a person called "system" is just a person, and no policy may name one.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFile } from 'node:fs/promises';
import { isSystem, systemActor, type Actor } from '../../../src/domain/actor.js';
import { DEFAULT_POLICY_PATH, parsePolicy, PolicyError } from '../../../src/config/load-policy.js';
import { claimedByAna, cmd, decide } from '../../helpers/domain-builders.js';

const impostor: Actor = { personId: 'system', name: 'Mention Desk', initials: 'MD', roles: [], surface: 'slack' };

describe('the system actor', () => {
  it('is the bot acting, not anyone who carries its id', () => {
    expect(isSystem(systemActor())).toBe(true);
    expect(isSystem(impostor)).toBe(false);
  });

  it('refuses a person with the id "system" a command only the bot may send, and one their roles do not allow', () => {
    const c = claimedByAna();
    expect(decide(c, cmd.replySent(), impostor)).toMatchObject({ ok: false, refusal: { code: 'not_permitted' } });
    expect(decide(c, cmd.escalateToLeadership(), impostor)).toMatchObject({ ok: false, refusal: { code: 'not_permitted' } });
    // The bot itself may record what the network did.
    expect(decide(c, cmd.replySent(), systemActor()).ok).toBe(false); // no such reply on this case: refused for that, not permission
    expect(decide(c, cmd.replySent(), systemActor())).not.toMatchObject({ refusal: { code: 'not_permitted' } });
  });

  it('cannot be named in the policy file', async () => {
    const policy = parse(await readFile(DEFAULT_POLICY_PATH, 'utf8')) as { people: unknown[] };
    policy.people = [{ id: 'system', name: 'Sneaky', initials: 'SN', roles: ['comms_manager'], slack: 'U0SNEAKY' }];
    let problems: readonly string[] = [];
    try {
      parsePolicy(stringify(policy));
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual([expect.stringMatching(/people\.0\.id.*"system" is the bot's own id/)]);
  });
});
