// What the CLIs need to talk to a running desk: its URL and the intake secret (set, or the one the desk made).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { signIntakeBody } from '../http/verify-intake-signature.js';

export interface DeskClient {
  readonly baseUrl: string;
  readonly secret: string;
  /** A signed GET (the path stands in for the body, as the desk expects). */
  get(path: string): Promise<{ status: number; json: unknown }>;
  /** A signed POST with no body (the path is what is signed), for actions such as a replay. */
  post(path: string): Promise<{ status: number; json: unknown }>;
}

export async function deskClient(url?: string): Promise<DeskClient> {
  const config = loadConfig();
  const secret = config.intakeSecret ?? (await readFile(join(config.dataDir, 'intake-secret'), 'utf8').catch(() => '')).trim();
  if (!secret) throw new Error('No intake secret: set INTAKE_SECRET, or start the desk once with the embedded store so it makes one.');
  const baseUrl = url ?? `http://localhost:${config.port}`;
  return {
    baseUrl,
    secret,
    get: (path) => signedCall(baseUrl, secret, 'GET', path),
    post: (path) => signedCall(baseUrl, secret, 'POST', path),
  };
}

async function signedCall(baseUrl: string, secret: string, method: string, path: string): Promise<{ status: number; json: unknown }> {
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}${path}`, { method, headers: { 'x-desk-timestamp': String(ts), 'x-desk-signature': signIntakeBody(secret, ts, path) } });
  return { status: res.status, json: await res.json().catch(() => null) };
}
