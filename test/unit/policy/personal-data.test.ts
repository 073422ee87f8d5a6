// Personal data in a reply (001 "DO", 002 §6.2.6): what is spotted, and what is deliberately not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_NUMBER, findPersonalData } from '../../../src/policy/personal-data.js';

const kinds = (text: string, options = {}) => findPersonalData(text, options).map((m) => [m.kind, m.text]);

describe('email addresses', () => {
  it('finds a resident\'s email address', () => {
    expect(kinds('Email me at jane.smith+bins@gmail.com please')).toEqual([['email', 'jane.smith+bins@gmail.com']]);
  });

  it('does not count the council\'s own addresses or addresses in its published texts', () => {
    const options = { ownDomains: ['example.gov.uk'], ownTexts: ['write to foi@partner-trust.org.uk'] };
    expect(kinds('Write to foi@example.gov.uk or waste@services.example.gov.uk', options)).toEqual([]);
    expect(kinds('or foi@partner-trust.org.uk', options)).toEqual([]);
    expect(kinds('or jane@example.gov.uk.evil.com', options)).toEqual([['email', 'jane@example.gov.uk.evil.com']]);
  });
});

describe('UK phone numbers', () => {
  it.each([
    ['07700 900123'],
    ['07700900123'],
    ['+44 7700 900123'],
    ['+447700900123'],
    ['0044 7700 900123'],
    ['01462 474000'],
    ['(01462) 474000'],
    ['020 7946 0000'],
    ['+44 (0)20 7946 0000'],
    ['0113-496-0000'],
  ])('finds %s', (phone) => {
    expect(kinds(`Call me on ${phone} after 6`)).toEqual([['phone', phone]]);
  });

  it('ignores times, dates, prices and short numbers', () => {
    expect(kinds('Open 09:00-17:00 on 02/04/2026, £12.50, bay 0123 and 0900-1700 daily')).toEqual([]);
  });

  it('does not count a number the council publishes, in any written form', () => {
    const options = { ownTexts: ['Customer services: 01462 474000'] };
    expect(kinds('Ring us on +44 1462 474000', options)).toEqual([]);
    expect(kinds('Ring me on 07700 900123', options)).toEqual([['phone', '07700 900123']]);
  });

  it('finds any 07 mobile however the digits after "07" are spaced', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), (rest, gaps) => {
        const phone = `07${rest.map((d, i) => (gaps[i] ? ` ${d}` : String(d))).join('')}`;
        expect(findPersonalData(`my number is ${phone}.`).map((m) => m.kind)).toEqual(['phone']);
      }),
    );
  });
});

describe('addresses', () => {
  it('finds a postcode together with a house number', () => {
    expect(kinds('I live at 12 High Street, SG6 3JF and nobody came')).toEqual([['address', '12 High Street, SG6 3JF']]);
    expect(kinds('Flat 3, Tower House, Hitchin SG5 1AB')).toEqual([['address', '3, Tower House, Hitchin SG5 1AB']]);
    expect(kinds('outside 4a station road, hitchin, sg5 1ab')).toEqual([['address', '4a station road, hitchin, sg5 1ab']]);
  });

  it('does not treat a postcode on its own, or a year before it, as an address', () => {
    expect(kinds('The recycling centre is at SG6 3JF')).toEqual([]);
    expect(kinds('Since 2024 Hitchin recycling centre at SG6 3JF has opened on Sundays')).toEqual([]);
    expect(kinds('It takes 7 days a week at SG6 3JF')).toEqual([]);
  });
});

describe('a house number on a named street, without a postcode (incoming posts only)', () => {
  const kinds = (text: string, streetAddresses = true) => findPersonalData(text, { streetAddresses }).map((m) => [m.kind, m.text]);

  it("finds a neighbour's or a resident's own address as residents write it", () => {
    expect(kinds("Mrs Okoro at 12 Fenwick Terrace hasn't been out for days")).toEqual([['address', '12 Fenwick Terrace']]);
    expect(kinds('missed again at 8 Kiln Yard')).toEqual([['address', '8 Kiln Yard']]);
    expect(kinds("the lad from 41 St Mungo's Close is at it again")).toEqual([['address', "41 St Mungo's Close"]]);
    expect(kinds('Flat 3 Harbour View, can someone ring me')).toEqual([['address', '3 Harbour View']]);
  });

  it('leaves counts, speeds, years and lower-case phrases alone', () => {
    expect(kinds('6 wheelie bins on the street again')).toEqual([]);
    expect(kinds('40 mph road past the school')).toEqual([]);
    expect(kinds('since 2019 Abbey Road has been dug up')).toEqual([]);
    expect(kinds('3 big potholes on hill road')).toEqual([]);
  });

  it('is off unless asked for: a staff reply names council buildings ("the tip at 12 Station Road")', () => {
    expect(kinds('The tip at 12 Station Road is open 8 till 4', false)).toEqual([]);
    expect(kinds('The tip at 12 Station Road is open 8 till 4')).toEqual([['address', '12 Station Road']]);
  });
});

describe('vehicle registrations', () => {
  it('finds a current UK plate written in capitals, with or without its space', () => {
    expect(findPersonalData('the black Golf, WM23 TZO, parks on the zigzags').map((m) => [m.kind, m.text])).toEqual([['vehicle_registration', 'WM23 TZO']]);
    expect(findPersonalData('reg BD71XPY blocking my drive').map((m) => m.kind)).toEqual(['vehicle_registration']);
  });

  it('does not read a postcode, a word or a lower-case run as a plate', () => {
    expect(findPersonalData('bins at SG6 3JF and the A1 again, abc12 def, ROAD12 WORKS').map((m) => m.kind)).not.toContain('vehicle_registration');
  });
});

describe('National Insurance numbers', () => {
  it.each(['AB123456C', 'AB 12 34 56 C', 'ab 123456 c'])('finds %s', (ni) => {
    expect(kinds(`My NI number is ${ni}.`)).toEqual([['ni_number', ni]]);
  });

  it('skips letter pairs HMRC never issues', () => {
    expect(kinds('GB123456A and DA123456A and QQ123456C')).toEqual([]);
  });
});

describe('council tax account numbers', () => {
  it('finds 8 to 10 digits when "account" or "reference" is near', () => {
    expect(kinds('My council tax account number is 12345678')).toEqual([['account_number', '12345678']]);
    expect(kinds('Ref: 9876543210, still no refund')).toEqual([['account_number', '9876543210']]);
  });

  it('leaves long numbers alone when no such word is near, and never splits longer numbers', () => {
    expect(kinds('We had 12345678 visits last year')).toEqual([]);
    expect(kinds('account 12345678901234')).toEqual([]);
    expect(kinds('account balance £12345678')).toEqual([]);
  });

  it('reports a 10-digit number starting with 0 near "account" once, as an account number', () => {
    expect(kinds('account number 0123456789')).toEqual([['account_number', '0123456789']]);
  });

  it('takes a council\'s own heuristic instead of the default', () => {
    const accountNumber = { ...DEFAULT_ACCOUNT_NUMBER, number: /\bCT\d{6}\b/ };
    expect(kinds('my account CT123456', { accountNumber })).toEqual([['account_number', 'CT123456']]);
  });
});

describe('NHS numbers and dates of birth', () => {
  // 943 476 5919 is the NHS Data Dictionary's example; its check digit holds (modulus 11).
  it('finds an NHS number with "NHS" near, however its digits are spaced, when its check digit holds', () => {
    expect(kinds('Mum\'s NHS number is 943 476 5919 if the carers need it')).toEqual([['nhs_number', '943 476 5919']]);
    expect(kinds('nhs no 9434765919')).toEqual([['nhs_number', '9434765919']]);
  });

  it('leaves ten digits alone without "NHS" near, or with a check digit that fails', () => {
    expect(kinds('ref 9434765919 on the letter').map(([k]) => k)).not.toContain('nhs_number');
    expect(kinds('NHS number 943 476 5918')).toEqual([]);
  });

  it('finds a date of birth after "DOB", "date of birth" or "born", in figures or words', () => {
    expect(kinds('Dad is 83, DOB 03/04/1941, and has had no carer since Tuesday')).toEqual([['date_of_birth', 'DOB 03/04/1941']]);
    expect(kinds('d.o.b: 3-4-41')).toEqual([['date_of_birth', 'd.o.b: 3-4-41']]);
    expect(kinds('she was born on 12th March 1985 in Hitchin')).toEqual([['date_of_birth', 'born on 12th March 1985']]);
    expect(kinds('my date of birth is 1 Jan 1990')).toEqual([['date_of_birth', 'date of birth is 1 Jan 1990']]);
  });

  it('does not read a date alone, a birth year or a birthday party as a date of birth', () => {
    expect(kinds('bins collected on 03/04/2025 instead')).toEqual([]);
    expect(kinds('born in 1985 and lived here all my life')).toEqual([]);
    expect(kinds('birthday party at the library on 12 March 2025')).toEqual([]);
  });
});

describe('bank card numbers', () => {
  // 4111 1111 1111 1111 is the card networks' test Visa number; it passes the Luhn check.
  it('finds a card number in groups of four, or run together with "card" near, when the Luhn check passes', () => {
    expect(kinds('is this the council? it took 4111 1111 1111 1111 for a parking fine')).toEqual([['card_number', '4111 1111 1111 1111']]);
    expect(kinds('I typed my debit card 4111111111111111 into that link')).toEqual([['card_number', '4111111111111111']]);
  });

  it('leaves numbers alone that fail the check, or run together with no card near', () => {
    expect(kinds('card 4111 1111 1111 1112')).toEqual([]);
    expect(kinds('case 4111111111111111 closed').map(([k]) => k)).not.toContain('card_number');
  });
});

it('lists several kinds in the order they appear', () => {
  const text = 'Jane, 07700 900123, jane@gmail.com, 12 High Street, SG6 3JF, NI AB123456C';
  expect(findPersonalData(text).map((m) => m.kind)).toEqual(['phone', 'email', 'address', 'ni_number']);
});

it('finds an email in a text with no digit, a number in a text with no "@", and a council\'s own account pattern without digits', () => {
  expect(kinds('write to jane.doe@gmail.com today')).toEqual([['email', 'jane.doe@gmail.com']]);
  expect(kinds('ring 07700 900123 or NI AB123456C')).toEqual([['phone', '07700 900123'], ['ni_number', 'AB123456C']]);
  const accountNumber = { ...DEFAULT_ACCOUNT_NUMBER, number: /\bCT[A-Z]{6}\b/ };
  expect(kinds('my account CTABCDEF', { accountNumber })).toEqual([['account_number', 'CTABCDEF']]);
  expect(kinds('no numbers and no address here at all')).toEqual([]);
});
