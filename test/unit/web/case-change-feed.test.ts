// The live feed's payload: '<case id>:<version>', as the case repository NOTIFYs it.
import { describe, expect, it } from 'vitest';
import { parseChange } from '../../../src/web/case-change-feed.js';

describe('a case change notification', () => {
  it('reads the case id and the version after the last colon', () => {
    expect(parseChange('MD-1001:3')).toEqual({ caseId: 'MD-1001', version: 3 });
    expect(parseChange('odd:id:12')).toEqual({ caseId: 'odd:id', version: 12 });
  });
  it('ignores anything else', () => {
    for (const p of ['', 'MD-1', ':3', 'MD-1:0', 'MD-1:x', 'MD-1:1.5']) expect(parseChange(p)).toBeNull();
  });
});
