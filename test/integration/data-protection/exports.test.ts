// Subject access and case exports on a real store: exactly what they should hold and nothing of other residents,
// readable HTML with residents' words escaped, and a case's proof that checks offline and fails when altered.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../../src/cli/read-zip.js';
import type { CaseProof } from '../../../src/services/case-proof.js';
import type { DeskContext } from '../../../src/services/desk-context.js';
import { erasePersonalData } from '../../../src/services/erase-personal-data.js';
import { buildCaseExport, caseExportZip } from '../../../src/services/export-case.js';
import type { CaseExport } from '../../../src/services/export-documents.js';
import { buildSubjectExport, subjectExportZip } from '../../../src/services/export-subject.js';
import { publishCheckpoint } from '../../../src/services/publish-checkpoint.js';
import { checkCaseProof } from '../../../src/store/check-case-proof.js';
import { createCheckpointFolder } from '../../../src/store/checkpoint-folder.js';
import { createCheckpointSigner, generateCheckpointKeys, publicKeyFrom } from '../../../src/store/checkpoint-signature.js';
import type { Db } from '../../../src/store/db.js';
import { EventSealer } from '../../../src/store/event-sealer.js';
import { PgChainHistory } from '../../../src/store/pg-chain-history.js';
import { PgExportSource } from '../../../src/store/pg-export-source.js';
import { entryPointArgs } from '../../helpers/entry-point.js';
import { openTestDatabase } from '../../helpers/test-database.js';
import { buildHistory, dataProtectionContext, settableClock } from './history-builder.js';

let db: Db;
let ctx: DeskContext;
let dir: string;
const keys = generateCheckpointKeys();
const clock = settableClock('2026-03-05T12:00:00Z');
const OTHERS = ['Oak Lane', 'resident_777', 'x:777', 'Sam rang'];
let subjectCases: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  ctx = await dataProtectionContext(db, clock);
  dir = await mkdtemp(join(tmpdir(), 'desk-exports-'));
  subjectCases = [
    await buildHistory(ctx, { authorId: '12345', text: 'My bins <script>alert(1)</script> were missed', reply: 'Sorry Jo, a crew is coming', note: 'Jo called twice', closedAt: '2026-03-03T10:00:00.000Z' }),
    await buildHistory(ctx, { authorId: '12345', text: 'You lot are useless idiots', moderated: true }),
  ];
  await buildHistory(ctx, { authorId: '777', text: 'Pothole on Oak Lane', reply: 'Thanks, reported', note: 'Sam rang too' });
  await ctx.store.accounts.recordSeen({ key: 'x:12345', network: 'x', authorId: '12345', name: 'Jo Bloggs', handle: 'jo_b', followers: 12, verified: false }, clock.now());
  const deps = { chain: new PgChainHistory(db), signer: createCheckpointSigner(keys.privateKeyPem), archive: createCheckpointFolder(dir), sealNow: () => new EventSealer(db).sealOnce() };
  await publishCheckpoint(ctx, deps);
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function exportDeps() {
  return { source: new PgExportSource(db), checkpoints: (await createCheckpointFolder(dir).readAll()).checkpoints.map((c) => c.checkpoint), publicKeyPem: keys.publicKeyPem };
}

function expectNothingOfOthers(files: Map<string, string>): void {
  for (const [name, content] of files) for (const other of OTHERS) expect(content.includes(other), `${name} holds "${other}"`).toBe(false);
}

describe('subject access export', () => {
  it("holds the author's posts, cases, replies, notes, moderation and deletion dates, and nothing of anyone else", async () => {
    const exported = await buildSubjectExport(ctx, new PgExportSource(db), 'x', '12345');
    expect(exported.cases.map((c) => c.caseId)).toEqual(subjectCases);
    expect(exported.account).toMatchObject({ name: 'Jo Bloggs', handle: 'jo_b' });
    expect(exported.cases[0]).toMatchObject({
      repliesSentToThem: [{ text: 'Sorry Jo, a crew is coming' }],
      retention: { recordClass: 'routine', deleteAfter: '2027-03-03T10:00:00.000Z', heldFromErasure: null },
    });
    expect(exported.cases[0]?.events.some((e) => JSON.stringify(e.data).includes('Jo called twice'))).toBe(true);
    expect(exported.cases[1]?.retention).toMatchObject({ deleteAfter: null, heldFromErasure: expect.stringMatching(/^Moderation evidence/) });
    expect(exported.moderationRecord.breaches).toHaveLength(1);

    const files = await readZip(await subjectExportZip(ctx, exported));
    expect([...files.keys()]).toEqual(['report.html', 'subject.json']);
    expect(JSON.parse(files.get('subject.json')!)).toEqual(JSON.parse(JSON.stringify(exported)));
    const html = files.get('report.html')!;
    expect(html).toContain('My bins &lt;script&gt;alert(1)&lt;/script&gt; were missed');
    expect(html).not.toContain('<script>');
    expect(html).toContain('deleted after 2027-03-03T10:00:00.000Z');
    expectNothingOfOthers(files);
  });
});

describe('case export', () => {
  let exported: CaseExport;
  let files: Map<string, string>;

  beforeAll(async () => {
    exported = await buildCaseExport(ctx, await exportDeps(), subjectCases[1]!);
    files = await readZip(await caseExportZip(ctx, exported));
  });

  it('holds the post, every event with who, when and surface, the replies as sent and the moderation evidence', () => {
    expect([...files.keys()]).toEqual(['report.html', 'case.json', 'proof.json']);
    expect(exported.post?.text).toBe('You lot are useless idiots');
    expect(exported.events.map((e) => e.type)).toEqual(['case.opened', 'case.claimed', 'case.classified', 'case.moderation.requested', 'case.moderation.done']);
    expect(exported.events[1]).toMatchObject({ who: 'Ana Patel', personId: 'ana', surface: 'slack', at: '2026-03-02T10:00:00.000Z' });
    expect(exported.moderationEvidence).toMatchObject({ post: { text: 'You lot are useless idiots' }, actions: [{ action: 'hide', status: 'done' }] });
    expect(files.get('report.html')).toContain('Check it offline with: <code>npm run verify:export');
    expectNothingOfOthers(files);
  });

  it("carries a proof that checks offline: events, personal values, the chain to a signed checkpoint", () => {
    const proof = JSON.parse(files.get('proof.json')!) as CaseProof;
    expect(proof.gap).toBeNull();
    expect(proof.segment!.length).toBeGreaterThan(proof.events.length);
    const verdict = checkCaseProof(proof, publicKeyFrom(keys.publicKeyPem));
    expect(verdict.findings[0]).toMatch(/^proof holds: 5 events, chained through \d+ events to seq \d+, signed in the checkpoint of 2026-03-05T12:00:00.000Z$/);
    expect(verdict.ok).toBe(true);
  });

  it('fails the proof when a value, an event or the checkpoint was altered', () => {
    const proof = JSON.parse(files.get('proof.json')!) as CaseProof;
    const valueChanged = structuredClone(proof) as unknown as { events: Array<{ personal: Array<{ value: string | null }> }> };
    valueChanged.events[0]!.personal[0]!.value = 'x:99999';
    expect(checkCaseProof(valueChanged as unknown as CaseProof, publicKeyFrom(keys.publicKeyPem)).findings.join('\n')).toMatch(/^seq \d+: authorKey does not match its digest$/m);
    const eventChanged = structuredClone(proof) as unknown as { events: Array<{ sealedBody: { actor: { name: string } } }> };
    eventChanged.events[1]!.sealedBody.actor.name = 'Someone Else';
    expect(checkCaseProof(eventChanged as unknown as CaseProof, publicKeyFrom(keys.publicKeyPem)).ok).toBe(false);
    const otherKey = publicKeyFrom(generateCheckpointKeys().publicKeyPem);
    expect(checkCaseProof(proof, otherKey).findings.join('\n')).toMatch(/checkpoint: signed with key/);
  });

  it('after an erasure still proves the events, showing which fields were erased', async () => {
    await erasePersonalData(ctx, { scope: { caseId: subjectCases[0]! }, requestedBy: 'data subject, DP-1', approverId: 'cara', lawfulBasis: 'UK GDPR Art 17(1)(a)' });
    await new EventSealer(db).sealOnce();
    const after = await buildCaseExport(ctx, await exportDeps(), subjectCases[0]!);
    expect(after.post?.text).toBe('[erased]');
    const verdict = checkCaseProof(after.proof, publicKeyFrom(keys.publicKeyPem));
    expect(verdict.ok).toBe(true);
    expect(verdict.findings).toContain(`seq ${after.events[0]!.seq}: authorKey was erased (its digest stays in the hashed body)`);
    // The erasure event came after the checkpoint: the proof says so instead of pretending.
    expect(verdict.findings.join('\n')).toMatch(/not shown offline: no checkpoint yet covers seq \d+/);
  });

  it('is checked by the documented command, from the zip alone', async () => {
    const zipFile = join(dir, 'MD-export.zip');
    const keyFile = join(dir, 'council.pub.pem');
    await writeFile(zipFile, await caseExportZip(ctx, exported));
    await writeFile(keyFile, keys.publicKeyPem);
    const root = resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(process.execPath, [...entryPointArgs('src/cli/verify-export.ts'), zipFile, '--public-key', keyFile], { cwd: root });
    expect(stdout).toMatch(/^proof holds: 5 events, chained through/);
  });
});
