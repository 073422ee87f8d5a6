// The policy file: YAML validated with zod, each bad field reported by its path.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_POLICY_PATH, loadPolicy, parsePolicy, PolicyError } from '../../../src/config/load-policy.js';

async function defaultPolicyObject(): Promise<Record<string, any>> {
  return parse(await readFile(DEFAULT_POLICY_PATH, 'utf8'));
}

function problemsOf(policy: unknown): readonly string[] {
  try {
    parsePolicy(stringify(policy));
  } catch (e) {
    if (e instanceof PolicyError) return e.problems;
    throw e;
  }
  return [];
}

describe('the default policy', () => {
  it('is valid and frozen', async () => {
    const p = await loadPolicy(null);
    expect(p.services.length).toBeGreaterThan(3);
    expect(Object.isFrozen(p.houseRules[0])).toBe(true);
  });

  it('cites a source for every house rule, clock and kind', async () => {
    const p = await loadPolicy(null);
    for (const r of p.houseRules) expect(r.source).toMatch(/\d{3}/);
    for (const c of p.clocks) expect(c.source.length).toBeGreaterThan(5);
    for (const k of p.kinds) expect(k.source).toBeTruthy();
  });

  it('takes the stricter first-response target: 2 hours before one working day (003, 002 §6.2.2)', async () => {
    const p = await loadPolicy(null);
    expect(p.clocks.find((c) => c.id === 'first_response')?.within).toEqual([{ workingMinutes: 120 }, { workingDays: 1 }]);
  });
});

describe('a bad policy file', () => {
  it('names the path of each bad field', async () => {
    const p = await defaultPolicyObject();
    p.calendar.hours.mon = [{ start: '17:00', end: '09:00' }];
    p.houseRules[0].actions = ['burn'];
    p.people = [{ id: 'ana', name: 'Ana', initials: 'ap', roles: ['comms_officer'] }];
    const problems = problemsOf(p);
    expect(problems.some((x) => x.startsWith('calendar.hours.mon'))).toBe(true);
    expect(problems.some((x) => x.startsWith('houseRules.0.actions.0'))).toBe(true);
    expect(problems.some((x) => x.startsWith('people.0.initials'))).toBe(true);
  });

  it('refuses a service lead who is not among the people', async () => {
    const p = await defaultPolicyObject();
    p.services[0].leads = ['nobody'];
    expect(problemsOf(p)).toContain('services.0.leads.0: no person with id "nobody" in people');
  });

  it('refuses a house rule\'s own model bar for a rule the policy does not have', async () => {
    const p = await defaultPolicyObject();
    p.reader.houseRuleAtFor = { ...p.reader.houseRuleAtFor, bad_langauge: 0.4 };
    expect(problemsOf(p)).toEqual(['reader.houseRuleAtFor.bad_langauge: no house rule with id "bad_langauge"']);
  });

  it('refuses a term or pattern holding a control character, which no resident types (a "\\b" turned backspace)', async () => {
    const p = await defaultPolicyObject();
    p.safeguarding.threats.patterns[0] = '\\bsomeone\\s+will\\s+get\\s+hurt\u0008';
    p.safeguarding.threats.terms[0] = 'watch your\u0000 back';
    expect(problemsOf(p)).toEqual([
      'safeguarding.threats.terms.0: contains the control character U+0000',
      'safeguarding.threats.patterns.0: contains the control character U+0008 (a backspace: a word boundary is \\b, kept as written inside single quotes)',
    ]);
  });

  it('refuses duplicate ids', async () => {
    const p = await defaultPolicyObject();
    p.houseRules.push({ ...p.houseRules[0] });
    expect(problemsOf(p).some((x) => /houseRules\.\d+\.id: duplicate id "hate_speech"/.test(x))).toBe(true);
  });

  it('explains YAML that does not parse, and a file that cannot be read', async () => {
    expect(() => parsePolicy('council: [')).toThrow(/not valid YAML/);
    await expect(loadPolicy('/nonexistent/policy.yml')).rejects.toThrow(/cannot read it \(ENOENT\); check DESK_POLICY/);
  });
});
