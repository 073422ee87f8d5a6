// Owns assembling the hash-chain proof for one case's events: their sealed bodies and salts, the stretch of chain
// from the first of them to a signed checkpoint, and that checkpoint, so a reader can check it all offline.
import type { Checkpoint, ChainPoint } from './checkpoint-ports.js';
import type { ChainLink, ExportSource, ProvenEvent } from './export-ports.js';
import { isPersonalDigest, personalFieldsOf } from '../domain/personal-event-fields.js';

/** A stretch longer than this is left out (the proof says so): audit:verify checks it on the live log instead. */
export const MAX_SEGMENT = 20_000;

export interface CaseProof {
  readonly algorithm: string;
  readonly events: readonly ProvenEvent[];
  /** The anchor: a point a checkpoint signed, at or after the case's last event. */
  readonly anchor: (ChainPoint & { readonly checkpointAt: string }) | null;
  /** Every sealed event from the case's first to the anchor; null with `gap` saying why. */
  readonly segment: readonly ChainLink[] | null;
  readonly checkpoint: Checkpoint | null;
  readonly publicKeyPem: string | null;
  readonly gap: string | null;
}

export const PROOF_ALGORITHM =
  "hash = sha256(prevHash + canonicalJson(sealedBody)), canonicalJson = JSON with keys sorted and no spaces; a personal field's digest in the sealed body = 'sha256:' + sha256(salt + canonicalJson(value))";

export async function buildCaseProof(source: ExportSource, caseId: string, checkpoints: readonly Checkpoint[], publicKeyPem: string | null): Promise<CaseProof> {
  const events = await source.provenEvents(caseId);
  const sealed = events.filter((e) => e.hash !== null);
  const first = sealed[0];
  const last = sealed.at(-1);
  const base = { algorithm: PROOF_ALGORITHM, events, publicKeyPem };
  if (!first || !last) return { ...base, anchor: null, segment: null, checkpoint: null, gap: 'the case has no sealed events yet' };
  const found = anchorFor(checkpoints, last.seq);
  if (!found) return { ...base, anchor: null, segment: null, checkpoint: null, gap: `no checkpoint yet covers seq ${last.seq}: the events' own hashes are checkable, their place in the chain after the next checkpoint` };
  const segment = await source.chainSegment(first.seq, found.point.seq, MAX_SEGMENT);
  const anchor = { ...found.point, checkpointAt: found.checkpoint.at };
  if (!segment) return { ...base, anchor, segment: null, checkpoint: found.checkpoint, gap: `more than ${MAX_SEGMENT} events lie between the case and its checkpoint: run npm run audit:verify on the log` };
  const inline = segment.find((l) => holdsInlinePersonalData(l.sealedBody));
  if (inline) return { ...base, anchor, segment: null, checkpoint: found.checkpoint, gap: `event seq ${inline.seq} was written before personal fields were sealed and would show another resident's words: run npm run audit:verify on the log` };
  return { ...base, anchor, segment, checkpoint: found.checkpoint, gap: null };
}

function anchorFor(checkpoints: readonly Checkpoint[], seq: number): { point: ChainPoint; checkpoint: Checkpoint } | null {
  for (const checkpoint of [...checkpoints].sort((a, b) => a.head.seq - b.head.seq)) {
    const point = [...checkpoint.marks, checkpoint.head].sort((a, b) => a.seq - b.seq).find((p) => p.seq >= seq);
    if (point) return { point, checkpoint };
  }
  return null;
}

/** An event stored before 0035 keeps residents' fields inline: it cannot go in another case's export. */
function holdsInlinePersonalData(body: Readonly<Record<string, unknown>>): boolean {
  const data = (body['data'] ?? {}) as Record<string, unknown>;
  return personalFieldsOf(String(body['type'])).some((f) => typeof data[f] === 'string' && !isPersonalDigest(data[f]));
}
