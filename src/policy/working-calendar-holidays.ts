// Owns the lookup of public/bank holidays by local date, cached per year, on top of date-holidays.
import Holidays from 'date-holidays';

export interface HolidayRegion {
  country: string;
  region?: string | undefined;
}

export interface HolidayLookup {
  /** The holiday's English name on 'YYYY-MM-DD', or null if it is not a public/bank holiday. */
  nameOn(date: string): string | null;
}

// date-holidays also returns 'observance' (Mother's Day, Easter Sunday), 'optional' and 'school' days;
// offices stay open on those. GB data marks every bank holiday as 'public' — 'bank' is kept for other countries.
const CLOSING_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

// Shared across calendars: callers may rebuild a calendar per request, and the per-year tables are
// the expensive part. Keyed by country/region only, so this stays tiny.
const lookups = new Map<string, HolidayLookup>();

export function holidayLookup(where: HolidayRegion | null): HolidayLookup {
  if (where === null) return { nameOn: () => null };
  const key = `${where.country}/${where.region ?? ''}`;
  let lookup = lookups.get(key);
  if (lookup === undefined) {
    lookup = buildLookup(where);
    lookups.set(key, lookup);
  }
  return lookup;
}

function buildLookup(where: HolidayRegion): HolidayLookup {
  const source =
    where.region === undefined ? new Holidays(where.country) : new Holidays(where.country, where.region);
  // Generating a year's holidays runs the library's rule parser; a card render asks about the same
  // few days over and over, so each year is computed once.
  const byYear = new Map<number, Map<string, string>>();

  const yearTable = (year: number): Map<string, string> => {
    let table = byYear.get(year);
    if (table === undefined) {
      table = new Map();
      for (const holiday of source.getHolidays(year, 'en')) {
        if (!CLOSING_TYPES.has(holiday.type)) continue;
        // `date` is 'YYYY-MM-DD hh:mm:ss' on the country's own wall clock, i.e. the local calendar date.
        const date = holiday.date.slice(0, 10);
        // Substitute days (Christmas 2027 on a Saturday -> Monday 27 Dec) arrive as their own entries
        // named '… (substitute day)'. Keep the first name if two holidays share a date.
        if (!table.has(date)) table.set(date, holiday.name);
      }
      byYear.set(year, table);
    }
    return table;
  };

  return {
    nameOn(date) {
      return yearTable(Number(date.slice(0, 4))).get(date) ?? null;
    },
  };
}
