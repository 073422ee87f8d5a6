// What the CLIs need to talk to a running desk: its URL, the intake secret for sending mentions and a read
// token for reading cases (each set, or the one the desk made in its data folder on the embedded store).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { readLocalApiToken } from '../config/local-api-token.js';
import { signIntakeBody } from '../http/verify-intake-signature.js';

export interface DeskClient {
  readonly baseUrl: string;
  readonly secret: string;
  /** A GET with the read token (DESK_API_TOKEN, or the desk's local one). */
  get(path: string): Promise<{ status: number; json: unknown }>;
  /** A POST with no body signed with the intake secret (the path is what is signed): a replay puts mentions in. */
  post(path: string): Promise<{ status: number; json: unknown }>;
}

export async function deskClient(url?: string): Promise<DeskClient> {
  const config = loadConfig();
  const secret = config.intakeSecret ?? (await readFile(join(config.dataDir, 'intake-secret'), 'utf8').catch(() => '')).trim();
  if (!secret) throw new Error('No intake secret: set INTAKE_SECRET, or start the desk once with the embedded store so it makes one.');
  const baseUrl = url ?? `http://localhost:${config.port}`;
  const readToken = await readLocalApiToken(config.dataDir);
  return {
    baseUrl,
    secret,
    async get(path) {
      if (!readToken) throw new Error('No read token: set DESK_API_TOKEN (npm run token makes one), or start the desk once with the embedded store so it makes one.');
      const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${readToken}` } });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    post: (path) => signedPost(baseUrl, secret, path),
  };
}

/** Signed like intake, the path standing in for the body: an action that puts mentions in, as intake does. */
async function signedPost(baseUrl: string, secret: string, path: string): Promise<{ status: number; json: unknown }> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(secret, ts, path) } });
  return { status: res.status, json: await res.json().catch(() => null) };
}
