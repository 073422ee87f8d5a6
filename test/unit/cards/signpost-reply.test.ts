// Signposting (001 matrix option 3, 002 §6.2.3): ready replies per service offered in the reply form, sent or
// adapted, and recorded on the reply event so the dashboard can count them.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCardForm } from '../../../src/cards/build-card-form.js';
import { commandFromAction } from '../../../src/cards/command-from-action.js';
import { describeEvent } from '../../../src/cards/event-line.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Mention } from '../../../src/domain/mention.js';
import { policySchema, type Policy } from '../../../src/policy/policy-schema.js';
import { ana, claimedByAna, cmd, decide, run } from '../../helpers/domain-builders.js';

let policy: Policy;
beforeAll(async () => { policy = await loadPolicy(null); });

const mention = (text: string): Mention => ({
  network: 'x', externalId: 't-1', url: 'https://x.com/r/status/1', kind: 'mention', text, postedAt: '2026-06-02T10:00:00Z',
  author: { id: 'a-1', name: 'Sam', handle: 'sam', followers: 10, verified: false },
});

function signpostOptions(text: string, c = claimedByAna()): string[] {
  const field = buildCardForm({ formId: 'reply', case: c, mention: mention(text), policy }).fields.find((f) => f.id === 'signpost');
  return field && field.kind === 'select' ? field.options.map((o) => o.value) : [];
}

describe('ready replies in the reply form', () => {
  it('offers the suggested service\'s ready replies first, then the general ones, none preselected', () => {
    const options = signpostOptions('bin men missed our road AGAIN, third week running');
    expect(options.slice(0, 3)).toEqual(['waste-missed-bin', 'waste-collection-day', 'waste-fly-tipping']);
    expect(options).toContain('general-report-online');
    expect(options).not.toContain('parking-pcn');
    const field = buildCardForm({ formId: 'reply', case: claimedByAna(), mention: mention('bins?'), policy }).fields.find((f) => f.id === 'signpost');
    expect(field).not.toHaveProperty('initial');
  });

  it('follows the officer\'s classification over the suggestion', () => {
    const classified = run(claimedByAna(), [cmd.classify('parking', 'question'), ana]);
    expect(signpostOptions('bins?', classified)[0]).toBe('parking-pcn');
  });

  it('lets the reply box be left empty when ready replies are offered', () => {
    const text = buildCardForm({ formId: 'reply', case: claimedByAna(), mention: mention('bins?'), policy }).fields[0];
    expect(text).toMatchObject({ id: 'text', optional: true });
  });
});

describe('a signposted reply parsed back and recorded', () => {
  it('sends the ready reply with the council\'s website when the box is empty, and records it as "report it online"', () => {
    const parsed = commandFromAction('case.reply.submit', {}, { text: '', visibility: 'public', signpost: 'waste-missed-bin' }, policy);
    expect(parsed).toEqual({ ok: true, command: {
      type: 'case.reply.submit', visibility: 'public',
      text: 'Sorry your bin was missed. Please report it online and the crew will be sent back: https://www.example.gov.uk/bins/missed',
      signpost: { templateId: 'waste-missed-bin', kind: 'report_online', serviceTag: 'waste' },
    } });
  });

  it('keeps the officer\'s own words when they adapted it, still counted as signposting', () => {
    const parsed = commandFromAction('case.reply.submit', {}, { text: 'Sorry Sam! Report it here: example.gov.uk/bins', visibility: 'public', signpost: 'waste-collection-day' }, policy);
    expect(parsed.ok && parsed.command.type === 'case.reply.submit' && parsed.command.text).toBe('Sorry Sam! Report it here: example.gov.uk/bins');
    expect(parsed.ok && parsed.command.type === 'case.reply.submit' && parsed.command.signpost?.kind).toBe('signpost');
  });

  it('refuses an empty reply with no ready reply, and a ready reply that is not in the policy', () => {
    expect(commandFromAction('case.reply.submit', {}, { text: ' ', visibility: 'public' }, policy)).toEqual({ ok: false, fieldErrors: { text: 'Write the reply, or choose a ready reply.' } });
    expect(commandFromAction('case.reply.submit', {}, { text: '', visibility: 'public', signpost: 'gone' }, policy)).toEqual({ ok: false, fieldErrors: { signpost: 'Choose a ready reply from the list.' } });
  });

  it('puts the template on the reply event, for the dashboard, and says so in the thread', () => {
    const parsed = commandFromAction('case.reply.submit', {}, { text: '', visibility: 'public', signpost: 'highways-pothole' }, policy);
    if (!parsed.ok) throw new Error('parse failed');
    const d = decide(claimedByAna(), parsed.command, ana);
    if (!d.ok) throw new Error(d.refusal.message);
    const event = d.events[0]!;
    expect(event.type === 'case.reply.requested' && event.data.signpost).toEqual({ templateId: 'highways-pothole', kind: 'report_online', serviceTag: 'highways' });
    expect(describeEvent(event, claimedByAna(), policy)).toMatch(/^Ana Patel sent a "report it online" reply \(highways-pothole\): Thanks for flagging it/);
  });
});

describe('ready replies in the policy file', () => {
  it('ships one or more for every service in the default, each short enough for X with a sign-off', () => {
    const served = new Set(policy.signposts.templates.map((t) => t.service));
    for (const s of policy.services) expect(served.has(s.tag), s.tag).toBe(true);
    for (const t of policy.signposts.templates) expect(t.text.replace('{website}', policy.council.website).length, t.id).toBeLessThanOrEqual(270);
  });

  it('refuses a ready reply for a service the policy does not have, naming the field', () => {
    const raw = { ...policy, signposts: { source: 'x', templates: [{ id: 'a', service: 'bins', kind: 'signpost', label: 'A', text: 'B' }] } };
    const r = policySchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('signposts.templates.0.service: no service with tag "bins" (or use general)');
  });
});
