// Owns out-of-office (issue 18): a person marks themselves away between two dates (inclusive, in the council's
// time zone) from the desk command, and escalations held by them move on at once.
import { DateTime } from 'luxon';

export interface AwayPeriod {
  readonly personId: string;
  /** First and last day away, yyyy-mm-dd, both inclusive. */
  readonly from: string;
  readonly to: string;
}

export function isAwayAt(periods: readonly AwayPeriod[], personId: string, at: Date, zone: string): boolean {
  const day = DateTime.fromJSDate(at, { zone }).toISODate();
  return !!day && periods.some((p) => p.personId === personId && p.from <= day && day <= p.to);
}

export type AwayRequest =
  | { readonly ok: true; readonly personId: string | null; readonly period: { from: string; to: string } | null }
  | { readonly ok: false; readonly message: string };

const USAGE = 'Say `desk away 2026-12-07 2026-12-11` (first and last day away), `desk away off`, or, as a comms manager, `desk away dev 2026-12-07 2026-12-11`.';

/** `away FROM TO`, `away off`, `away PERSON FROM TO|off`: the dates must be real, in order, and not all in the past. */
export function parseAwayArgs(args: readonly string[], today: string): AwayRequest {
  const [first, ...rest] = args;
  if (!first) return { ok: false, message: USAGE };
  const isDateOrOff = (s: string) => s.toLowerCase() === 'off' || /^\d{4}-\d{2}-\d{2}$/.test(s);
  const personId = isDateOrOff(first) ? null : first.toLowerCase();
  const words = personId ? rest : args;
  if (words[0]?.toLowerCase() === 'off' && words.length === 1) return { ok: true, personId, period: null };
  const [from, to = from] = words;
  if (!from || words.length > 2 || !valid(from) || !valid(to!)) return { ok: false, message: USAGE };
  if (to! < from) return { ok: false, message: `The last day away (${to}) is before the first (${from}).` };
  if (to! < today) return { ok: false, message: `Those days (${from} to ${to}) are all in the past.` };
  return { ok: true, personId, period: { from, to: to! } };
}

function valid(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid;
}
