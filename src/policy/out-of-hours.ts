// Owns out-of-hours handling: when the response clock starts, the card's notice, and the once-a-night auto-reply.
import { DateTime } from 'luxon';
import type { Mention } from '../domain/mention.js';
import type { Policy } from './policy-schema.js';
import { WEEKDAY_KEYS, type WeekdayKey } from './working-calendar-spec.js';
import type { WorkingCalendar } from './working-calendar.js';

export const OUT_OF_HOURS_RULE = 'clock:out-of-hours' as const;

export interface OutOfHoursNotice {
  readonly outOfHours: boolean;
  /** The next opening (the arrival itself when open): response clocks count from here. */
  readonly clockStartsAt: Date;
  /** clockStartsAt on the council's wall clock: "Tuesday 7 April at 09:00". */
  readonly nextOpeningText: string;
  /** Bank holidays and council closures before the opening, e.g. ["Good Friday", "Easter Monday"]. */
  readonly closedFor: readonly string[];
  readonly ruleId: typeof OUT_OF_HOURS_RULE;
  readonly message: string;
  readonly source: string;
}

const DAY_NAMES: Readonly<Record<WeekdayKey, string>> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};
// A closed spell longer than this (a year of closures) is not worth naming day by day.
const MAX_CLOSED_DAYS_NAMED = 400;

export function outOfHoursNotice(policy: Policy, calendar: WorkingCalendar, receivedAt: Date): OutOfHoursNotice {
  const outOfHours = !calendar.isOpen(receivedAt);
  const clockStartsAt = calendar.nextOpening(receivedAt);
  const zone = policy.calendar.timeZone;
  const nextOpeningText = DateTime.fromJSDate(clockStartsAt, { zone }).setLocale('en-GB').toFormat("cccc d LLLL 'at' HH:mm");
  const closedFor = outOfHours ? closuresBetween(calendar, zone, receivedAt, clockStartsAt) : [];
  const message = outOfHours
    ? `Received out of hours: we do not monitor or respond outside ${monitoringHoursText(policy)}` +
      `${closedFor.length ? `, and we are closed for ${listWords(closedFor)}` : ''}. The response clock starts ${nextOpeningText}.`
    : 'Received in monitoring hours: the response clock started on arrival.';
  return { outOfHours, clockStartsAt, nextOpeningText, closedFor, ruleId: OUT_OF_HOURS_RULE, message, source: policy.calendar.source };
}

/**
 * The out-of-hours reply (policy message, monitoring hours, next opening, emergency contacts) when the
 * policy's `outOfHours.autoReply` lists this mention's network and kind and it arrived while closed; else
 * null. Send it at most once per author per closed spell: see autoReplyNightKey.
 */
export function outOfHoursAutoReply(policy: Policy, calendar: WorkingCalendar, mention: Mention, receivedAt: Date): string | null {
  const listed = policy.outOfHours.autoReply.some((r) => r.network === mention.network && r.kind === mention.kind);
  if (!listed || calendar.isOpen(receivedAt)) return null;
  const { nextOpeningText } = outOfHoursNotice(policy, calendar, receivedAt);
  const { message, emergencyContacts } = policy.outOfHours;
  return `${message.trim()} Our monitoring hours are ${monitoringHoursText(policy)}. We are next open ${nextOpeningText}. ${emergencyContacts.trim()}`;
}

/**
 * The same for every message one author sends during one closed spell (a night, a weekend, Easter):
 * the author plus the instant the desk next opens. Store it with the auto-reply to send it only once.
 */
export function autoReplyNightKey(calendar: WorkingCalendar, authorKey: string, receivedAt: Date): string {
  return `${authorKey}@${calendar.nextOpening(receivedAt).toISOString()}`;
}

/** "Monday to Friday, 09:00 to 17:00, except public holidays", from the policy's calendar. */
export function monitoringHoursText(policy: Policy): string {
  const runs: { from: WeekdayKey; to: WeekdayKey; hours: string }[] = [];
  WEEKDAY_KEYS.forEach((key, i) => {
    const periods = policy.calendar.hours[key] ?? [];
    if (periods.length === 0) return;
    const hours = periods.map((p) => `${p.start} to ${p.end}`).join(' and ');
    const last = runs[runs.length - 1];
    if (last && last.hours === hours && WEEKDAY_KEYS.indexOf(last.to) === i - 1) last.to = key;
    else runs.push({ from: key, to: key, hours });
  });
  const days = runs
    .map((r) => `${r.from === r.to ? DAY_NAMES[r.from] : `${DAY_NAMES[r.from]} to ${DAY_NAMES[r.to]}`}, ${r.hours}`)
    .join('; ');
  return policy.calendar.holidays ? `${days}, except public holidays` : days;
}

/** Names of the holidays and closures on the local days from `from` up to (not including) the opening day. */
function closuresBetween(calendar: WorkingCalendar, zone: string, from: Date, opening: Date): string[] {
  const last = DateTime.fromJSDate(opening, { zone }).startOf('day');
  const names: string[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  for (let n = 0; day < last && n < MAX_CLOSED_DAYS_NAMED; n += 1, day = day.plus({ days: 1 })) {
    const name = calendar.holidayName(day.toISODate()!);
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return names;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
