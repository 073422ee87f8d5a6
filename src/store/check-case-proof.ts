// Owns checking a case export's hash-chain proof offline: each event against its hash, each kept personal value
// against its digest, the stretch of chain to the anchor, and the checkpoint's signature.
import type { KeyObject } from 'node:crypto';
import type { CaseProof } from '../services/case-proof.js';
import { checkpointSignatureProblem } from './checkpoint-signature.js';
import { hashEvent } from './event-hash.js';
import { personalDigest } from './personal-data-seal.js';

export interface ProofVerdict {
  readonly ok: boolean;
  readonly findings: readonly string[];
}

export function checkCaseProof(proof: CaseProof, publicKey: KeyObject | null): ProofVerdict {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const e of proof.events) {
    if (!e.hash || !e.prevHash) { notes.push(`seq ${e.seq}: not sealed yet when exported`); continue; }
    if (hashEvent(e.prevHash, e.sealedBody) !== e.hash) problems.push(`seq ${e.seq}: the sealed body does not give its hash`);
    const data = (e.sealedBody['data'] ?? {}) as Record<string, unknown>;
    for (const p of e.personal) {
      if (p.value === null || p.salt === null) notes.push(`seq ${e.seq}: ${p.field} was erased (its digest stays in the hashed body)`);
      else if (personalDigest(p.salt, p.value) !== data[p.field]) problems.push(`seq ${e.seq}: ${p.field} does not match its digest`);
    }
  }
  problems.push(...segmentProblems(proof));
  if (!proof.gap && proof.checkpoint && proof.anchor) {
    const signed = [...proof.checkpoint.marks, proof.checkpoint.head].some((p) => p.seq === proof.anchor?.seq && p.hash === proof.anchor.hash);
    if (!signed) problems.push(`the anchor seq ${proof.anchor.seq} is not a point the checkpoint signed`);
    if (!publicKey) notes.push("the checkpoint's signature was not checked: give --public-key with the council's published key");
    else {
      const forged = checkpointSignatureProblem(proof.checkpoint, publicKey);
      if (forged) problems.push(`checkpoint: ${forged}`);
    }
  }
  if (proof.gap) notes.push(`not shown offline: ${proof.gap}`);
  const summary = problems.length
    ? 'PROOF FAILS'
    : `proof holds: ${proof.events.length} events${proof.gap ? '' : `, chained through ${proof.segment?.length} events to seq ${proof.anchor?.seq}, signed in the checkpoint of ${proof.anchor?.checkpointAt}`}`;
  return { ok: problems.length === 0, findings: [summary, ...problems, ...notes] };
}

function segmentProblems(proof: CaseProof): string[] {
  const segment = proof.segment;
  if (!segment || proof.gap) return [];
  const problems: string[] = [];
  segment.forEach((link, i) => {
    const before = segment[i - 1];
    if (before && link.prevHash !== before.hash) problems.push(`chain: seq ${link.seq} does not follow seq ${before.seq}`);
    if (hashEvent(link.prevHash, link.sealedBody) !== link.hash) problems.push(`chain: seq ${link.seq}'s body does not give its hash`);
  });
  const inChain = new Map(segment.map((l) => [l.seq, l.hash]));
  for (const e of proof.events) if (e.hash && inChain.get(e.seq) !== e.hash) problems.push(`seq ${e.seq} is not in the chain shown`);
  const last = segment.at(-1);
  if (!last || last.seq !== proof.anchor?.seq || last.hash !== proof.anchor.hash) problems.push('the chain shown does not end at the anchor');
  return problems;
}
