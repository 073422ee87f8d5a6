// A refused command: which rule said no, and why, in words a comms officer understands.
export interface Refusal {
  readonly code: RefusalCode;
  /** The rule's id: a permission ('permission:case.claim'), a lifecycle rule, or a policy rule id. */
  readonly rule: string;
  readonly message: string;
  /** What a person may explicitly confirm to go ahead anyway (a further reply, the same text again). */
  readonly confirmations?: readonly Confirmation[];
}

/** One explicit choice that lets a refused command through: its value is sent back with the command. */
export interface Confirmation {
  readonly value: string;
  readonly label: string;
}

export type RefusalCode =
  | 'not_permitted'
  | 'wrong_state'
  | 'already_claimed'
  | 'not_owner'
  | 'stale'
  | 'invalid'
  | 'not_found'
  | 'rule_broken'
  /** Going ahead needs a person's explicit choice (refusal.confirmations). */
  | 'needs_confirmation'
  /** Already done from this very form: nothing more was done. */
  | 'already_done';

export function refuse(code: RefusalCode, rule: string, message: string, confirmations?: readonly Confirmation[]): Refusal {
  return confirmations?.length ? { code, rule, message, confirmations } : { code, rule, message };
}
