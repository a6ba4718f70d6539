import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jalaliOfIsoDate, jalaliOfMoment, momentOfDay, parseDate, parseDateBound, parseMoment, tehranMoment, withJalaliTwins } from '../src/dates/jalali.ts';
import { isoDate, isoDateBound, isoDateTime } from '../src/schemas/common.ts';
import { errorMapFor } from '../src/validation/messages.ts';

describe('parseDate: the forms a date is typed in', () => {
  it.each([
    ['۱۳۹۹/۰۱/۰۱', '2020-03-20'],
    ['1399-01-01', '2020-03-20'],
    ['۱۳۹۹-۰۱-۰۱', '2020-03-20'],
    ['1399/1/1', '2020-03-20'],
    ['١٣٩٩/١/١', '2020-03-20'], // Arabic-Indic digits
    ['1399.01.01', '2020-03-20'],
    ['  1399/01/01 ', '2020-03-20'],
    ['۱ فروردین ۱۳۹۹', '2020-03-20'],
    ['1 فروردین 1399', '2020-03-20'],
    ['۱ فروردین ماه ۱۳۹۹', '2020-03-20'],
    ['۱، فروردین، ۱۳۹۹', '2020-03-20'],
    ['۱۰ ارديبهشت ۱۴۰۳', '2024-04-29'], // Arabic yeh
    ['۱۰ اردی‌بهشت ۱۴۰۳', '2024-04-29'], // with a ZWNJ
    ['۵ مرداد ۱۴۰۲', '2023-07-27'],
    ['۵ امرداد ۱۴۰۲', '2023-07-27'],
    ['۱ آذر ۱۴۰۲', '2023-11-22'],
    ['۱ اذر ۱۴۰۲', '2023-11-22'],
    ['۳ دي ۱۴۰۲', '2023-12-24'], // Arabic yeh
    ['۱ بهمن ۱۴۰۲', '2024-01-21'],
    ['12 Esfand 1402', '2024-03-02'],
    ['۱ اسفند ۱۴۰۲', '2024-02-20'],
    ['۲۰ آبان ۱۴۰۲', '2023-11-11'],
    ['1399-02-31', '2020-05-20'], // 31 days in the first six months
    ['1399-06-31', '2020-09-21'],
    ['1399-07-30', '2020-10-21'],
    ['1399-12-30', '2021-03-20'], // 1399 is a leap year
    ['1403-12-30', '2025-03-20'], // so is 1403
    ['1300-01-01', '1921-03-21'],
    ['1499-12-29', '2121-03-20'],
    ['2020-03-20', '2020-03-20'],
    ['۲۰۲۰-۰۳-۲۰', '2020-03-20'],
    ['2020/3/20', '2020-03-20'],
    ['2024-02-29', '2024-02-29'],
    ['1921-01-01', '1921-01-01'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toMatchObject({ ok: true, iso });
  });

  it('the year names the calendar', () => {
    expect(parseDate('1499/01/01')).toMatchObject({ calendar: 'jalali' });
    expect(parseDate('1921/01/01')).toMatchObject({ calendar: 'gregorian' });
  });

  it.each([
    ['1400-12-30', 'noSuchDay', { calendar: 'jalali', year: 1400, month: 12, days: 29 }],
    ['1402/12/30', 'noSuchDay', { calendar: 'jalali', year: 1402, month: 12, days: 29 }],
    ['1399-07-31', 'noSuchDay', { calendar: 'jalali', year: 1399, month: 7, days: 30 }],
    ['1399-11-31', 'noSuchDay', { calendar: 'jalali', year: 1399, month: 11, days: 30 }],
    ['1399-13-01', 'noSuchDay', { calendar: 'jalali', year: 1399, month: 13, days: undefined }],
    ['1399-00-10', 'noSuchDay', { calendar: 'jalali', year: 1399, month: 0, days: undefined }],
    ['1399-01-00', 'noSuchDay', { calendar: 'jalali', year: 1399, month: 1, days: 31 }],
    ['۳۰ اسفند ۱۴۰۰', 'noSuchDay', { calendar: 'jalali', year: 1400, month: 12, days: 29 }],
    ['2021-02-29', 'noSuchDay', { calendar: 'gregorian', year: 2021, month: 2, days: 28 }],
    ['2020-13-01', 'noSuchDay', { calendar: 'gregorian', year: 2020, month: 13, days: undefined }],
  ])('%s is no day (%s)', (text, error, params) => {
    expect(parseDate(text)).toEqual({ ok: false, error, params });
  });

  it.each(['0999-01-01', '1200-01-01', '1299-12-29', '0000-01-01', '1500-01-01', '1920-12-31', '۱۲۰۰/۰۱/۰۱'])('%s is an ancient date: refused', (text) => {
    expect(parseDate(text)).toEqual({ ok: false, error: 'dateTooEarly' });
  });

  it.each([
    '',
    'فردا',
    '99/1/1',
    '1399/01',
    '1399-01-01-01',
    '۱ فروردینن ۱۳۹۹',
    '۱ فروردین ۹۹',
    '1 January 2020',
    '۱ فروردین ۲۰۲۰',
    '20200320',
    '1399/01/01 10:30',
  ])('%j is not a date', (text) => {
    expect(parseDate(text)).toEqual({ ok: false, error: 'dateInput' });
  });
});

describe('parseDateBound: a month stands for its first or last day', () => {
  it.each([
    ['فروردین ۱۴۰۴', 'start', '2025-03-21'],
    ['فروردین ۱۴۰۴', 'end', '2025-04-20'],
    ['اسفند ۱۴۰۳', 'end', '2025-03-20'], // 30 days: 1403 is leap
    ['اسفند ۱۴۰۲', 'end', '2024-03-19'], // 29 days
    ['مهر 1402', 'start', '2023-09-23'],
    ['1404/01', 'start', '2025-03-21'],
    ['1404-1', 'end', '2025-04-20'],
    ['۱ فروردین ۱۴۰۴', 'start', '2025-03-21'],
    ['۱ فروردین ۱۴۰۴', 'end', '2025-03-21'],
    ['2025-01-01', 'end', '2025-01-01'],
  ] as const)('%s as %s → %s', (text, edge, iso) => {
    expect(parseDateBound(text, edge)).toMatchObject({ ok: true, iso });
  });

  it.each([
    ['فروردین ۱۲۰۰', 'dateTooEarly'],
    ['2025/01', 'dateInput'], // a Gregorian month is not one of the forms
    ['1404/13', 'noSuchDay'],
    ['فروردین', 'dateInput'],
  ])('%s is refused (%s)', (text, error) => {
    expect(parseDateBound(text, 'start')).toMatchObject({ ok: false, error });
  });
});

describe('parseMoment: date-time fields', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it.each([
    ['1403/01/01 10:30', '2024-03-20T07:00:00.000Z'],
    ['۱۴۰۳/۰۱/۰۱ ۱۰:۳۰', '2024-03-20T07:00:00.000Z'],
    ['۱ فروردین ۱۴۰۳ ساعت ۱۰:۳۰', '2024-03-20T07:00:00.000Z'],
    ['1403-01-01 10:30:15', '2024-03-20T07:00:15.000Z'],
    ['1403-01-01T10:30:00+03:30', '2024-03-20T07:00:00.000Z'],
    ['1403-01-01T07:00:00Z', '2024-03-20T07:00:00.000Z'],
    ['1403/01/01', '2024-03-20T08:30:00.000Z'], // noon in Tehran
    ['2024-03-20', '2024-03-20T08:30:00.000Z'],
    // Tehran kept daylight time until 2022: noon on 1 Tir 1399 was 07:30 UTC.
    ['1399/04/01', '2020-06-21T07:30:00.000Z'],
    ['1399/04/01 10:00', '2020-06-21T05:30:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseMoment(text, now)).toEqual({ ok: true, iso });
  });

  it.each([
    ['1403/01/01 25:00', 'dateInput'],
    ['1403/01/01 10:60', 'dateInput'],
    ['2024-03-20 10:30', 'dateInput'], // a Gregorian wall-clock time wants its offset
    ['1400/12/30 10:00', 'noSuchDay'],
    ['1200/01/01', 'dateTooEarly'],
    ['دیروز', 'dateInput'],
  ])('%s is refused (%s)', (text, error) => {
    expect(parseMoment(text, now)).toMatchObject({ ok: false, error });
  });

  it('today before noon in Tehran is the start of the day; after noon, noon', () => {
    const morning = Date.parse('2026-06-01T04:00:00Z'); // 07:30 in Tehran
    expect(new Date(momentOfDay('2026-06-01', morning)).toISOString()).toBe('2026-05-31T20:30:00.000Z');
    const evening = Date.parse('2026-06-01T14:00:00Z');
    expect(new Date(momentOfDay('2026-06-01', evening)).toISOString()).toBe('2026-06-01T08:30:00.000Z');
    expect(new Date(momentOfDay('2026-05-31', morning)).toISOString()).toBe('2026-05-31T08:30:00.000Z');
    expect(new Date(tehranMoment('2026-06-01', 0)).toISOString()).toBe('2026-05-31T20:30:00.000Z');
  });
});

describe('back to Jalali', () => {
  it.each([
    ['2020-03-20', '1399-01-01'],
    ['2021-03-20', '1399-12-30'],
    ['2025-03-21', '1404-01-01'],
    ['1921-03-21', '1300-01-01'],
  ])('date %s → %s', (iso, jalali) => {
    expect(jalaliOfIsoDate(iso)).toBe(jalali);
  });

  it.each([
    ['2024-03-20T07:00:00.000Z', '1403-01-01 10:30'],
    ['2024-03-19T20:30:00.000Z', '1403-01-01 00:00'], // already the next day in Tehran
    ['2024-03-19T20:29:59.999Z', '1402-12-29 23:59'],
    ['2020-06-21T05:30:00.000Z', '1399-04-01 10:00'], // daylight time
  ])('moment %s → %s (Tehran)', (iso, jalali) => {
    expect(jalaliOfMoment(iso)).toBe(jalali);
  });

  it('withJalaliTwins puts each date field’s twin beside it, null beside null, and leaves the rest', () => {
    const value = { id: 'x', startDate: '2020-03-20', createdAt: '2024-03-20T07:00:00.000Z', updatedAt: null, name: '2020-03-20', from: 'IR' };
    expect(withJalaliTwins(value)).toEqual({
      id: 'x',
      startDate: '2020-03-20',
      startDateJalali: '1399-01-01',
      createdAt: '2024-03-20T07:00:00.000Z',
      createdAtJalali: '1403-01-01 10:30',
      updatedAt: null,
      updatedAtJalali: null,
      name: '2020-03-20',
      from: 'IR',
    });
    expect(Object.keys(withJalaliTwins(value)).slice(0, 3)).toEqual(['id', 'startDate', 'startDateJalali']);
    const plain = { id: 'y', constructor: 'z' };
    expect(withJalaliTwins(plain)).toBe(plain);
  });
});

describe('the date schemas', () => {
  const fa = { error: errorMapFor('fa') };
  it('read every form into ISO, and name what is wrong in Persian', () => {
    expect(isoDate.parse('۱۳۹۹/۰۱/۰۱')).toBe('2020-03-20');
    expect(isoDate.parse('2020-03-20')).toBe('2020-03-20');
    expect(isoDateBound('end').parse('فروردین ۱۴۰۴')).toBe('2025-04-20');
    expect(() => isoDate.parse('فروردین ۱۴۰۴')).toThrow();
    expect(isoDateTime.parse('1403/01/01 10:30')).toBe('2024-03-20T07:00:00.000Z');
    expect(isoDateTime.parse('2024-03-20T10:30:00+03:30')).toBe('2024-03-20T07:00:00.000Z');

    const noDay = isoDate.safeParse('1400-12-30', fa);
    expect(noDay.error?.issues[0]?.message).toBe('چنین روزی در تقویم شمسی نیست: اسفند ۱۴۰۰ ۲۹ روز دارد');
    const form = isoDate.safeParse('فردا', fa);
    expect(form.error?.issues[0]?.message).toMatch(/۱۳۹۹\/۰۱\/۰۱/);
    expect(form.error?.issues[0]?.message).toMatch(/۱ فروردین ۱۳۹۹/);
    const ancient = isoDate.safeParse('1200-01-01', fa);
    expect(ancient.error?.issues[0]?.message).toMatch(/۱۹۲۱/);
    expect(isoDate.safeParse('0999-01-01').success).toBe(false);
    const month = isoDateBound('start').safeParse('هفته ۱۴۰۴', fa);
    expect(month.error?.issues[0]?.message).toMatch(/فروردین ۱۴۰۴/);
    const moment = isoDateTime.safeParse('1403/01/01 ۲۵:۰۰', fa);
    expect(moment.error?.issues[0]?.message).toMatch(/۱۴۰۳\/۰۱\/۰۱ ۱۰:۳۰/);
    expect(isoDateTime.safeParse('0000-01-01T00:00:00Z').error?.issues[0]).toMatchObject({ params: { key: 'dateTooEarly' } });
    expect(isoDateTime.safeParse('9999-12-31T00:00:00Z').error?.issues[0]).toMatchObject({ params: { key: 'momentInFuture' } });
  });
});

describe('nothing typed makes the date schemas throw', () => {
  const pieces = fc.constantFrom(
    '1399',
    '۱۴۰۳',
    '2024',
    '0000',
    '9999',
    '/',
    '-',
    '.',
    ' ',
    ':',
    'T',
    'Z',
    '+03:30',
    '-99:99',
    'فروردین',
    'اسفند',
    'ماه',
    'ساعت',
    '31',
    '00',
    '99',
    '25:61',
    '،',
    '\u200c',
  );
  const typed = fc.oneof(
    fc.string({ maxLength: 70 }),
    fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')),
  );
  it('every value is parsed or refused with issues', () => {
    fc.assert(
      fc.property(typed, (text) => {
        for (const schema of [isoDate, isoDateTime, isoDateBound('start'), isoDateBound('end')]) {
          const result = schema.safeParse(text);
          if (result.success) expect(result.data).toMatch(/^\d{4}-\d{2}-\d{2}/);
          else expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
