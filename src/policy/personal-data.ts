// Owns spotting personal data in a text: emails, UK phone numbers, addresses, NI, NHS, bank card and council tax
// account numbers, vehicle registrations and dates of birth.
import { findTerms } from './find-terms.js';

export type PersonalDataKind = 'email' | 'phone' | 'address' | 'ni_number' | 'nhs_number' | 'card_number' | 'account_number' | 'vehicle_registration' | 'date_of_birth';

export interface PersonalDataMatch {
  readonly kind: PersonalDataKind;
  /** The text as it appears, e.g. "07700 900123" or "12 High Street, SG6 3JF". */
  readonly text: string;
  readonly index: number;
}

/** How a comms officer would name each kind: "a phone number". */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataKind, string>> = {
  email: 'an email address',
  phone: 'a phone number',
  address: 'a home address (house number and postcode)',
  ni_number: 'a National Insurance number',
  nhs_number: 'an NHS number',
  card_number: 'a bank card number',
  account_number: 'a council tax account number',
  vehicle_registration: "a vehicle's registration",
  date_of_birth: 'a date of birth',
};

/**
 * Council tax account numbers have no national format, so the default is a heuristic: a run of 8 to 10
 * digits standing alone ("12345678", not "£1,234" or part of a longer number) with one of `nearWords`
 * within `window` characters either side ("my account number is 12345678", "ref 9876543210").
 * Digits broken up by spaces are not recognised (those read as phone numbers when they start with 0).
 */
export interface AccountNumberHeuristic {
  readonly number: RegExp;
  readonly nearWords: readonly string[];
  readonly window: number;
}

export const DEFAULT_ACCOUNT_NUMBER: AccountNumberHeuristic = {
  number: /(?<![\d£$€.,/-])\d{8,10}(?![\d]|[.,]\d)/g,
  nearWords: ['account', 'acct', 'a/c', 'reference', 'ref', 'council tax number', 'ctax'],
  window: 40,
};

export interface PersonalDataOptions {
  /** The council's own domains: its addresses (foi@example.gov.uk) are not personal data. */
  readonly ownDomains?: readonly string[];
  /** Texts the council publishes (FOI route, emergency contacts): emails and numbers in them are not personal. */
  readonly ownTexts?: readonly string[];
  readonly accountNumber?: AccountNumberHeuristic;
  /**
   * A house number on a named street counts as an address without a postcode ("the bloke at 27 Tanner's Reach",
   * "Mrs Bell at 3 Riverside Cottages"): what residents post about a neighbour or themselves. Off for staff replies,
   * which name council buildings ("the tip at 12 Station Road") and are checked with a postcode only.
   */
  readonly streetAddresses?: boolean;
}

// Starts only where a run of the local part's characters starts: every start inside a run reaches the same '@', so
// the matches are the same, but a long run with no '@' (50,000 letters in a hostile post) is read once, not once per
// character of it (that took 2.7 s a mention).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;
// 0 or +44/0044 (optionally "(0)"), then a non-zero digit and 8–9 more: 10 or 11 digits nationally.
// Spaces, hyphens, dots and brackets may separate the digits: "(01462) 474000", "+44 (0)20 7946 0000".
const PHONE = /(?<![\w+])(?:(?:\+|00)\s?44[\s-]?(?:\(0\)[\s-]?)?|\(?0)[1-9](?:[\s\-.)]{0,2}\d){8,9}(?!\d)/g;
// Two prefix letters (not D, F, I, Q, U, V; second not O), six digits, suffix A–D; spaces allowed.
const NI_NUMBER = /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])/gi;
const NI_UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const POSTCODE = /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}(?![A-Za-z0-9])/gi;
// A house number right before the postcode, then a capitalised word and up to four more: "12 High Street,
// SG6 3JF", "Flat 3, Tower House, SG6 3JF" (not a year: "in 2024 Hitchin's tip at SG6 3JF"); or, anywhere
// in the 80 characters before it, a house number and a street word ("12 station road ... sg6 3jf").
const NUMBER_THEN_POSTCODE = /(?<![\w£.,:])(?!(?:19|20)\d\d\b)\d{1,4}[A-Za-z]?,?\s+\p{Lu}[\p{L}'’.-]*,?\s+(?:[\p{L}'’.-]+,?\s+){0,4}$/u;
const NUMBER_ON_STREET =
  /(?<![\w£.,:])(?!(?:19|20)\d\d\b)\d{1,4}[a-z]?,?\s+(?:[\p{L}'’-]+\s+){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|crescent|court|place|gardens|grove|terrace|square|mews|parade|cottages)\b/iu;
const ADDRESS_WINDOW = 80;
// A house number, then one to three capitalised words, the last followed by a street word written either way: "27
// Tanner's Reach", "14 Roscoe St", "Flat 6 Rowan House". Capitals keep "5 bins on the street" and "30 mph road" out.
const STREET_WORDS = ['street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'close', 'drive', 'dr', 'crescent', 'court', 'place', 'gardens', 'grove', 'terrace', 'square', 'mews', 'parade', 'cottages', 'way', 'rise', 'row', 'reach', 'walk', 'hill', 'green', 'view', 'croft', 'fold', 'house', 'yard', 'wharf', 'park', 'vale'];
const eitherCase = (word: string) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
const STREET_ADDRESS = new RegExp(
  `(?<![\\w£$€.,:/-])(?!(?:19|20)\\d\\d\\b)\\d{1,4}[a-z]?,?\\s+(?:\\p{Lu}[\\p{L}'’-]*\\s+){1,3}(?:${STREET_WORDS.map(eitherCase).join('|')})(?![\\p{L}])`,
  'gu',
);
// Ten digits, often written 3-3-4 ("943 476 5919"), whose last is a check digit (NHS Data Dictionary, "NHS Number"),
// with "NHS" near: a relative's in a post about their care is what residents share.
const NHS_NUMBER = /(?<![\d£$€.,/-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d]|[.,]\d)/g;
const NHS_NEAR = /\bnhs\b/i;
const NHS_WINDOW = 40;
// 13 to 19 digits passing the Luhn check, written in groups of four (a card as printed: "4929 1234 5678 9012") or
// with "card" near: what a resident who has been scammed posts when asking whether a payment page was the council's.
const CARD_NUMBER = /(?<![\d£$€.,/-])(?:\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{1,7}|\d{13,19})(?![\d]|[.,]\d)/g;
const CARD_GROUPED = /^\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{1,7}$/;
const CARD_NEAR = /\b(?:card|debit|credit|visa|mastercard|amex)\b/i;
const CARD_WINDOW = 40;
// A date after "DOB", "date of birth" or "born (on)": "DOB 03/04/1941", "born on 12th March 1985", "d.o.b: 3-4-41".
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_OF_BIRTH = new RegExp(
  `\\b(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date|born(?:\\s+on)?)\\s*(?:is\\s+|was\\s+)?[:=-]?\\s*(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+(?:19|20)\\d{2}\\b)`,
  'gi',
);
// What every kind but an email holds: each pattern below needs an ASCII digit (\d, [1-9]).
const DIGIT = /[0-9]/;
// Current UK registrations (two letters, two digits, three letters: "KY19 XRT"), in capitals as plates are written.
const VEHICLE_REGISTRATION = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}\s?[A-Z]{3}(?![A-Za-z0-9])/g;

/** Every piece of personal data in `text`, in order of appearance; a span counts once, as its likeliest kind. */
export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataMatch[] {
  const own = ownValues(options);
  // Every kind but an email holds a digit, and an email an "@": most mentions have neither, and are not searched
  // seven times over for what cannot be there.
  const numbered = DIGIT.test(text);
  const account = options.accountNumber ?? DEFAULT_ACCOUNT_NUMBER;
  const candidates: PersonalDataMatch[] = [
    ...(text.includes('@') ? emails(text).filter((m) => !isOwnEmail(m.text, options.ownDomains ?? [], own)) : []),
    ...(numbered ? niNumbers(text) : []),
    ...(numbered ? datesOfBirth(text) : []),
    ...(numbered ? nhsNumbers(text) : []),
    ...(numbered ? cardNumbers(text) : []),
    ...(numbered ? addresses(text) : []),
    ...(numbered && options.streetAddresses ? streetAddresses(text) : []),
    ...(numbered ? vehicleRegistrations(text) : []),
    // A caller's own account number pattern may hold no digit.
    ...(numbered || account !== DEFAULT_ACCOUNT_NUMBER ? accountNumbers(text, account) : []),
    ...(numbered ? phones(text).filter((m) => !own.has(digits(m.text))) : []),
  ];
  // Priority is the order above: an account number near "ref" is not also reported as a phone number.
  const kept: PersonalDataMatch[] = [];
  for (const c of candidates) {
    const end = c.index + c.text.length;
    if (!kept.some((k) => c.index < k.index + k.text.length && k.index < end)) kept.push(c);
  }
  return kept.sort((a, b) => a.index - b.index);
}

function emails(text: string): PersonalDataMatch[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ kind: 'email', text: m[0], index: m.index }));
}

function phones(text: string): PersonalDataMatch[] {
  return [...text.matchAll(PHONE)].map((m) => ({ kind: 'phone', text: m[0], index: m.index }));
}

function niNumbers(text: string): PersonalDataMatch[] {
  return [...text.matchAll(NI_NUMBER)]
    .filter((m) => !NI_UNUSED_PREFIXES.has(m[1]!.toUpperCase()))
    .map((m) => ({ kind: 'ni_number', text: m[0], index: m.index }));
}

function datesOfBirth(text: string): PersonalDataMatch[] {
  return [...text.matchAll(DATE_OF_BIRTH)].map((m) => ({ kind: 'date_of_birth', text: m[0], index: m.index }));
}

function nhsNumbers(text: string): PersonalDataMatch[] {
  return [...text.matchAll(NHS_NUMBER)]
    .filter((m) => hasNhsCheckDigit(m[0].replace(/\D/g, '')) && NHS_NEAR.test(around(text, m, NHS_WINDOW)))
    .map((m) => ({ kind: 'nhs_number', text: m[0], index: m.index }));
}

function cardNumbers(text: string): PersonalDataMatch[] {
  return [...text.matchAll(CARD_NUMBER)]
    .filter((m) => {
      const ds = m[0].replace(/\D/g, '');
      const near = CARD_NEAR.test(around(text, m, CARD_WINDOW));
      return ds.length >= 13 && ds.length <= 19 && passesLuhn(ds) && (CARD_GROUPED.test(m[0]) || near);
    })
    .map((m) => ({ kind: 'card_number', text: m[0], index: m.index }));
}

/** The match with `window` characters either side: where a word that says what a number is would stand. */
function around(text: string, m: RegExpExecArray | RegExpMatchArray, window: number): string {
  const at = m.index ?? 0;
  return text.slice(Math.max(0, at - window), at + m[0].length + window);
}

/** The Luhn check every card number carries: every second digit from the right doubled (less 9 past 9), the sum a multiple of 10. */
function passesLuhn(ds: string): boolean {
  let sum = 0;
  for (let i = 0; i < ds.length; i++) {
    let d = Number(ds[ds.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Modulus 11: the first nine digits weighted 10 down to 2; 11 less the remainder is the tenth (11 is 0, 10 never). */
function hasNhsCheckDigit(ten: string): boolean {
  const sum = [...ten.slice(0, 9)].reduce((n, d, i) => n + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(ten[9]);
}

function addresses(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const start = Math.max(0, m.index - ADDRESS_WINDOW);
    const before = text.slice(start, m.index);
    const house = NUMBER_THEN_POSTCODE.exec(before) ?? NUMBER_ON_STREET.exec(before);
    if (house) found.push({ kind: 'address', text: text.slice(start + house.index, m.index + m[0].length), index: start + house.index });
  }
  return found;
}

function streetAddresses(text: string): PersonalDataMatch[] {
  return [...text.matchAll(STREET_ADDRESS)].map((m) => ({ kind: 'address', text: m[0], index: m.index }));
}

function vehicleRegistrations(text: string): PersonalDataMatch[] {
  return [...text.matchAll(VEHICLE_REGISTRATION)].map((m) => ({ kind: 'vehicle_registration', text: m[0], index: m.index }));
}

function accountNumbers(text: string, h: AccountNumberHeuristic): PersonalDataMatch[] {
  const pattern = h.number.global ? h.number : new RegExp(h.number.source, `${h.number.flags}g`);
  return [...text.matchAll(pattern)]
    .filter((m) => {
      return findTerms(around(text, m, h.window), h.nearWords).length > 0;
    })
    .map((m) => ({ kind: 'account_number', text: m[0], index: m.index }));
}

/** Lower-cased emails and phone digits that appear in the council's own published texts. */
function ownValues(options: PersonalDataOptions): Set<string> {
  const texts = options.ownTexts ?? [];
  return new Set([
    ...texts.flatMap((t) => emails(t).map((m) => m.text.toLowerCase())),
    ...texts.flatMap((t) => phones(t).map((m) => digits(m.text))),
  ]);
}

function isOwnEmail(email: string, domains: readonly string[], own: Set<string>): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return own.has(email.toLowerCase()) || domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}

/** "+44 (0)1462 474000" and "01462 474000" are the same number: compare national digits. */
function digits(phone: string): string {
  const all = phone.replace(/\D/g, '');
  if (all.startsWith('440')) return all.slice(2);
  if (all.startsWith('44')) return `0${all.slice(2)}`;
  if (all.startsWith('00440')) return all.slice(4);
  if (all.startsWith('0044')) return `0${all.slice(4)}`;
  return all;
}
