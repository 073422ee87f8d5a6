// npm run case -- MD-1001: a case from the running desk, with its mention and every event in its history.
import { parseArgs } from 'node:util';
import { deskClient } from './desk-client.js';

interface CaseAnswer {
  case: { id: string; state: string; version: number; owner: { name: string } | null; risk: string; deadlines: Record<string, string> };
  mention: { network: string; kind: string; text: string; url: string; author: { name: string; handle: string } } | null;
  events: Array<{ seq: number; type: string; at: string; actor: { name: string; surface: string }; rule: string | null; hash: string | null }>;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, json: { type: 'boolean', default: false } } });
const id = positionals[0];
if (!id) {
  console.error('Usage: npm run case -- MD-1001 [--url http://localhost:3000] [--json]');
  process.exit(2);
}
const client = await deskClient(values.url);
const answer = await client.get(`/api/cases/${encodeURIComponent(id.toUpperCase())}`);
if (answer.status !== 200) {
  console.error(`${answer.status}: ${JSON.stringify(answer.json)}`);
  process.exit(1);
}
if (values.json) {
  console.log(JSON.stringify(answer.json, null, 2));
} else {
  const { case: c, mention: m, events } = answer.json as CaseAnswer;
  console.log(`${c.id} · ${c.state} (version ${c.version}) · ${c.owner ? `held by ${c.owner.name}` : 'unclaimed'} · risk ${c.risk}`);
  if (m) console.log(`${m.network} ${m.kind} from ${m.author.name || m.author.handle}: ${m.text}\n${m.url}`);
  for (const [clock, due] of Object.entries(c.deadlines)) console.log(`deadline ${clock}: ${due}`);
  console.log('history:');
  for (const e of events) console.log(`  #${e.seq} ${e.at} ${e.type} by ${e.actor.name} (${e.actor.surface})${e.rule ? ` [${e.rule}]` : ''} ${e.hash ? e.hash.slice(0, 12) : '(sealing)'}`);
}
