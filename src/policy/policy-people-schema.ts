// Policy schema for who is who: people, their roles and chat identities, chat-platform groups.
import { z } from 'zod';
import { SYSTEM_PERSON_ID } from '../domain/actor.js';
import { ROLES } from '../domain/roles.js';

const roleSchema = z.enum(ROLES);

/** Chat identities: a Slack user id (U…/W…) and a Microsoft Entra object id (a GUID). */
export const chatIdentitiesSchema = z.object({
  slack: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id such as U0123ABCD').optional(),
  teams: z.string().regex(/^[0-9a-f-]{36}$/i, 'a Microsoft Entra object id (GUID)').optional(),
});

export const personSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a short lower-case id such as ana or ana.patel')
      .refine((id) => id !== SYSTEM_PERSON_ID, `"${SYSTEM_PERSON_ID}" is the bot's own id in the history: give this person another id`),
    name: z.string().min(1),
    /** Sign-off initials for replies, e.g. GM for "^GM" (002 §5.5). */
    initials: z.string().regex(/^[A-Z]{1,4}$/, '1–4 capital letters'),
    roles: z.array(roleSchema).min(1),
  })
  .extend(chatIdentitiesSchema.shape);

/** Everyone in a chat-platform group gets these roles (a Slack user group S…, or a Teams group). */
export const roleGroupSchema = z.object({
  slack: z.string().regex(/^S[A-Z0-9]{2,}$/, 'a Slack user group id such as S0123ABCD').optional(),
  teams: z.string().regex(/^[0-9a-f-]{36}$/i, 'an Entra group object id').optional(),
  roles: z.array(roleSchema).min(1),
});

/** Where the bot posts: a channel per surface. */
export const chatChannelSchema = z.object({
  slack: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel id such as C0123ABCD').optional(),
  teams: z.string().min(1).optional(),
});

export type Person = z.infer<typeof personSchema>;
export type RoleGroup = z.infer<typeof roleGroupSchema>;
export type ChatChannel = z.infer<typeof chatChannelSchema>;
