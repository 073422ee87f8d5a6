// The ports an anchored history needs: the sealed chain head, a signer, and an archive outside the database.
export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

/** A signed statement that the log's chain had `head` at `at`, with marks along the way since the last one. */
export interface Checkpoint {
  readonly kind: 'mention-desk.checkpoint';
  readonly version: 1;
  readonly council: string;
  readonly at: string;
  readonly head: ChainPoint;
  /** Every hundredth event's hash since the previous checkpoint: a rewrite is placed within a hundred events. */
  readonly marks: readonly ChainPoint[];
  /** First 16 hex of the sha256 of the public key (SPKI DER): which key to check it with. */
  readonly keyId: string;
  /** Ed25519 over the canonical JSON of everything above, base64. */
  readonly signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'keyId' | 'signature'>;

export interface ChainHistory {
  /** The sealed head: the last event whose hash is chained. */
  head(): Promise<ChainPoint>;
  /** Hashes of events in (after, upTo] whose seq is a multiple of `every`. */
  marks(after: number, upTo: number, every: number): Promise<ChainPoint[]>;
  /** The stored hash of each of these seqs (absent: no such event). */
  hashesAt(seqs: readonly number[]): Promise<Map<number, string>>;
}

export interface CheckpointSigner {
  readonly keyId: string;
  sign(unsigned: UnsignedCheckpoint): Checkpoint;
}

export interface CheckpointArchive {
  /** Where it is kept, for messages. */
  readonly location: string;
  write(checkpoint: Checkpoint): Promise<string>;
  /** Every checkpoint file, oldest first, with the files it could not read. */
  readAll(): Promise<{ readonly checkpoints: ReadonlyArray<{ readonly file: string; readonly checkpoint: Checkpoint }>; readonly unreadable: readonly string[] }>;
}
