// Owns what intake records of an author each time a post of theirs arrives (name, handle, followers, verified).
export interface AccountSeen {
  readonly key: string;
  readonly network: string;
  readonly authorId: string;
  readonly name: string;
  readonly handle: string;
  readonly followers: number | null;
  readonly verified: boolean;
}
