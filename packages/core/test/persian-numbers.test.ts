import { describe, expect, it } from 'vitest';
import { tomanInput } from '../src/money/toman.ts';
import { countInput } from '../src/schemas/common.ts';
import { type PersianNumberError, parsePersianNumber } from '../src/text/persian-numbers.ts';

const B = 10n ** 9n; // میلیارد
const M = 10n ** 6n; // میلیون
const ZWNJ = '\u200c';

/** Each row: what people type, and its exact value. Read the same for amounts and counts. */
const NUMBERS: [string, bigint][] = [
  // digits, as today
  ['۶۲٬۰۰۰٬۰۰۰٬۰۰۰', 62n * B],
  ['62,000,000,000', 62n * B],
  ['٦٢٬٠٠٠', 62_000n],
  ['1 000 000', 1_000_000n],
  ['۱۲3', 123n],
  ['0007', 7n],
  ['123,456,789,012,345,678,901', 123_456_789_012_345_678_901n],
  // digits times a scale
  ['۶۲ میلیارد', 62n * B],
  ['62 میلیارد', 62n * B],
  ['۶۲میلیارد', 62n * B],
  [`۶۲${ZWNJ}میلیارد`, 62n * B],
  ['  ۶۲   میلیارد  ', 62n * B],
  ['۱٬۵۰۰ میلیارد', 1_500n * B],
  ['۲۵۰۰ میلیارد', 2_500n * B],
  ['۱۰۰ هزار', 100_000n],
  // decimals times a scale, exact
  ['۳٫۵ میلیارد', 3_500_000_000n],
  ['3.5 میلیارد', 3_500_000_000n],
  ['۲/۵ میلیون', 2_500_000n],
  ['۱٫۲۵ میلیون', 1_250_000n],
  ['۰٫۰۰۱ میلیارد', 1_000_000n],
  ['۱٫۲۳۴ هزار', 1_234n],
  ['9007199.254740993 میلیارد', 9_007_199_254_740_993n],
  ['۲۵۰۰٫۰', 2_500n],
  // scales joined with «و»
  ['۱ میلیارد و ۵۰۰ میلیون', 1_500n * M],
  ['۱ میلیارد ۵۰۰ میلیون', 1_500n * M],
  ['۴ هزار و ۴۸۲', 4_482n],
  ['۴هزارو۴۸۲', 4_482n],
  ['۲ میلیون و ۳۰۰ هزار و ۱۵', 2_300_015n],
  ['۱۲ میلیارد و ۷۵۰ میلیون و ۲۰۰ هزار', 12_750_200_000n],
  // words
  ['صفر', 0n],
  ['یک', 1n],
  ['ده', 10n],
  ['نوزده', 19n],
  ['هیجده', 18n],
  ['دویست و بیست', 220n],
  [`دویست${ZWNJ}و${ZWNJ}بیست`, 220n],
  ['دویستوبیست', 220n],
  ['سیصد و سی و سه', 333n],
  ['پانصد', 500n],
  ['پونصد', 500n],
  ['یکصد و یک', 101n],
  ['نهصد و نود و نه', 999n],
  ['صد هزار', 100_000n],
  ['صدهزار', 100_000n],
  ['هزار', 1_000n],
  ['هزار و یک', 1_001n],
  ['چهار هزار و چهارصد و هشتاد و دو', 4_482n],
  ['دویست و پنجاه هزار', 250_000n],
  ['سه میلیون و دویست و پنجاه هزار و دوازده', 3_250_012n],
  ['یک میلیارد و پانصد میلیون', 1_500n * M],
  ['هزار میلیارد', 10n ** 12n],
  ['۱۲ هزار میلیارد', 12n * 10n ** 12n],
  ['صد و بیست هزار میلیارد', 120n * 10n ** 12n],
  ['یک و نیم میلیارد', 1_500n * M],
  ['نیم میلیون', 500_000n],
  ['۲ و نیم میلیون', 2_500_000n],
  ['شصت و دو میلیارد', 62n * B],
  // Arabic letters and marks do not matter
  ['دويست و بيست', 220n],
  ['يك ميليارد', B],
  ['ششصد', 600n],
  ['شـصـت', 60n],
  ['ملیارد', B],
];

/** Each row: what is refused, and why. */
const REFUSED: [string, PersianNumberError][] = [
  ['', 'notANumber'],
  ['   ', 'notANumber'],
  ['abc', 'notANumber'],
  ['سلام', 'notANumber'],
  ['ده‌ها', 'notANumber'],
  ['1e6', 'notANumber'],
  ['12,34', 'notANumber'],
  ['1,2345', 'notANumber'],
  ['۱۲a', 'notANumber'],
  ['NaN', 'notANumber'],
  ['۳۰ میلیارد ریال', 'notANumber'],
  ['۵ تریلیون', 'notANumber'],
  ['۱۲ همت', 'notANumber'], // همت is money: not a count
  ['۳۰ میلیارد تومان', 'notANumber'], // so is تومان
  ['بیست بیست', 'notANumber'],
  ['بیست و دویست', 'notANumber'],
  ['دو سه', 'notANumber'],
  ['یازده و یک', 'notANumber'],
  ['صفر صفر', 'notANumber'],
  ['صفر هزار', 'notANumber'],
  ['و', 'notANumber'],
  ['و بیست', 'notANumber'],
  ['بیست و', 'notANumber'],
  ['بیست و و یک', 'notANumber'],
  ['دو و هزار', 'notANumber'],
  ['هزار هزار', 'notANumber'],
  ['میلیون هزار', 'notANumber'],
  ['دو میلیون و سه میلیون', 'notANumber'],
  ['دو هزار میلیون و سه میلیون', 'notANumber'],
  ['۴ هزار و ۵۰۰۰', 'notANumber'],
  ['۱ میلیون و ۲۰۰۰ هزار', 'notANumber'],
  ['۴ ۴۸۲ هزار', 'notANumber'],
  ['بیست ۵', 'notANumber'],
  ['۲٫۵ و نیم میلیون', 'notANumber'],
  ['1.5.3 هزار', 'notANumber'],
  ['-۵ هزار', 'notANumber'],
  // «،» lists, it does not group
  ['4،482', 'listComma'],
  ['۴،۴۸۲', 'listComma'],
  ['٦٢،٠٠٠', 'listComma'],
  ['۴، ۴۸۲ میلیارد', 'listComma'],
  // not whole
  ['۱٫۲۳۴۵ هزار', 'notWhole'],
  ['1.5', 'notWhole'],
  ['۳٫۵', 'notWhole'],
  ['نیم', 'notWhole'],
  ['۰٫۰۰۰۰۰۰۰۰۰۱ میلیارد', 'notWhole'],
];

/** Amounts only: همت and a trailing تومان. */
const AMOUNTS: [string, bigint][] = [
  ['۱۲ همت', 12n * 10n ** 12n],
  ['۱٫۵ همت', 1_500n * B],
  ['۳۰ میلیارد تومان', 30n * B],
  ['۲۵۰۰۰۰۰ تومن', 2_500_000n],
  ['2 500 000 تومان', 2_500_000n],
  ['۲٬۵۰۰٬۰۰۰ تومان', 2_500_000n],
  ['۲۵۰۰۰۰۰تومان', 2_500_000n],
  [`پانصد هزار${ZWNJ}تومان`, 500_000n],
  ['هزار میلیارد تومان', 10n ** 12n],
];

const AMOUNTS_REFUSED: [string, PersianNumberError][] = [
  ['تومان', 'notANumber'],
  ['تومان ۵۰۰', 'notANumber'],
  ['۵۰۰ تومان تومان', 'notANumber'],
  ['۵۰۰ تومان و ۲۰', 'notANumber'],
  ['۱٫۲۳۴۵ هزار تومان', 'notWhole'],
  ['4،482 تومان', 'listComma'],
];

describe('parsePersianNumber', () => {
  it.each(NUMBERS)('reads «%s» exactly', (text, value) => {
    expect(parsePersianNumber(text)).toEqual({ ok: true, value });
    expect(parsePersianNumber(text, { toman: true })).toEqual({ ok: true, value });
  });

  it.each(REFUSED.filter(([text]) => !/همت|تومان/.test(text)))('refuses «%s»: %s', (text, error) => {
    expect(parsePersianNumber(text)).toEqual({ ok: false, error });
    expect(parsePersianNumber(text, { toman: true })).toEqual({ ok: false, error });
  });

  it.each(REFUSED.filter(([text]) => /همت|تومان/.test(text)))('refuses «%s» as a count', (text, error) => {
    expect(parsePersianNumber(text)).toEqual({ ok: false, error });
  });

  it.each(AMOUNTS)('reads the amount «%s»', (text, value) => {
    expect(parsePersianNumber(text, { toman: true })).toEqual({ ok: true, value });
  });

  it.each(AMOUNTS_REFUSED)('refuses the amount «%s»: %s', (text, error) => {
    expect(parsePersianNumber(text, { toman: true })).toEqual({ ok: false, error });
  });

  it('keeps plain negative digits for the caller to range-check', () => {
    expect(parsePersianNumber('-5')).toEqual({ ok: true, value: -5n });
  });
});

describe('tomanInput and countInput read words', () => {
  it('amounts: words, scales, همت and تومان, exact beyond 2^53', () => {
    expect(tomanInput.parse('۶۲ میلیارد')).toBe(62n * B);
    expect(tomanInput.parse('۱ میلیارد و ۵۰۰ میلیون')).toBe(1_500n * M);
    expect(tomanInput.parse('۱۲ همت')).toBe(12n * 10n ** 12n);
    expect(tomanInput.parse('9007199.254740993 میلیارد تومان')).toBe(9_007_199_254_740_993n);
  });

  it('amounts: each refusal has its own rule', () => {
    const ruleOf = (text: string) => {
      const result = tomanInput.safeParse(text);
      return result.success ? undefined : (result.error.issues[0] as { params?: { key?: string } } | undefined)?.params?.key;
    };
    expect(ruleOf('۱٫۲۳۴۵ هزار')).toBe('tomanNotWhole');
    expect(ruleOf('4،482')).toBe('listComma');
    expect(ruleOf('سلام')).toBe('toman');
    expect(ruleOf('-5')).toBe('tomanRange');
    expect(ruleOf('۱۰۰۰۰۰۰۰۰۰۰۰۰۰ همت')).toBe('tomanRange');
  });

  it('counts: words, not money, not fractions', () => {
    const count = countInput(1_000_000);
    expect(count.parse('دویست و بیست')).toBe(220);
    expect(count.parse('۴ هزار و ۴۸۲')).toBe(4_482);
    expect(count.parse('چهارصد و هشتاد و دو هزار و سیصد و بیست و یک')).toBe(482_321);
    const ruleOf = (text: string) => {
      const result = count.safeParse(text);
      return result.success ? undefined : (result.error.issues[0] as { params?: { key?: string } } | undefined)?.params?.key;
    };
    expect(ruleOf('۲٫۵')).toBe('countNotWhole');
    expect(ruleOf('4،482')).toBe('listComma');
    expect(ruleOf('۱۲ همت')).toBe('count');
    expect(ruleOf('دو میلیون')).toBe('count');
    expect(ruleOf('-5')).toBe('count');
  });
});
