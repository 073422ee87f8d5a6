// A refused command: which rule said no, and why, in words a comms officer understands.
export interface Refusal {
  readonly code: RefusalCode;
  /** The rule's id: a permission ('permission:case.claim'), a lifecycle rule, or a policy rule id. */
  readonly rule: string;
  readonly message: string;
}

export type RefusalCode =
  | 'not_permitted'
  | 'wrong_state'
  | 'already_claimed'
  | 'not_owner'
  | 'stale'
  | 'invalid'
  | 'not_found'
  | 'rule_broken';

export function refuse(code: RefusalCode, rule: string, message: string): Refusal {
  return { code, rule, message };
}
