// Owns `npm run verify:export -- FILE.zip [--public-key KEY.pub.pem]`: checks a case export's proof offline,
// with no database: each event against its hash, the chain to the anchor, the checkpoint's signature.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CaseProof } from '../services/case-proof.js';
import { checkCaseProof } from '../store/check-case-proof.js';
import { publicKeyFrom } from '../store/checkpoint-signature.js';
import { runCli } from './cli-desk-context.js';
import { readZip } from './read-zip.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'public-key': { type: 'string' } } });
  const file = positionals[0];
  if (!file) {
    console.error('Usage: npm run verify:export -- MD-1042-export.zip [--public-key checkpoint-key.pub.pem]');
    return 2;
  }
  const proofJson = (await readZip(await readFile(file))).get('proof.json');
  if (!proofJson) throw new Error(`${file} has no proof.json: is it a case export?`);
  const proof = JSON.parse(proofJson) as CaseProof;
  const keyPem = values['public-key'] ? await readFile(values['public-key'], 'utf8') : null;
  const verdict = checkCaseProof(proof, keyPem ? publicKeyFrom(keyPem) : null);
  for (const line of verdict.findings) console.log(line);
  return verdict.ok ? 0 : 1;
}

runCli('verify:export', main);
