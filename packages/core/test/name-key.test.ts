import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../src/text/name-key.ts';

describe('nameKey', () => {
  it('unifies Arabic yeh, alef maksura and kaf with the Persian letters', () => {
    expect(nameKey('تويسركان')).toBe('تویسرکان');
    expect(nameKey('موسى')).toBe('موسی');
    expect(nameKey('كبودرآهنگ')).toBe(nameKey('کبودرآهنگ'));
  });

  it('writes alef with hamza or madda, and alef wasla, as a bare alef', () => {
    expect(nameKey('أ')).toBe('ا');
    expect(nameKey('إ')).toBe('ا');
    expect(nameKey('آ')).toBe('ا');
    expect(nameKey('ٱ')).toBe('ا');
    expect(nameKey('آباده')).toBe('اباده');
    expect(nameKey('حاجی اباد')).toBe(nameKey('حاجی‌آباد'));
    // alef and a combining madda, as some keyboards send it, is the same letter
    expect(nameKey('ا\u0653باده')).toBe('اباده');
  });

  it('writes waw with hamza as waw, and yeh with hamza as yeh', () => {
    expect(nameKey('مؤمن')).toBe('مومن');
    expect(nameKey('قائم شهر')).toBe('قایمشهر');
    expect(nameKey('قائم‌شهر')).toBe(nameKey('قایم شهر'));
    expect(nameKey('بوئین زهرا')).toBe(nameKey('بویین زهرا'));
    expect(nameKey('ارزوئیه')).toBe(nameKey('ارزوییه'));
  });

  it('drops a lone hamza, hamza above and heh with yeh above', () => {
    expect(nameKey('ضیاءآباد')).toBe('ضیااباد');
    expect(nameKey('خانهٔ')).toBe('خانه');
    expect(nameKey('خانۀ')).toBe('خانه');
    expect(nameKey('ة')).toBe('ه');
  });

  it('removes spaces, ZWNJ, hyphens and dots inside a name', () => {
    const key = 'اسلامابادغرب';
    expect(nameKey('اسلام آبادغرب')).toBe(key);
    expect(nameKey('اسلام‌آباد غرب')).toBe(key);
    expect(nameKey('اسلام آباد غرب')).toBe(key);
    expect(nameKey('اسلام-آباد-غرب')).toBe(key);
    expect(nameKey('اسلام\u00a0آباد\u2013غرب')).toBe(key);
    expect(nameKey('  اسلام   آباد.غرب  ')).toBe(key);
  });

  it('drops diacritics and tatweel', () => {
    expect(nameKey('مَلایِر')).toBe('ملایر');
    expect(nameKey('مُحَمَّد')).toBe('محمد');
    expect(nameKey('همـــدان')).toBe('همدان');
  });

  it('drops bidi controls and other invisible characters', () => {
    expect(nameKey('\u202bملایر\u202c')).toBe('ملایر');
    expect(nameKey('ملا\u202eیر')).toBe('ملایر');
    expect(nameKey('\u2067ملایر\u2069\u200f')).toBe('ملایر');
    expect(nameKey('ملا\u200bیر\u200d\ufeff')).toBe('ملایر');
  });

  it('writes digits in ASCII and Latin letters in lower case', () => {
    expect(nameKey('منطقه ۱۲')).toBe('منطقه12');
    expect(nameKey('منطقه ١٢')).toBe('منطقه12');
    expect(nameKey('IR-13')).toBe('ir13');
  });

  it('keeps names that differ in letters apart', () => {
    expect(nameKey('ملایر')).not.toBe(nameKey('ملاير ر'));
    expect(nameKey('سوادکوه')).not.toBe(nameKey('سوادکوه شمالی'));
    expect(nameKey('کرمان')).not.toBe(nameKey('کرمانشاه'));
  });

  it('is empty for text with no letters', () => {
    expect(nameKey(' \u200c-\u202e. ')).toBe('');
  });

  it('is idempotent: a key is its own key', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ابپتجکگیيكىةۀآأإؤئءًٌـ۱٣a -.\u200c\u202e') }), (text) => {
        expect(nameKey(nameKey(text))).toBe(nameKey(text));
      }),
    );
  });
});

/**
 * Spellings of one name as real reports and typists write them: each pair must meet in one key
 * (counties, programmes, partners, search). Taken from provincial reports, county lists and
 * charity names.
 */
const SAME_NAME: [string, string][] = [
  ['کبودراهنگ', 'کبودرآهنگ'],
  ['كبودرآهنگ', 'کبودرآهنگ'],
  ['اسدآباد', 'اسد آباد'],
  ['اسدآباد', 'اسد‌آباد'],
  ['اسد آباد', 'اسد‌آباد'],
  ['محرومیت‌زدایی', 'محرومیت زدایی'],
  ['محرومیت‌زدایی', 'محروميتزدايي'],
  ['محرومیت زدایی', 'محروميتزدايي'],
  ['مؤمنانه', 'مومنانه'],
  ['کمک مؤمنانه', 'کمک‌مومنانه'],
  ['الأنبیاء', 'الانبیا'],
  ['خاتم‌الأنبیاء', 'خاتم الانبیاء'],
  ['قائم‌شهر', 'قایم شهر'],
  ['بوئین‌زهرا', 'بویین زهرا'],
  ['آئین', 'آیین'],
  ['فاطمة', 'فاطمه'],
  ['حوزة علمیه', 'حوزه علمیه'],
  ['مدرسة', 'مدرسه'],
  ['تويسركان', 'تویسرکان'],
  ['ملاير', 'ملایر'],
  ['نهاوند', 'نهـاوند'],
  ['همدان', 'همــــدان'],
  ['اسلام آبادغرب', 'اسلام‌آباد غرب'],
  ['اسلام آباد غرب', 'اسلام آبادغرب'],
  ['شاهین‌شهر', 'شاهین شهر'],
  ['شاهین شهر و میمه', 'شاهین‌شهر و میمه'],
  ['حاجی‌آباد', 'حاجی اباد'],
  ['علی‌آباد کتول', 'علی آباد کتول'],
  ['خرم‌آباد', 'خرم آباد'],
  ['خرم‌آباد', 'خرماباد'],
  ['نجف‌آباد', 'نجف آباد'],
  ['دولت‌آباد', 'دولت اباد'],
  ['بنیاد مسکن', 'بنياد مسكن'],
  ['بنیاد مسکن انقلاب اسلامی', 'بنیاد‌مسکن انقلاب‌اسلامی'],
  ['کمیته امداد امام خمینی', 'كميته امداد امام خميني'],
  ['کمیتهٔ امداد', 'کمیته امداد'],
  ['کمیتۀ امداد', 'کمیته امداد'],
  ['قرارگاه سازندگی', 'قرارگاه‌سازندگی'],
  ['آستان قدس رضوی', 'استان قدس رضوي'],
  ['سازمان نظام مهندسی', 'سازمان نظام‌مهندسی'],
  ['هلال احمر', 'هلال‌احمر'],
  ['جمعیت هلال‌احمر', 'جمعيت هلال احمر'],
  ['طرح ۴۰ هزار پروژه‌ای', 'طرح 40 هزار پروژه ای'],
  ['طرح ۴۰ هزار پروژه‌ای', 'طرح ٤٠ هزار پروژه‌اي'],
  ['منطقه ۱۹', 'منطقه 19'],
  ['پویش کمک مؤمنانه', 'پویش کمک مومنانه'],
  ['مرحلهٔ دوم', 'مرحله دوم'],
  ['جهیزیه‌ی نوعروسان', 'جهیزیه ی نوعروسان'],
  ['گلزار شهدا', 'گلزار شهداء'],
  ['غسالخانه', 'غسال‌خانه'],
  ['دارالقرآن', 'دار القرآن'],
  ['دارالقرآن', 'دارالقران'],
  ['مسؤول', 'مسوول'],
  ['مسئولیت', 'مسئوليت'],
  ['رئیس', 'رییس'],
  ['هیأت امنا', 'هيات امناء'],
  ['هیئت', 'هییت'],
  ['جزء', 'جز'],
  ['مؤسسه خیریه', 'موسسه خیریه'],
  ['مؤسسهٔ خیریه', 'موسسه‌ی خیریه'],
  ['سیستان وبلوچستان', 'سیستان و بلوچستان'],
  ['کهگیلویه و بویراحمد', 'کهگيلويه وبویر احمد'],
  ['چهارمحال و بختیاری', 'چهار محال و بختیاری'],
  ['آذربایجان شرقی', 'آذربايجان‌شرقي'],
  ['زاهدان', 'زاهدان\u202e'],
  ['زاهدان', '\u200fزاهدان'],
  ['مَلایِر', 'ملایر'],
  ['اِسلام‌شهر', 'اسلامشهر'],
  ['بندر-انزلی', 'بندرانزلی'],
  ['گناوه', 'گناوه\u200c'],
];

describe('nameKey on the spellings reports use', () => {
  it(`meets each of ${SAME_NAME.length} pairs of spellings in one key`, () => {
    expect(SAME_NAME.length).toBeGreaterThanOrEqual(60);
    const apart = SAME_NAME.filter(([a, b]) => nameKey(a) !== nameKey(b)).map(([a, b]) => `${a} ≠ ${b}: ${nameKey(a)} / ${nameKey(b)}`);
    expect(apart).toEqual([]);
  });

  it('keeps different names apart', () => {
    const different: [string, string][] = [
      ['همدان', 'همدانی'],
      ['اسدآباد', 'اسلام‌آباد'],
      ['ملایر', 'ملاير‌ر'],
      ['منطقه ۱۹', 'منطقه ۱۸'],
      ['خرم‌آباد', 'خرم‌دره'],
      ['کرج', 'کرچ'],
    ];
    for (const [a, b] of different) {
      expect(nameKey(a), `${a} / ${b}`).not.toBe(nameKey(b));
    }
  });
});
