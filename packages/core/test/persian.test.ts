import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePersianLines, normalizePersianText, parseLocalizedInteger, toAsciiDigits } from '../src/text/persian.ts';

/**
 * Characters with no meaning in stored text, as the security review lists them (written out
 * here, not taken from the implementation): bidi controls and marks, C0 controls but tab and
 * line breaks, DEL, C1 controls, lone surrogates, other format and default-ignorable characters.
 */
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const codeUnit = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));
const invisible = fc.oneof(
  fc.constantFrom(...BIDI),
  codeUnit(0x00, 0x1f).filter((c) => !['\t', '\n', '\r'].includes(c)),
  fc.constant('\u007f'),
  codeUnit(0x80, 0x9f),
  codeUnit(0xd800, 0xdfff),
  fc.constantFrom(
    '\u00ad',
    '\u034f',
    '\u115f',
    '\u1160',
    '\u17b4',
    '\u180e',
    '\u200b',
    '\u200d',
    '\u2060',
    '\u2062',
    '\u2064',
    '\u206a',
    '\u206f',
    '\u3164',
    '\ufe00',
    '\ufe0f',
    '\ufeff',
    '\uffa0',
    '\ufff9',
    '\ufffb',
    '\ufdd0',
    '\uffff',
    '\u{1bca0}',
    '\u{1d173}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e01ef}',
  ),
);
/** A run of invisible characters; two lone surrogates side by side would make a real (visible) character. */
const invisibleRun = fc
  .array(invisible, { maxLength: 3 })
  .map((run) => run.join(''))
  .filter((run) => !/[\ud800-\udbff][\udc00-\udfff]/.test(run));
/** Pieces of a name: Persian letters in every form, harakat, ZWNJ, odd spaces, digits, and any other well-formed grapheme. */
const namePiece = fc.oneof(
  fc.constantFrom(...'ابپتجچخدرزژسشعغفقکگلمنوهیيكىةۀآأإؤئءًٌٍَُِّْٰٔـ۰۱٣9a ', '\u200c', '\u00a0', '\u3000', '\t', '\n', '\r\n'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
/** A name as pieces, and the same name with invisible runs inserted between any pieces. */
const nameWithInvisibles = fc.array(namePiece, { maxLength: 16 }).chain((pieces) =>
  fc.array(invisibleRun, { minLength: pieces.length + 1, maxLength: pieces.length + 1 }).map((runs) => ({
    plain: pieces.join(''),
    spoofed: runs.map((run, i) => run + (pieces[i] ?? '')).join(''),
  })),
);

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

  it("keeps the writer's digits: Persian stay Persian, Latin stay Latin, Arabic-Indic are written as Persian", () => {
    expect(normalizePersianText('روستای ۱۲')).toBe('روستای ۱۲');
    expect(normalizePersianText('منطقه 19')).toBe('منطقه 19');
    expect(normalizePersianText('بلوک ٣')).toBe('بلوک ۳');
    expect(normalizePersianLines('پیشرفت ۹۲ درصد\nبلوک ٤')).toBe('پیشرفت ۹۲ درصد\nبلوک ۴');
  });

  it('strips bidi controls, marks and control characters: a county with U+202E is the plain county', () => {
    expect(normalizePersianText('زاهدان\u202e')).toBe('زاهدان');
    expect(normalizePersianText('\u2067زاه\u200fدان\u2069')).toBe('زاهدان');
    expect(normalizePersianText('\u061cزاهدان\u0000\u0007\u001b\u007f\u0085\u009b')).toBe('زاهدان');
    expect(normalizePersianText('زاهد\u00adان\ufe0f\u{e0041}')).toBe('زاهدان');
  });

  it('drops lone surrogates and keeps paired ones', () => {
    expect(normalizePersianText('خانه\ud800')).toBe('خانه');
    expect(normalizePersianText('\udc00خانه\udbff')).toBe('خانه');
    expect(normalizePersianText('خانه 😀')).toBe('خانه 😀');
  });

  it('leaves nothing of a name made only of invisible characters', () => {
    expect(normalizePersianText('\u202e\u200f\u2066\u200b\u0007 \u00a0')).toBe('');
  });

  it('keeps ZWNJ where Persian spells with it', () => {
    expect(normalizePersianText('می\u200cخواهم\u202e')).toBe('می\u200cخواهم');
    expect(normalizePersianText('می\u200e\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('property: inserting invisible characters anywhere in a name changes nothing', () => {
    fc.assert(
      fc.property(nameWithInvisibles, ({ plain, spoofed }) => {
        expect(normalizePersianText(spoofed)).toBe(normalizePersianText(plain));
        expect(normalizePersianLines(spoofed)).toBe(normalizePersianLines(plain));
      }),
      { numRuns: 2_000 },
    );
  });

  it('property: nothing invisible but ZWNJ survives, and no lone surrogate', () => {
    const survivor = /(?!\u200c)[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(normalizePersianText(text)).not.toMatch(survivor);
        expect(normalizePersianLines(text).replaceAll('\n', '')).not.toMatch(survivor);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is idempotent', () => {
    for (const s of ['تويسركان', 'می \u200c خواهم', ' هم\u200bـدان ۱ ', 'خانهٔ ما', 'خانۀ ما']) {
      expect(normalizePersianText(normalizePersianText(s))).toBe(normalizePersianText(s));
    }
  });
});

describe('normalizePersianLines', () => {
  it('keeps line breaks of a note, cleans each line as a name, at most one blank line in a row', () => {
    expect(normalizePersianLines(' خط اول\u202e\r\nخط\tدوم \n\n\n\nخط سوم\u0000 \n')).toBe('خط اول\nخط دوم\n\nخط سوم');
    expect(normalizePersianLines('يك\rدو\u2028سه')).toBe('یک\nدو\nسه');
  });

  it('leaves nothing of a note of only blank lines and invisibles', () => {
    expect(normalizePersianLines('\n \u202e\r\n\t\n')).toBe('');
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
    expect(parseLocalizedInteger('٦٢٬٠٠٠')).toBe('62000');
    expect(parseLocalizedInteger('1 000 000')).toBe('1000000');
    expect(parseLocalizedInteger('۱۲3')).toBe('123');
    expect(parseLocalizedInteger('  42 ')).toBe('42');
    expect(parseLocalizedInteger('0007')).toBe('7');
  });

  it('keeps every digit of numbers beyond 2^53', () => {
    expect(parseLocalizedInteger('123,456,789,012,345,678,901')).toBe('123456789012345678901');
  });

  it('rejects what is not a whole number', () => {
    for (const s of ['', ' ', '1.5', '12,34', '1,2345', 'abc', '1e6', '--1', '۱۲a', 'NaN', 'Infinity', '0x10', '4،482', '٦٢،٠٠٠']) {
      expect(parseLocalizedInteger(s), s).toBeUndefined();
    }
  });

  it('reads a leading minus sign', () => {
    expect(parseLocalizedInteger('-5')).toBe('-5');
    expect(parseLocalizedInteger('\u22125')).toBe('-5');
    expect(parseLocalizedInteger('-0')).toBe('0');
  });
});
