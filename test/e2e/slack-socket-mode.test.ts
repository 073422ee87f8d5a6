// End to end over Socket Mode (SLACK_APP_TOKEN): the desk connects out through apps.connections.open, and a
// click and a slash command arrive over the WebSocket instead of HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlackBody } from '../helpers/fake-slack-api.js';
import { blockActionsPayload, buttonsIn, slashCommandFields } from '../helpers/slack-payloads.js';
import { PEOPLE, startSlackDesk, type SlackDesk } from '../helpers/slack-desk.js';
import { DESK_ACTS } from '../helpers/wait-for-desk.js';

let t: SlackDesk;
beforeAll(async () => {
  t = await startSlackDesk({ socketMode: true });
});
afterAll(() => t.close());

describe('Socket Mode', () => {
  it('connected with the app-level token and says so at start-up', () => {
    expect(t.fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual(['xapp-1-e2e-app-token']);
    expect(t.fake.socket.openConnections).toBe(1);
    expect(t.desk.adapters[0]?.description).toBe('Socket Mode (SLACK_APP_TOKEN)');
  });

  it('claims a case from a click that arrives over the socket', async () => {
    const { caseId } = await t.ingest();
    await t.settle();
    const message = t.message('C0TRIAGE', caseId);
    const claim = buttonsIn(message.blocks as SlackBody[]).find((b) => b.button.action_id === 'case.claim')!;
    const payload = blockActionsPayload({ user: PEOPLE.ana, channel: 'C0TRIAGE', message, ...claim });
    t.fake.socket.send({ envelope_id: 'env-claim-1', type: 'interactive', payload, accepts_response_payload: false });
    await t.fake.socket.waitForAck('env-claim-1');
    await vi.waitFor(async () => expect((await t.desk.ctx.store.cases.get(caseId))?.owner?.name).toBe('Ana Patel'), DESK_ACTS);
    await t.settle();
    expect(JSON.stringify(t.message('C0TRIAGE', caseId).blocks)).toContain('*Owner*\\nAna Patel');
  });

  it('answers /desk queue in the envelope ack', async () => {
    const fields = slashCommandFields(PEOPLE.ben, 'C0TRIAGE', 'queue', t.fake.responseUrl('commands'));
    t.fake.socket.send({ envelope_id: 'env-desk-1', type: 'slash_commands', payload: fields, accepts_response_payload: true });
    const ack = await t.fake.socket.waitForAck('env-desk-1');
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Unclaimed, oldest first/) });
  });
});
