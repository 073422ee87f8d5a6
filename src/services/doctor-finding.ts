// Owns what `npm run doctor` reports: one finding per thing checked, fine or with what to fix, in plain words.
import { PermanentError } from './errors.js';

export interface Finding {
  /** true: works as the desk will use it; false: something to fix; null: not configured, nothing checked. */
  readonly ok: boolean | null;
  readonly text: string;
  /** What to do about it, when not ok. */
  readonly fix?: string;
}

export const fine = (text: string): Finding => ({ ok: true, text });
export const toFix = (text: string, fix: string): Finding => ({ ok: false, text, fix });
export const notConfigured = (text: string): Finding => ({ ok: null, text });

/** A failed call as a finding: the error's words, and the fix its mapper attached (or the one given). */
export function failedCall(what: string, e: unknown, fallbackFix: string): Finding {
  const message = e instanceof Error ? e.message : String(e);
  const hint = e instanceof PermanentError && e.hint ? e.hint : fallbackFix;
  return toFix(`${what}: ${message}`, hint);
}

export function formatFinding(f: Finding): string {
  const mark = f.ok === true ? 'ok ' : f.ok === false ? 'FIX' : ' - ';
  return `${mark} ${f.text}${f.fix ? `\n      → ${f.fix}` : ''}`;
}
