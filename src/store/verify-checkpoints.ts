// Owns checking the event log against the signed checkpoints kept outside it, and naming where it diverges:
// a chain rewritten and re-hashed from some event on verifies by itself, but not against what was signed before.
import type { KeyObject } from 'node:crypto';
import type { ChainHistory, Checkpoint, ChainPoint } from '../services/checkpoint-ports.js';
import { checkpointSignatureProblem } from './checkpoint-signature.js';

export type CheckpointVerdict =
  | { readonly ok: true; readonly checked: number; readonly latest: ChainPoint | null }
  | { readonly ok: false; readonly checked: number; readonly file: string; readonly reason: string; readonly divergesAfter: number | null };

export async function verifyAgainstCheckpoints(
  chain: ChainHistory,
  files: ReadonlyArray<{ readonly file: string; readonly checkpoint: Checkpoint }>,
  publicKey: KeyObject,
): Promise<CheckpointVerdict> {
  let lastGood = 0;
  let checked = 0;
  for (const { file, checkpoint } of [...files].sort((a, b) => a.checkpoint.head.seq - b.checkpoint.head.seq)) {
    const forged = checkpointSignatureProblem(checkpoint, publicKey);
    if (forged) return { ok: false, checked, file, reason: `checkpoint ${file}: ${forged}`, divergesAfter: null };
    const points = [...checkpoint.marks, checkpoint.head].filter((p) => p.seq > 0).sort((a, b) => a.seq - b.seq);
    const stored = await chain.hashesAt(points.map((p) => p.seq));
    for (const p of points) {
      const hash = stored.get(p.seq);
      if (hash === p.hash) {
        lastGood = Math.max(lastGood, p.seq);
        continue;
      }
      const what = hash === undefined ? `the log has no sealed event seq ${p.seq}` : `event seq ${p.seq} has hash ${hash.slice(0, 16)}…, the checkpoint signed ${p.hash.slice(0, 16)}…`;
      return {
        ok: false, checked, file, divergesAfter: lastGood,
        reason: `${what} (checkpoint ${file}, signed ${checkpoint.at}). The log agrees with the checkpoints up to seq ${lastGood}: the history was rewritten from an event in seq ${lastGood + 1}..${p.seq}`,
      };
    }
    checked += 1;
  }
  const latest = files.length ? [...files].sort((a, b) => b.checkpoint.head.seq - a.checkpoint.head.seq)[0]!.checkpoint.head : null;
  return { ok: true, checked, latest };
}
