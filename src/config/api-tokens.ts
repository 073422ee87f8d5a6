// Owns the named read tokens (DESK_API_TOKENS): who may read residents' cases and the report, each with
// its scopes, kept only as SHA-256 hashes so the configuration never holds a usable token.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const API_SCOPES = ['cases.read', 'report.read', 'metrics'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiToken {
  readonly name: string;
  readonly scopes: ReadonlySet<ApiScope>;
  /** SHA-256 of the token, hex. */
  readonly hash: string;
}

const entrySchema = z
  .string()
  .transform((s) => s.trim().split(':'))
  .pipe(
    z.tuple([
      z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a token name such as reports-bot'),
      z.string().transform((s) => s.split('+')).pipe(z.array(z.enum(API_SCOPES, `scopes joined by +, from: ${API_SCOPES.join(', ')}`)).min(1)),
      z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 hex of the token (npm run token -- NAME SCOPES prints it)'),
    ], 'name:scope+scope:sha256hex'),
  );

/** "reports-bot:report.read:<hash>,auditor:cases.read+report.read:<hash>" */
export const apiTokensSchema = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(entrySchema))
  .transform((entries): ApiToken[] => entries.map(([name, scopes, hash]) => ({ name, scopes: new Set(scopes), hash })));

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token: long, random, and recognisable in a leak scan by its prefix. */
export function newApiToken(): string {
  return `mdt_${randomBytes(32).toString('base64url')}`;
}

export function describeApiToken(t: ApiToken): string {
  return `${t.name} (${[...t.scopes].join(', ')})`;
}
