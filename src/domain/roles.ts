// The roles a council gives people in the channel (DOMAIN.md "People and roles").
export const ROLES = [
  'comms_officer',
  'comms_manager',
  'customer_services',
  'service_lead',
  'leadership',
  'safeguarding_lead',
  /** An officer of one service (not its lead): answers that service's escalations, sees only its cases (001 matrix option 4). */
  'service_officer',
] as const;

export type Role = (typeof ROLES)[number];

export const SURFACES = ['slack', 'teams', 'web', 'system', 'cli'] as const;
/** Where an action came from: kept on every event so the history says how it was done. */
export type Surface = (typeof SURFACES)[number];
