// Named read tokens in configuration: hashes only, scopes checked, each bad entry named.
import { describe, expect, it } from 'vitest';
import { apiTokensSchema, hashApiToken, newApiToken } from '../../../src/config/api-tokens.js';
import { loadConfig } from '../../../src/config/load-config.js';

const hash = hashApiToken('mdt_example');

describe('DESK_API_TOKENS', () => {
  it('reads named tokens with their scopes and keeps only the hash', () => {
    const tokens = apiTokensSchema.parse(`reports-bot:report.read:${hash}, auditor:cases.read+report.read:${hash}`);
    expect(tokens.map((t) => [t.name, [...t.scopes]])).toEqual([['reports-bot', ['report.read']], ['auditor', ['cases.read', 'report.read']]]);
    expect(JSON.stringify(tokens)).not.toContain('mdt_example');
  });

  it('names a bad entry: unknown scope, a token pasted instead of its hash', () => {
    expect(() => loadConfig({ DESK_API_TOKENS: `bot:cases.write:${hash}` })).toThrow(/DESK_API_TOKENS.*scopes joined by \+/s);
    expect(() => loadConfig({ DESK_API_TOKENS: `bot:cases.read:${newApiToken()}` })).toThrow(/DESK_API_TOKENS.*SHA-256/s);
  });

  it('is empty when unset', () => {
    expect(loadConfig({}).apiTokens).toEqual([]);
  });

  it('makes tokens that differ and hash to 64 hex characters', () => {
    const a = newApiToken();
    expect(a).not.toBe(newApiToken());
    expect(hashApiToken(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
