// Out of hours (002 §6.1.4, §6.2.4): when the clock starts, the card's notice, the once-a-night auto-reply.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoReplyNightKey, monitoringHoursText, outOfHoursAutoReply, outOfHoursNotice } from '../../../src/policy/out-of-hours.js';
import { createWorkingCalendar } from '../../../src/policy/working-calendar.js';
import { calendar, defaultPolicy, london, mention, policyWith } from './policy-fixtures.js';

const notice = (local: string) => outOfHoursNotice(defaultPolicy, calendar, london(local));

describe('outOfHoursNotice', () => {
  it('starts the clock on the Tuesday after Easter for a post on Maundy Thursday evening', () => {
    const n = notice('2026-04-02T18:00');
    expect(n).toMatchObject({ outOfHours: true, nextOpeningText: 'Tuesday 7 April at 09:00', closedFor: ['Good Friday', 'Easter Monday'], ruleId: 'clock:out-of-hours' });
    expect(n.clockStartsAt.toISOString()).toBe('2026-04-07T08:00:00.000Z'); // 09:00 BST
    expect(n.message).toBe(
      'Received out of hours: we do not monitor or respond outside Monday to Friday, 09:00 to 17:00, except public holidays, and we are closed for Good Friday and Easter Monday. The response clock starts Tuesday 7 April at 09:00.',
    );
    expect(n.source).toBe(defaultPolicy.calendar.source);
  });

  it('starts the clock at 09:00 BST on the Monday after the clocks go forward', () => {
    const n = notice('2026-03-27T17:30'); // Friday, GMT
    expect(n).toMatchObject({ outOfHours: true, nextOpeningText: 'Monday 30 March at 09:00', closedFor: [] });
    expect(n.clockStartsAt.toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('starts the clock at 09:00 GMT on the Monday after the clocks go back', () => {
    const n = notice('2026-10-23T20:00'); // Friday, BST
    expect(n.nextOpeningText).toBe('Monday 26 October at 09:00');
    expect(n.clockStartsAt.toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('names Christmas, Boxing Day and its substitute day', () => {
    const n = notice('2026-12-24T17:30');
    expect(n.nextOpeningText).toBe('Tuesday 29 December at 09:00');
    expect(n.closedFor).toEqual(['Christmas Day', 'Boxing Day', 'Boxing Day (substitute day)']);
  });

  it('starts the clock on arrival in monitoring hours', () => {
    const n = notice('2026-03-03T10:15');
    expect(n).toMatchObject({ outOfHours: false, nextOpeningText: 'Tuesday 3 March at 10:15', closedFor: [] });
    expect(n.clockStartsAt.getTime()).toBe(london('2026-03-03T10:15').getTime());
    expect(n.message).toBe('Received in monitoring hours: the response clock started on arrival.');
  });

  it('treats 17:00 itself as closed and 09:00 as open', () => {
    expect(notice('2026-03-03T17:00').outOfHours).toBe(true);
    expect(notice('2026-03-04T09:00').outOfHours).toBe(false);
  });
});

describe('outOfHoursAutoReply', () => {
  const policy = policyWith((p) => void (p.outOfHours.autoReply = [{ network: 'facebook', kind: 'direct_message' }]));
  const dm = mention({ network: 'facebook', kind: 'direct_message', url: 'https://facebook.com/m/1' });

  it('answers a listed network and kind out of hours with the message, hours, next opening and emergency contacts', () => {
    expect(outOfHoursAutoReply(policy, calendar, dm, london('2026-04-02T18:00'))).toBe(
      'Thanks for your message. We monitor our social media 9am to 5pm, Monday to Friday, and will reply when we are next open. ' +
        'Our monitoring hours are Monday to Friday, 09:00 to 17:00, except public holidays. We are next open Tuesday 7 April at 09:00. ' +
        'In an emergency outside office hours, please use our emergency contact details at https://www.example.gov.uk/emergency',
    );
  });

  it('stays quiet in monitoring hours, and for networks and kinds the policy does not list', () => {
    expect(outOfHoursAutoReply(policy, calendar, dm, london('2026-04-01T11:00'))).toBeNull();
    expect(outOfHoursAutoReply(policy, calendar, { ...dm, kind: 'comment' }, london('2026-04-02T18:00'))).toBeNull();
    expect(outOfHoursAutoReply(policy, calendar, { ...dm, network: 'x' }, london('2026-04-02T18:00'))).toBeNull();
    expect(outOfHoursAutoReply(defaultPolicy, calendar, dm, london('2026-04-02T18:00'))).toBeNull();
  });
});

describe('monitoringHoursText', () => {
  it('groups consecutive days with the same hours, including a lunch closure', () => {
    const policy = policyWith((p) => {
      const lunch = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '17:00' }];
      p.calendar.hours = { mon: lunch, tue: lunch, wed: lunch, thu: [{ start: '09:00', end: '17:00' }], sat: [{ start: '10:00', end: '12:00' }] };
      p.calendar.holidays = null;
    });
    expect(monitoringHoursText(policy)).toBe('Monday to Wednesday, 09:00 to 12:30 and 13:30 to 17:00; Thursday, 09:00 to 17:00; Saturday, 10:00 to 12:00');
  });
});

describe('autoReplyNightKey: once per author per night', () => {
  const key = (local: string, author = 'facebook:42') => autoReplyNightKey(calendar, author, london(local));

  it('is the same for one author all through the Easter weekend', () => {
    expect(key('2026-04-02T18:00')).toBe(key('2026-04-05T03:00'));
    expect(key('2026-04-02T18:00')).toBe(key('2026-04-07T08:59'));
    expect(key('2026-04-02T18:00')).toBe('facebook:42@2026-04-07T08:00:00.000Z');
  });

  it('changes for the next closed spell and for another author', () => {
    expect(key('2026-04-07T17:30')).not.toBe(key('2026-04-02T18:00'));
    expect(key('2026-04-02T18:00', 'facebook:43')).not.toBe(key('2026-04-02T18:00'));
  });

  it('is the same across the spring-forward night', () => {
    expect(key('2026-03-27T17:30')).toBe(key('2026-03-29T03:30'));
  });

  it('is the same for any two moments in one closed spell, and differs across an opening', () => {
    const cal = createWorkingCalendar(defaultPolicy.calendar);
    const start = london('2026-03-20T00:00').getTime();
    const span = 21 * 24 * 60; // three weeks either side of the clock change, in minutes
    fc.assert(
      fc.property(fc.nat({ max: span }), fc.nat({ max: span }), (a, b) => {
        const [x, y] = [new Date(start + Math.min(a, b) * 60_000), new Date(start + Math.max(a, b) * 60_000)];
        const sameSpell = !cal.isOpen(x) && !cal.isOpen(y) && cal.workingMinutesBetween(x, y) === 0;
        const same = autoReplyNightKey(cal, 'a', x) === autoReplyNightKey(cal, 'a', y);
        if (sameSpell) expect(same).toBe(true);
        if (!cal.isOpen(x) && !cal.isOpen(y) && !sameSpell) expect(same).toBe(false);
      }),
    );
  });
});
