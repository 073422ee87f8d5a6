// Owns who a signed-in web user is: the policy's person (or the local administrator), kept on the session.
import { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import { ROLES } from '../domain/roles.js';

export const webPersonSchema = z.object({
  personId: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  initials: z.string().min(1).max(8),
  roles: z.array(z.enum(ROLES)),
});

export type WebPerson = z.infer<typeof webPersonSchema>;

/** The person acting from the browser: the same Actor the chat surfaces build, with surface 'web'. */
export function webActor(p: WebPerson): Actor {
  return { personId: p.personId, name: p.name, initials: p.initials, roles: p.roles, surface: 'web' };
}

/**
 * The embedded default's administrator, for a newcomer trying the desk on their own machine: every role,
 * so every button shows. Only a one-time link printed at start (loopback only by default) signs in as them.
 */
export const LOCAL_ADMINISTRATOR: WebPerson = { personId: 'local-admin', name: 'Local administrator', initials: 'LA', roles: [...ROLES] };
