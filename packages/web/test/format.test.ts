import { describe, expect, it } from 'vitest';
import {
  faCompact,
  faCompactMoney,
  faCount,
  faNumber,
  faPercent,
  faToman,
  numberInWords,
  parseTyped,
  parseTypedPercent,
  tomanInWords,
} from '../src/format/numbers.ts';
import { faDigits, faText, sortPersian } from '../src/format/text.ts';
import { daysInJalaliMonth, isoDateToMoment, isoToJalali, jalaliToIso } from '../src/format/dates.ts';

describe('numbers', () => {
  it('writes Persian digits and separators', () => {
    expect(faNumber(4482)).toBe('۴٬۴۸۲');
    expect(faNumber(62_000_000_000n)).toBe('۶۲٬۰۰۰٬۰۰۰٬۰۰۰');
  });

  it('says amounts in words, exactly', () => {
    expect(tomanInWords(62_000_000_000n)).toBe('۶۲ میلیارد تومان');
    expect(numberInWords(62_500_000_000n)).toBe('۶۲ میلیارد و ۵۰۰ میلیون');
    expect(numberInWords(1_234_567n)).toBe('۱ میلیون و ۲۳۴ هزار و ۵۶۷');
    expect(numberInWords(4_200_000_000_000n)).toBe('۴٬۲۰۰ میلیارد');
    expect(numberInWords(0n)).toBe('۰');
    expect(numberInWords(950n)).toBe('۹۵۰');
    // Beyond 2^53: bigint all the way.
    expect(numberInWords(9_007_199_254_740_993n)).toBe('۹٬۰۰۷٬۱۹۹ میلیارد و ۲۵۴ میلیون و ۷۴۰ هزار و ۹۹۳');
  });

  it('uses compact Persian units for big figures and stays exact for small counts', () => {
    // ICU keeps the number and its unit together with a no-break space.
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    expect(spaced(faCompact(62_000_000_000n))).toBe('۶۲ میلیارد');
    expect(faCompact(950)).toBe('۹۵۰');
    expect(faCount(4482)).toBe('۴٬۴۸۲');
    expect(spaced(faCount(9_300_000))).toBe('۹٫۳ میلیون');
    expect(faPercent(80.5)).toBe('۸۰٫۵٪');
  });

  it('says big money in billions or همت, never «تریلیون»', () => {
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    expect(spaced(faToman(62_000_000_000n))).toBe('۶۲ میلیارد تومان');
    expect(spaced(faToman(1_274_000_000_000n))).toBe('۱٬۲۷۴ میلیارد تومان');
    expect(spaced(faToman(12_300_000_000_000n))).toBe('۱۲٫۳ همت');
    expect(spaced(faToman(950n))).toBe('۹۵۰ تومان');
    expect(spaced(faToman(999_960_000n))).toBe('۱ میلیارد تومان');
    expect(spaced(faCompactMoney(1_300_000_000_000_000n))).toBe('۱٬۳۰۰ همت');
    expect(spaced(faCompact(1_274_000_000_000n))).toBe('۱٬۲۷۴ میلیارد');
    for (const v of [1_000_000_000_000n, 5_500_000_000_000n, 10n ** 15n, 10n ** 18n]) {
      expect(faToman(v)).not.toContain('تریلیون');
      expect(faCompact(v)).not.toContain('تریلیون');
    }
  });
});

describe('stored text', () => {
  it('shows Latin and Arabic-Indic digits as Persian ones', () => {
    expect(faDigits('بلوک 12')).toBe('بلوک ۱۲');
    expect(faDigits('فاز ٣')).toBe('فاز ۳');
    expect(faText(undefined)).toBeUndefined();
  });

  it('orders names in Persian alphabetical order', () => {
    const names = ['گیلان', 'کرمان', 'چهارمحال و بختیاری', 'آذربایجان غربی', 'زنجان', 'تهران'];
    expect(sortPersian(names, (n) => n)).toEqual(['آذربایجان غربی', 'تهران', 'چهارمحال و بختیاری', 'زنجان', 'کرمان', 'گیلان']);
  });

  it('reads what was typed as the API does: any digit set, separators, words and scales', () => {
    expect(parseTyped('۶۲٬۰۰۰٬۰۰۰٬۰۰۰')).toBe(62_000_000_000n);
    expect(parseTyped('٦٢,٠٠٠')).toBe(62_000n);
    expect(parseTyped('62 000')).toBe(62_000n);
    expect(parseTyped('۶۲ میلیارد')).toBe(62_000_000_000n);
    expect(parseTyped('۱ میلیارد و ۵۰۰ میلیون')).toBe(1_500_000_000n);
    expect(parseTyped('۱۲ همت')).toBeUndefined(); // an amount's word: only in an amount field
    expect(parseTyped('۱۲ همت', { toman: true })).toBe(12_000_000_000_000n);
    expect(parseTyped('4،482')).toBeUndefined();
    expect(parseTypedPercent('۸۲٫۵')).toBe(82.5);
    expect(parseTypedPercent('۷۰٪')).toBe(70);
  });
});

describe('Persian calendar', () => {
  it('converts picked dates to ISO dates and back', () => {
    expect(jalaliToIso({ year: 1404, month: 1, day: 1 })).toBe('2025-03-21');
    expect(jalaliToIso({ year: 1403, month: 12, day: 30 })).toBe('2025-03-20'); // 1403 is a leap year
    expect(jalaliToIso({ year: 1404, month: 12, day: 30 })).toBeUndefined(); // 1404 is not
    expect(isoToJalali('2025-03-21')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(daysInJalaliMonth(1404, 7)).toBe(30);
    expect(daysInJalaliMonth(1404, 6)).toBe(31);
  });

  it('a picked day in a date-time field is noon in Tehran, the same day in UTC', () => {
    expect(isoDateToMoment('2025-03-21')).toBe('2025-03-21T12:00:00+03:30');
    expect(new Date(isoDateToMoment('2025-03-21')).toISOString().slice(0, 10)).toBe('2025-03-21');
  });
});

describe('periods', () => {
  it('turns a Jalali year, season and month into inclusive ISO dates and Persian names', async () => {
    const { parsePeriod } = await import('../src/format/periods.ts');
    expect(parsePeriod('1403')).toEqual({ code: '1403', from: '2024-03-20', to: '2025-03-20', label: 'سال ۱۴۰۳' });
    expect(parsePeriod('1403-S3')).toEqual({ code: '1403-S3', from: '2024-09-22', to: '2024-12-20', label: 'پاییز ۱۴۰۳' });
    expect(parsePeriod('1402-12')).toEqual({ code: '1402-12', from: '2024-02-20', to: '2024-03-19', label: 'اسفند ۱۴۰۲' });
    expect(parsePeriod('1403-13')).toBeUndefined();
    expect(parsePeriod('2024')).toBeUndefined();
    expect(parsePeriod(null)).toBeUndefined();
  });
});

describe("a period's covered days", () => {
  it('names the days the daily history really covers, only when they are not the period', async () => {
    const { coveredDays } = await import('../src/views/slice-note.ts');
    // The snapshot of the day before `from` and the live figures: the period itself.
    expect(coveredDays({ from: '2025-03-21', to: '2025-06-21', fromSnapshot: '2025-03-20', toSnapshot: null })).toBeUndefined();
    expect(coveredDays({ from: '2025-03-21', to: '2025-06-21', fromSnapshot: null, toSnapshot: '2025-06-21' })).toBeUndefined();
    // The history starts later and ends earlier than the period.
    expect(coveredDays({ from: '2025-03-21', to: '2025-06-21', fromSnapshot: '2025-04-02', toSnapshot: '2025-06-10' })).toEqual({
      from: '2025-04-03',
      to: '2025-06-10',
    });
    expect(coveredDays({ programme: 'مسکن' })).toBeUndefined();
  });
});
