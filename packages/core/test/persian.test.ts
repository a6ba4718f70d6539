import { describe, expect, it } from 'vitest';
import { normalizePersianText, parseLocalizedInteger, toAsciiDigits } from '../src/text/persian.ts';

describe('normalizePersianText', () => {
  it('makes Arabic and Persian spellings of a name equal', () => {
    expect(normalizePersianText('تويسركان')).toBe('تویسرکان');
    expect(normalizePersianText('تويسركان')).toBe(normalizePersianText('تویسرکان'));
    expect(normalizePersianText('كرمانشاه')).toBe('کرمانشاه');
    expect(normalizePersianText('موسى')).toBe('موسی');
  });

  it('cleans zero-width non-joiners and spaces', () => {
    expect(normalizePersianText('می\u200c\u200cخواهم')).toBe('می\u200cخواهم');
    expect(normalizePersianText('می \u200c خواهم')).toBe('می\u200cخواهم');
    expect(normalizePersianText('\u200cخانه\u200c')).toBe('خانه');
    expect(normalizePersianText('  روستای   بالا\t')).toBe('روستای بالا');
    expect(normalizePersianText('a\u200cb')).toBe('ab');
  });

  it('drops diacritics, tatweel and zero-width spaces', () => {
    expect(normalizePersianText('مُحَمَّد')).toBe('محمد');
    expect(normalizePersianText('همـــدان')).toBe('همدان');
    expect(normalizePersianText('هم\u200bدان')).toBe('همدان');
  });

  it('writes digits in ASCII', () => {
    expect(normalizePersianText('روستای ۱۲')).toBe('روستای 12');
    expect(normalizePersianText('بلوک ٣')).toBe('بلوک 3');
  });

  it('is idempotent', () => {
    for (const s of ['تويسركان', 'می \u200c خواهم', ' هم\u200bـدان ۱ ', 'خانهٔ ما', 'خانۀ ما']) {
      expect(normalizePersianText(normalizePersianText(s))).toBe(normalizePersianText(s));
    }
  });
});

describe('toAsciiDigits', () => {
  it('maps Persian and Arabic-Indic digits', () => {
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('a1۲٣')).toBe('a123');
  });
});

describe('parseLocalizedInteger', () => {
  it('accepts all three digit sets and thousands separators', () => {
    expect(parseLocalizedInteger('۶۲٬۰۰۰٬۰۰۰')).toBe('62000000');
    expect(parseLocalizedInteger('62,000,000')).toBe('62000000');
    expect(parseLocalizedInteger('٦٢،٠٠٠')).toBe('62000');
    expect(parseLocalizedInteger('1 000 000')).toBe('1000000');
    expect(parseLocalizedInteger('۱۲3')).toBe('123');
    expect(parseLocalizedInteger('  42 ')).toBe('42');
    expect(parseLocalizedInteger('0007')).toBe('7');
  });

  it('keeps every digit of numbers beyond 2^53', () => {
    expect(parseLocalizedInteger('123,456,789,012,345,678,901')).toBe('123456789012345678901');
  });

  it('rejects what is not a whole number', () => {
    for (const s of ['', ' ', '1.5', '12,34', '1,2345', 'abc', '1e6', '--1', '۱۲a', 'NaN', 'Infinity', '0x10']) {
      expect(parseLocalizedInteger(s), s).toBeUndefined();
    }
  });

  it('reads a leading minus sign', () => {
    expect(parseLocalizedInteger('-5')).toBe('-5');
    expect(parseLocalizedInteger('\u22125')).toBe('-5');
    expect(parseLocalizedInteger('-0')).toBe('0');
  });
});
