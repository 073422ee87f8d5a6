// What the exports read beyond the repositories: a case's events as the chain hashed them, and the chain between.
export interface ProvenEvent {
  readonly seq: number;
  readonly id: string;
  readonly prevHash: string | null;
  readonly hash: string | null;
  /** The body exactly as stored and hashed: residents' fields as salted digests. */
  readonly sealedBody: Readonly<Record<string, unknown>>;
  /** This event's personal fields with their salts (null once erased), so a reader can check each against its digest. */
  readonly personal: ReadonlyArray<{ readonly field: string; readonly value: string | null; readonly salt: string | null }>;
}

export interface ChainLink {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly sealedBody: Readonly<Record<string, unknown>>;
}

export interface AccountRecord {
  readonly name: string;
  readonly handle: string;
  readonly followers: number | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface ExportSource {
  provenEvents(caseId: string): Promise<ProvenEvent[]>;
  /** Sealed events in [fromSeq, toSeq], at most `limit`; null when there are more than that. */
  chainSegment(fromSeq: number, toSeq: number, limit: number): Promise<ChainLink[] | null>;
  account(authorKey: string): Promise<AccountRecord | null>;
}
