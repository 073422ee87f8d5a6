// npm run unreadable -- list | show ID | replay ID|--all: what the networks sent that the desk could not read.
import { parseArgs } from 'node:util';
import type { UnreadableRecord } from '../services/network-state-ports.js';
import { deskClient, type DeskClient } from './desk-client.js';

const USAGE = `Usage:
  npm run unreadable -- list [--all]        kept changes not yet replayed (--all: replayed ones too)
  npm run unreadable -- show ID             one change: why it could not be read, and its raw JSON
  npm run unreadable -- replay ID|--all     read it again with today's parser; stored if readable now
Options: --url http://localhost:3000  --json`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string' }, json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false } },
});
const [verb, id] = positionals;
if (!verb || !['list', 'show', 'replay'].includes(verb) || (verb === 'show' && !id) || (verb === 'replay' && !id && !values.all)) {
  console.error(USAGE);
  process.exit(2);
}

const client = await deskClient(values.url);
process.exitCode = verb === 'list' ? await list(client) : verb === 'show' ? await show(client, id!) : await replay(client, id);

async function list(c: DeskClient): Promise<number> {
  const answer = await c.get(`/api/unreadable${values.all ? '?all=true' : ''}`);
  if (answer.status !== 200) return failed(answer);
  const { changes } = answer.json as { changes: UnreadableRecord[] };
  if (values.json) {
    console.log(JSON.stringify(changes, null, 2));
    return 0;
  }
  if (!changes.length) console.log(values.all ? 'Nothing has been kept: every change the networks sent was read.' : 'No unreadable changes waiting.');
  for (const r of changes) console.log(line(r));
  return 0;
}

async function show(c: DeskClient, which: string): Promise<number> {
  const answer = await c.get(`/api/unreadable/${encodeURIComponent(which)}`);
  if (answer.status !== 200) return failed(answer);
  const { change: r } = answer.json as { change: UnreadableRecord };
  if (values.json) {
    console.log(JSON.stringify(r, null, 2));
    return 0;
  }
  console.log(line(r));
  console.log(`received ${r.timesReceived} time${r.timesReceived === 1 ? '' : 's'}, last ${r.lastSeenAt}`);
  console.log(JSON.stringify(JSON.parse(r.raw), null, 2));
  return 0;
}

async function replay(c: DeskClient, which: string | undefined): Promise<number> {
  let ids = which ? [which] : [];
  if (!which) {
    const answer = await c.get('/api/unreadable');
    if (answer.status !== 200) return failed(answer);
    ids = (answer.json as { changes: UnreadableRecord[] }).changes.map((r) => r.id);
    if (!ids.length) console.log('No unreadable changes waiting.');
  }
  let code = 0;
  for (const one of ids) {
    const answer = await c.post(`/api/unreadable/${encodeURIComponent(one)}/replay`);
    if (answer.status !== 200) {
      code = failed(answer);
      continue;
    }
    const { outcome, change: r } = answer.json as { outcome: string; change: UnreadableRecord };
    if (values.json) console.log(JSON.stringify({ outcome, change: r }));
    else if (outcome === 'stored') console.log(`#${r.id}: ${r.replayOutcome}`);
    else if (outcome === 'already_replayed') console.log(`#${r.id}: already replayed ${r.replayedAt}: ${r.replayOutcome}`);
    else console.log(`#${r.id}: still unreadable: ${r.reason}`);
    if (outcome === 'still_unreadable') code = 1;
  }
  return code;
}

function line(r: UnreadableRecord): string {
  const state = r.replayedAt ? `replayed ${r.replayedAt}: ${r.replayOutcome}` : 'waiting';
  return `#${r.id} ${r.receivedAt} ${r.network} (${r.source}) · ${state}\n    ${r.reason}`;
}

function failed(answer: { status: number; json: unknown }): number {
  console.error(`${answer.status}: ${JSON.stringify(answer.json)}`);
  return 1;
}
