// Emergency mode on a real store: only a manager turns it on; banners, reply text, leadership told, all recorded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Actor } from '../../../src/domain/actor.js';
import { mentionSchema } from '../../../src/domain/mention.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import { parseDeskCommand } from '../../../src/services/desk-queries.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { setEmergencyMode } from '../../../src/services/emergency-mode.js';
import { ingestMentions } from '../../../src/services/ingest-mentions.js';
import { loadCaseForm } from '../../../src/services/load-case-form.js';
import { loadCaseView } from '../../../src/services/load-case-view.js';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { sampleMention } from '../../helpers/test-desk.js';

let db: Db;
let ctx: DeskContext;
const officer: Actor = { personId: 'ana', name: 'Ana Patel', initials: 'AP', roles: ['comms_officer'], surface: 'slack' };
const manager: Actor = { personId: 'cara', name: 'Cara Lee', initials: 'CL', roles: ['comms_manager'], surface: 'teams' };

beforeAll(async () => {
  db = await openTestDatabase();
  const policy = await loadPolicy(null);
  ctx = { store: createPgStore(db), clock: { now: () => new Date('2026-02-18T11:00:00Z') }, policy, calendar: createWorkingCalendar(policy.calendar), surfaces: ['slack', 'teams'], newId: randomUUID };
});
afterAll(async () => { await db.close(); });

describe('emergency mode', () => {
  it('parses the desk command', () => {
    expect(parseDeskCommand('emergency on https://example.gov.uk/storm Storm Eunice: collections suspended')).toEqual({ verb: 'emergency', request: { on: true, link: 'https://example.gov.uk/storm', message: 'Storm Eunice: collections suspended' } });
    expect(parseDeskCommand('emergency off')).toEqual({ verb: 'emergency', request: { on: false } });
    expect(parseDeskCommand('emergency')).toEqual({ verb: 'emergency', request: null });
  });

  it('is refused to an officer, and nothing changes', async () => {
    const outcome = await setEmergencyMode(ctx, officer, { on: true, link: 'https://example.gov.uk/storm', message: 'Storm' });
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^Only comms manager can turn emergency mode on or off/) });
    expect(await ctx.store.settings.emergencyMode()).toBeNull();
  });

  it('refuses a link that is not a web address', async () => {
    expect(await setEmergencyMode(ctx, manager, { on: true, link: 'storm', message: 'Storm' })).toMatchObject({ ok: false });
  });

  it('puts a banner on every open card, offers the message in replies, tells leadership, and records who did it', async () => {
    const caseId = (await ingestMentions(ctx, [mentionSchema.parse(sampleMention())]))[0]!.caseId;
    const outcome = await setEmergencyMode(ctx, manager, { on: true, link: 'https://example.gov.uk/storm', message: 'Storm Eunice: bin collections are suspended today.' });
    expect(outcome.ok).toBe(true);
    const view = await loadCaseView(ctx, caseId);
    expect(view?.card.banners[0]).toEqual({ tone: 'danger', text: expect.stringMatching(/^Emergency mode: Storm Eunice: bin collections are suspended today\. https:\/\/example\.gov\.uk\/storm/) });
    const form = await loadCaseForm(ctx, { formId: 'reply', caseId, args: {}, actor: officer });
    expect(form?.form.fields[0]).toMatchObject({ id: 'text', initial: 'Storm Eunice: bin collections are suspended today. https://example.gov.uk/storm' });
    const notices = (await db.query<{ payload: { audience: string; surface: string } }>(`SELECT payload FROM outbox WHERE key LIKE 'emergency:%' ORDER BY id`)).rows.map((r) => r.payload);
    expect(notices).toEqual([expect.objectContaining({ audience: 'leadership', surface: 'slack' }), expect.objectContaining({ audience: 'leadership', surface: 'teams' })]);
    const refreshes = await db.query(`SELECT 1 FROM outbox WHERE key LIKE $1`, [`card:%:${caseId}:emergency:%`]);
    expect(refreshes.rowCount).toBe(2);
  });

  it('comes off again, with both changes kept in an append-only history', async () => {
    await setEmergencyMode(ctx, manager, { on: false });
    expect(await ctx.store.settings.emergencyMode()).toBeNull();
    const history = await db.query<{ changed_by_name: string; surface: string }>(`SELECT changed_by_name, surface FROM desk_setting_changes ORDER BY seq`);
    expect(history.rows).toEqual([{ changed_by_name: 'Cara Lee', surface: 'teams' }, { changed_by_name: 'Cara Lee', surface: 'teams' }]);
    await expect(db.query(`DELETE FROM desk_setting_changes`)).rejects.toThrow(/append-only/);
  });
});
