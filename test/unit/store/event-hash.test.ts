// The hash behind tamper evidence: the same content always hashes the same, any change does not.
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashEvent } from '../../../src/store/event-hash.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth, integer-like keys included, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, 10: 'x', 9: 'y' })).toBe(
      '{"10":"x","9":"y","a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes what a jsonb column gives back: undefined dropped, Dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, at: new Date('2026-03-02T09:00:00Z'), list: [undefined] })).toBe(
      '{"at":"2026-03-02T09:00:00.000Z","list":[null]}',
    );
  });
});

describe('hashEvent', () => {
  const event = { type: 'case.claimed', caseId: 'MD-1001', data: {} };

  it('is sha256 hex of the previous hash followed by the canonical body', async () => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(event)).digest('hex');
    expect(hashEvent(GENESIS_HASH, event)).toBe(expected);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('ignores key order but not content or the link', () => {
    const h = hashEvent(GENESIS_HASH, event);
    expect(hashEvent(GENESIS_HASH, { data: {}, caseId: 'MD-1001', type: 'case.claimed' })).toBe(h);
    expect(hashEvent(GENESIS_HASH, { ...event, caseId: 'MD-1002' })).not.toBe(h);
    expect(hashEvent('1'.repeat(64), event)).not.toBe(h);
  });
});
