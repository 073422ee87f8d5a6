// What a surge is judged on at intake: the stored cases the look read on each topic, with the cases being opened.
import { describe, expect, it } from 'vitest';
import { withCasesOpening } from '../../../src/services/surge-alerts.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));
const onTopic = (topic: string, caseId: string, minute: number) => ({ caseId, topic, postedAt: at(minute) });
const window = { since: at(30), limit: 3 };

describe('the cases a surge is judged on at intake', () => {
  it('counts the cases being opened with the stored ones, the first of both by post time, per topic', () => {
    const stored = [onTopic('waste', 'MD-1001', 31), onTopic('waste', 'MD-1002', 40)];
    const opening = [onTopic('waste', 'MD-1003', 35), onTopic('waste', 'MD-1004', 50)];
    expect(withCasesOpening(stored, opening, window).map((c) => c.caseId)).toEqual(['MD-1001', 'MD-1003', 'MD-1002']);
  });

  it('leaves out a case being opened whose post is older than the window, and topics nothing is being opened on', () => {
    const stored = [onTopic('waste', 'MD-1001', 31), onTopic('roads', 'MD-1002', 32)];
    const opening = [onTopic('waste', 'MD-1003', 29), onTopic('waste', 'MD-1004', 33)];
    expect(withCasesOpening(stored, opening, window).map((c) => c.caseId)).toEqual(['MD-1001', 'MD-1004']);
  });

  it('orders cases posted at the same time by case id, as the store does', () => {
    const opening = [onTopic('waste', 'MD-1010', 31), onTopic('waste', 'MD-1009', 31)];
    expect(withCasesOpening([onTopic('waste', 'MD-1011', 31)], opening, window).map((c) => c.caseId)).toEqual(['MD-1009', 'MD-1010', 'MD-1011']);
  });
});
