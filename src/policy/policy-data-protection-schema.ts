// Policy schema for data protection: how long residents' words are kept, who approves an erasure, what is held back.
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

/** One class of record in the retention schedule: months after the case closed, and the source it rests on. */
const retentionClassSchema = z.object({
  months: z.number().int().min(1).max(1200),
  source: z.string().min(1),
});

export const retentionSchema = z.object({
  /** Closed cases with nothing below: a customer enquiry or comment. */
  routine: retentionClassSchema,
  /** Cases classified as one of these kinds (a complaint, an FOI request). */
  byKind: z.record(z.string(), retentionClassSchema).default({}),
  /** Cases where a hide, delete, warning or block was carried out: the evidence behind it. */
  moderation: retentionClassSchema,
  /** Cases referred to the safeguarding lead. */
  safeguarding: retentionClassSchema,
  /** Finished outbox items (sent cards, replies, notices): their payloads quote residents. */
  outboxDoneDays: z.number().int().min(1).max(3650).default(30),
  /** Deliveries the desk could not read, kept for replay. */
  unreadableDays: z.number().int().min(1).max(3650).default(90),
});

/** A class of record kept back from an erasure request, and the reason shown in the erasure event. */
const holdBackSchema = z.object({ hold: z.boolean(), reason: z.string().min(1) });

export const dataProtectionSchema = z.object({
  source: z.string().min(1),
  /** The basis the council relies on for the desk's processing, quoted in the record of processing and exports. */
  lawfulBasis: z.string().min(1),
  retention: retentionSchema,
  erasure: z.object({
    /** Who may approve an erasure request: a person with one of these roles. */
    approverRoles: z.array(z.enum(ROLES)).min(1),
    moderation: holdBackSchema,
    safeguarding: holdBackSchema,
  }),
  checkpoints: z.object({ everyHours: z.number().min(0.01).max(24 * 31).default(24) }).default({ everyHours: 24 }),
});

export type DataProtectionPolicy = z.infer<typeof dataProtectionSchema>;
export type RetentionPolicy = z.infer<typeof retentionSchema>;
