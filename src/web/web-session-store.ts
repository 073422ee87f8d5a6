// Owns the port for the web desk's server-side sign-in state: sessions and one-time sign-in links.
import type { WebPerson } from './web-person.js';

export interface WebSession {
  readonly person: WebPerson;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface WebSessionStore {
  /** Stores a session under the hash of its id (the cookie value never reaches the database). */
  createSession(id: string, session: WebSession, now: Date): Promise<void>;
  /** The live session for this id, or null (unknown, expired or ended). */
  findSession(id: string, now: Date): Promise<WebSession | null>;
  endSession(id: string): Promise<void>;
  createSignInLink(token: string, person: WebPerson, now: Date, expiresAt: Date): Promise<void>;
  /** The link's person, once: the first caller marks it used, any later one gets null. */
  useSignInLink(token: string, now: Date): Promise<WebPerson | null>;
}
