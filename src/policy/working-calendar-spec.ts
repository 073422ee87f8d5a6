// Owns the validated shape of a council's working-time calendar (hours, bank-holiday region, closures).
import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';
import { z } from 'zod';

// 'HH:mm' from 00:00 to 23:59; zero-padded so that string order is time order.
const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm (00:00–23:59)');

const periodSchema = z
  .object({ start: wallTime, end: wallTime })
  .refine((p) => p.start < p.end, { message: 'a period must start before it ends (no overnight periods)' });

// Several periods a day allow a lunch closure. Touching periods (12:00–12:00) are allowed and are
// treated as one continuous open spell; overlapping ones are almost certainly a typo, so reject them.
const dayPeriodsSchema = z.array(periodSchema).superRefine((periods, ctx) => {
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 1; i < sorted.length; i += 1) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end) {
      ctx.addIssue({
        code: 'custom',
        message: `periods ${prev.start}–${prev.end} and ${cur.start}–${cur.end} overlap`,
      });
    }
  }
});

// Strict so that a typo such as `monday:` fails loudly instead of silently closing the desk on Mondays.
const hoursSchema = z
  .strictObject({
    mon: dayPeriodsSchema.optional(),
    tue: dayPeriodsSchema.optional(),
    wed: dayPeriodsSchema.optional(),
    thu: dayPeriodsSchema.optional(),
    fri: dayPeriodsSchema.optional(),
    sat: dayPeriodsSchema.optional(),
    sun: dayPeriodsSchema.optional(),
  })
  // A calendar with no hours at all would make every "next opening" search run forever.
  .refine((h) => Object.values(h).some((periods) => (periods?.length ?? 0) > 0), {
    message: 'at least one working period is needed in the week',
  });

// date-holidays silently falls back to country-wide rules for an unknown region (new Holidays('GB', 'XXX')
// drops the August bank holiday) and returns nothing for an unknown country, so check against its own data.
const holidaysSchema = z
  .object({ country: z.string().min(2), region: z.string().min(1).optional() })
  .superRefine((h, ctx) => {
    const lookup = new Holidays();
    const countries = lookup.getCountries('en') ?? {};
    if (!(h.country in countries)) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: `unknown holiday country '${h.country}'` });
      return;
    }
    if (h.region !== undefined) {
      const regions = lookup.getStates(h.country, 'en') ?? {};
      if (!(h.region in regions)) {
        const known = Object.keys(regions).join(', ') || 'none';
        ctx.addIssue({
          code: 'custom',
          path: ['region'],
          message: `unknown region '${h.region}' for ${h.country} (known: ${known})`,
        });
      }
    }
  });

/**
 * A closure for part of a day (Christmas Eve afternoon): on one `date`, or `every` year on a month and day
 * ("12-24"), closed from `from` until `until` (unset: the end of the day).
 */
export const partialClosureSchema = z
  .object({
    name: z.string().min(1),
    date: z.iso.date().optional(),
    every: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD, e.g. 12-24').optional(),
    from: wallTime,
    until: wallTime.optional(),
  })
  .refine((c) => (c.date === undefined) !== (c.every === undefined), { message: 'give either a date or every (MM-DD), not both' })
  .refine((c) => c.until === undefined || c.from < c.until, { message: 'a closure must start before it ends' });

export const workingCalendarSpecSchema = z.object({
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), { message: 'not a valid IANA time zone' })
    .default('Europe/London'),
  hours: hoursSchema,
  holidays: holidaysSchema.nullable(),
  closures: z.array(z.iso.date()).default([]),
  partialClosures: z.array(partialClosureSchema).default([]),
});

/** A parsed calendar spec (defaults applied). */
export type WorkingCalendarSpec = z.infer<typeof workingCalendarSpecSchema>;
/** What a config file may contain before defaults (timeZone, closures) are applied. */
export type WorkingCalendarSpecInput = z.input<typeof workingCalendarSpecSchema>;
export type WorkingPeriod = z.infer<typeof periodSchema>;
export type PartialClosure = z.infer<typeof partialClosureSchema>;
export type WeekdayKey = keyof WorkingCalendarSpec['hours'];

/** ISO weekday (1 = Monday … 7 = Sunday) to the key used in `hours`. */
export const WEEKDAY_KEYS: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
