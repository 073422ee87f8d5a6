// Every kind of outbox work the desk may enqueue has a handler on a desk running both surfaces: the worker claims only
// the kinds it has handlers for, so a kind without one would wait in the outbox for ever. (A misspelt kind does not
// compile: services/outbox-kinds.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_KINDS } from '../../src/services/outbox-kinds.js';
import { startTeamsDesk, type TeamsDesk } from '../helpers/teams-desk.js';

let t: TeamsDesk;
beforeAll(async () => {
  t = await startTeamsDesk({ slack: true });
});
afterAll(() => t.close());

describe('the outbox of a desk on Slack and Teams', () => {
  it('has a handler for every kind of work the desk enqueues, and none for a kind it does not', () => {
    expect([...t.desk.metrics.outboxKinds].sort()).toEqual([...OUTBOX_KINDS].sort());
  });
});
