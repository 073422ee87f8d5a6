// Suggestions that learn (issue 16), on the real store: officers' recorded classifications train the desk's suggestions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Actor } from '../../../src/domain/actor.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { executeCaseCommand } from '../../../src/services/execute-case-command.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { createLearnedSuggestions } from '../../../src/services/learned-suggestions.js';
import { loadCaseForm } from '../../../src/services/load-case-form.js';
import { loadCaseView } from '../../../src/services/load-case-view.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
const clock = { now: () => new Date('2026-06-01T09:00:00Z') };
const learned = () => createLearnedSuggestions(ctx);
const officer: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };

// "Gulley" is no keyword of the default policy: this council's officers teach it.
const DECISIONS: ReadonlyArray<readonly [string, string]> = [
  ['The gulley outside ours is blocked solid again', 'highways'], ['gulley by the school overflowing onto the path', 'highways'],
  ['Another blocked gulley on Mill Lane', 'highways'], ['gulley cover missing on Station Road', 'highways'],
  ['who clears the gulley by the shops', 'highways'], ['gulley smells and is full of leaves', 'highways'],
  ['Bins not emptied on our street', 'waste'], ['recycling left behind again', 'waste'], ['garden waste missed this week', 'waste'],
  ['brown bin not collected', 'waste'], ['food caddy left full', 'waste'], ['bin men skipped our road', 'waste'],
];

async function classified(text: string, serviceTag: string): Promise<void> {
  const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ text, externalId: randomUUID() }))]);
  const result = await executeCaseCommand(ctx, { caseId: outcome!.caseId, seenVersion: null, command: { type: 'case.classify', serviceTag, kind: 'complaint' }, actor: officer });
  if (!result.ok) throw new Error(result.refusal.message);
}

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(db, { clock }), clock, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

describe('learned suggestions', () => {
  it('learns nothing from an empty record, and the rules carry on alone', async () => {
    const l = learned();
    expect(await l.retrain()).toEqual({ decisions: 0 });
    expect(l.current()).toEqual({ kind: null, service: null });
  });

  it('retrains from every recorded classification, and the card and classify form show the learned suggestion with its reason', async () => {
    for (const [text, tag] of DECISIONS) await classified(text, tag);
    const l = learned();
    expect(await l.retrain()).toEqual({ decisions: DECISIONS.length });
    ctx = { ...ctx, learned: l };
    const [outcome] = await ingestMentions(ctx, [mentionSchema.parse(sampleMention({ text: 'gulley outside number 4 still not sorted', externalId: randomUUID() }))]);
    const view = await loadCaseView(ctx, outcome!.caseId);
    const facts = Object.fromEntries(view!.card.facts.map((f) => [f.label, f.value]));
    expect(facts['Suggested']).toMatch(/^Roads and Highways, .+ \(\d+% sure\)$/);
    expect(facts['Why']).toMatch(/service Roads and Highways: learned from 12 decisions \(\d+%\), matched "gulley"/);
    const form = await loadCaseForm(ctx, { formId: 'classify', caseId: outcome!.caseId, args: {}, actor: officer });
    expect(form!.form.fields.find((f) => f.id === 'serviceTag')).toMatchObject({ initial: 'highways' });
    expect(form!.form.fields.find((f) => f.id === 'kind')?.hint).toMatch(/^Suggested: Roads and Highways, .+ Why: service Roads and Highways: learned from 12 decisions/);
  });
});
