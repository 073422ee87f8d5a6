// Owns what the live feed knows of a saved case: which, and at what version.
export interface CaseChange {
  readonly caseId: string;
  readonly version: number;
}
