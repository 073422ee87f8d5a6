// Owns publishing a checkpoint of the event log: signed with the council's key, written to the folder outside
// the database, and posted as one line to the audit channel through the outbox.
import type { DeskContext } from './desk-context.js';
import type { ChainHistory, Checkpoint, CheckpointArchive, CheckpointSigner } from './checkpoint-ports.js';

/** Every hundredth event is marked, so a rewrite is placed within a hundred events of where it began. */
export const MARK_EVERY = 100;

export interface CheckpointDeps {
  readonly chain: ChainHistory;
  readonly signer: CheckpointSigner;
  readonly archive: CheckpointArchive;
  /** Seals what has committed, so the checkpoint covers it (the sealer after commit). */
  readonly sealNow?: () => Promise<unknown>;
}

export type CheckpointOutcome = { readonly published: true; readonly checkpoint: Checkpoint; readonly file: string } | { readonly published: false; readonly reason: string };

export async function publishCheckpoint(ctx: DeskContext, deps: CheckpointDeps): Promise<CheckpointOutcome> {
  await deps.sealNow?.();
  const head = await deps.chain.head();
  const { checkpoints } = await deps.archive.readAll();
  const last = checkpoints.at(-1)?.checkpoint ?? null;
  if (last && last.head.seq === head.seq && last.head.hash === head.hash) return { published: false, reason: `nothing new since the checkpoint at seq ${head.seq}` };
  const after = last && last.head.seq < head.seq ? last.head.seq : 0;
  const checkpoint = deps.signer.sign({
    kind: 'mention-desk.checkpoint', version: 1, council: ctx.policy.council.name, at: ctx.clock.now().toISOString(),
    head, marks: await deps.chain.marks(after, head.seq, MARK_EVERY),
  });
  const file = await deps.archive.write(checkpoint);
  const text = `Event log checkpoint: seq ${head.seq}, hash ${head.hash}, signed with key ${checkpoint.keyId} at ${checkpoint.at}. Keep this line: npm run audit:verify checks the log against it.`;
  await ctx.store.outbox.enqueue(ctx.surfaces.map((surface) => ({ key: `checkpoint:${surface}:${head.seq}:${head.hash}`, kind: 'chat.notice', caseId: null, payload: { surface, audience: 'audit', ownerId: null, text } })));
  return { published: true, checkpoint, file };
}
