// Owns the data-protection defaults for a policy file that has no dataProtection section (default-policy.yml
// spells the same out with its sources; a council's records manager should check them against its own schedule).
import type { DataProtectionPolicy } from './policy-data-protection-schema.js';

const LIMITATION = 'Limitation Act 1980 s.2 and s.5 (six years for claims)';

export const DEFAULT_DATA_PROTECTION: DataProtectionPolicy = {
  source: 'UK GDPR Art 5(1)(e) storage limitation; IRMS Retention Guidelines for Local Authorities; The National Archives, Records management retention scheduling 7: complaints records',
  lawfulBasis: 'UK GDPR Art 6(1)(e) public task (Local Government Act 1972 s.111, Localism Act 2011 s.1); special category data: Art 9(2)(g) with DPA 2018 Sch 1 paras 6 and 18',
  retention: {
    routine: { months: 12, source: 'IRMS Retention Guidelines for Local Authorities: customer enquiries and general correspondence, last action + 1 year' },
    byKind: {
      complaint: { months: 72, source: `The National Archives, retention scheduling 7: complaints records, closure + 6 years; ${LIMITATION}` },
      foi_request: { months: 36, source: 'IRMS Retention Guidelines for Local Authorities: FOI requests, last action + 3 years (longer while an ICO appeal runs)' },
    },
    moderation: { months: 72, source: `${LIMITATION}; 002 §6.3.3 (a block may be appealed after 12 months)` },
    safeguarding: { months: 72, source: `004 §2; ${LIMITATION}. The referral itself is kept by the safeguarding service under its own schedule` },
    outboxDoneDays: 30,
    unreadableDays: 90,
  },
  erasure: {
    approverRoles: ['comms_manager'],
    moderation: { hold: true, reason: 'Moderation evidence: kept to defend the decision, apply the moderation ladder and hear a block appeal (002 §6.3.3); UK GDPR Art 17(3)(e)' },
    safeguarding: { hold: true, reason: 'A safeguarding referral: kept to protect the person or others (004 §2); UK GDPR Art 17(3)(b) and (e), DPA 2018 Sch 1 para 18' },
  },
  checkpoints: { everyHours: 24 },
};
