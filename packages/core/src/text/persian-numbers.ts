/**
 * Numbers as Iranian reports write them, read exactly: «۶۲ میلیارد», «۳٫۵ میلیارد»,
 * «۱ میلیارد و ۵۰۰ میلیون», «۴ هزار و ۴۸۲», «دویست و بیست», «صد هزار», «هزار میلیارد»,
 * and for amounts «۳۰ میلیارد تومان» or «۱۲ همت». Pure: no I/O, no floats — every step is
 * bigint arithmetic, so «۹٬۰۰۷٬۱۹۹٬۲۵۴٬۷۴۰٬۹۹۳ تومان» keeps its last digit.
 *
 * What is read:
 * - digits in any digit set (Persian, Arabic-Indic, ASCII) with the thousands separators of
 *   `parseLocalizedInteger` (٬ , ' _ and spaces); an optional leading minus only for plain digits
 *   (callers range-check, so «-5» is refused there with the range message);
 * - a decimal number (point ٫, . or the / Iranians write by hand) times a scale word: «۳٫۵ میلیارد»,
 *   «۲/۵ میلیون». The result must be whole: «۱٫۲۳۴۵ هزار» is `notWhole`;
 * - number words: صفر، یک…نه، ده…نوزده، بیست…نود، صد/یکصد، دویست…نهصد (پانصد/پونصد, هجده/هیجده,
 *   شیش), and نیم (a half: «یک و نیم میلیارد»), joined with «و» (which may be left out);
 * - scale words هزار، میلیون، میلیارد (also spelled ملیون، ملیارد) and their products: «هزار میلیارد»
 *   is 10^12, «صد هزار» 10^5. With `{ toman: true }` also همت (هزار میلیارد تومان, 10^12) and a
 *   trailing «تومان»/«تومن»;
 * - Arabic ي/ك, diacritics, tatweel, ZWNJ and spaces between or inside the words do not matter
 *   («دویست‌وبیست», «۶۲میلیارد»).
 *
 * Refused: a scale out of order («دو میلیون و سه میلیون», «۴ هزار و ۵۰۰۰»), words in the wrong
 * place («بیست بیست», «دو سه»), a stray «و», any other word. The Arabic comma «،» between digits
 * is `listComma`: it separates the items of a list, never thousands («4،482» is not 4482).
 */
import { stripInvisible, toAsciiDigits, parseLocalizedInteger } from './persian.ts';

/** Why a text is not a number: not one at all, «،» used as a thousands separator, or not whole. */
export type PersianNumberError = 'notANumber' | 'listComma' | 'notWhole';

export type PersianNumberResult = { ok: true; value: bigint } | { ok: false; error: PersianNumberError };

export interface PersianNumberOptions {
  /** An amount of toman: allows «همت» (10^12) and a trailing «تومان»/«تومن». */
  toman?: boolean;
}

/** Number words below a thousand and their values. */
const UNITS: Record<string, number> = {
  صفر: 0,
  یک: 1,
  دو: 2,
  سه: 3,
  چهار: 4,
  پنج: 5,
  شش: 6,
  شیش: 6,
  هفت: 7,
  هشت: 8,
  نه: 9,
  ده: 10,
  یازده: 11,
  دوازده: 12,
  سیزده: 13,
  چهارده: 14,
  پانزده: 15,
  پونزده: 15,
  شانزده: 16,
  شونزده: 16,
  هفده: 17,
  هجده: 18,
  هیجده: 18,
  نوزده: 19,
  بیست: 20,
  سی: 30,
  چهل: 40,
  پنجاه: 50,
  شصت: 60,
  هفتاد: 70,
  هشتاد: 80,
  نود: 90,
  صد: 100,
  یکصد: 100,
  دویست: 200,
  سیصد: 300,
  چهارصد: 400,
  پانصد: 500,
  پونصد: 500,
  ششصد: 600,
  شیشصد: 600,
  هفتصد: 700,
  هشتصد: 800,
  نهصد: 900,
};

/** Scale words: each multiplies what comes before it (and what smaller scales already built). */
const SCALES: Record<string, bigint> = {
  هزار: 10n ** 3n,
  میلیون: 10n ** 6n,
  ملیون: 10n ** 6n,
  میلیارد: 10n ** 9n,
  ملیارد: 10n ** 9n,
};

/** همت: «هزار میلیارد تومان», the unit of national budgets; amounts only. */
const TOMAN_SCALES: Record<string, bigint> = { ...SCALES, همت: 10n ** 12n };

const AND = 'و';
const HALF = 'نیم';
const CURRENCY = new Set(['تومان', 'تومن']);

const LEXICON = new Set([...Object.keys(UNITS), ...Object.keys(TOMAN_SCALES), AND, HALF, ...CURRENCY]);
const LONGEST_WORD = Math.max(...[...LEXICON].map((w) => w.length));

type Token = { kind: 'digits'; units: bigint; decimals: number } | { kind: 'word'; word: string };

/**
 * Reads `text` as a whole number. Never throws; the result says the value or why there is none.
 * The value may be negative only for plain digits («-5»); callers check the range.
 */
export function parsePersianNumber(text: string, options: PersianNumberOptions = {}): PersianNumberResult {
  const plain = parseLocalizedInteger(text);
  if (plain !== undefined) return { ok: true, value: BigInt(plain) };

  const normalized = normalize(text);
  if (/\d\s*\u060c\s*\d/.test(normalized)) return { ok: false, error: 'listComma' };
  // «۲۵۰۰۰۰۰ تومن», «2 500 000 تومان»: plain digits once the unit is gone.
  const bare = options.toman ? normalized.replace(/ ?(?:تومان|تومن)$/, '') : normalized;
  const digits = bare === normalized ? undefined : parseLocalizedInteger(bare);
  if (digits !== undefined) return { ok: true, value: BigInt(digits) };

  let tokens = tokenize(normalized);
  if (!tokens) return { ok: false, error: 'notANumber' };
  // A trailing «تومان» names the unit of an amount; it adds nothing.
  const last = tokens.at(-1);
  if (options.toman && last?.kind === 'word' && CURRENCY.has(last.word)) tokens = tokens.slice(0, -1);
  if (tokens.length === 0) return { ok: false, error: 'notANumber' };

  return evaluate(tokens, options.toman ? TOMAN_SCALES : SCALES);
}

/** One spelling: Persian letters, ASCII digits, single spaces for spaces and ZWNJ, no marks. */
function normalize(text: string): string {
  return toAsciiDigits(stripInvisible(text.normalize('NFKC')))
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // harakat and tatweel
    .replace(/[\s\u200c\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

/** Digits: grouped by thousands (٬ , ' _) or not, then an optional decimal part (٫ . /). */
const NUMBER = /(?:\d{1,3}(?:[,\u066c'_]\d{3})+|\d+)(?:[.\u066b/](\d+))?(?![\d,\u066c'_.\u066b/])/y;
const LETTERS = /[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]+/y;
const SPACE = / +/y;

/** Splits the text into numbers and known words; undefined when anything else is in it. */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    for (const pattern of [SPACE, NUMBER, LETTERS]) pattern.lastIndex = at;
    if (SPACE.exec(text)) {
      at = SPACE.lastIndex;
      continue;
    }
    const number = NUMBER.exec(text);
    if (number) {
      const [whole, fraction = ''] = number[0].split(/[.\u066b/]/) as [string, string?];
      tokens.push({ kind: 'digits', units: BigInt(whole.replace(/\D/g, '') + fraction), decimals: fraction.length });
      at = NUMBER.lastIndex;
      continue;
    }
    const letters = LETTERS.exec(text);
    if (!letters) return undefined;
    const words = segment(letters[0]);
    if (!words) return undefined;
    for (const word of words) tokens.push({ kind: 'word', word });
    at = LETTERS.lastIndex;
  }
  return tokens;
}

/**
 * A run of letters as known words, fewest words first: «دویست» stays one word, «صدهزار» and
 * «هزاروپانصد» (written without spaces) come apart. Undefined when no split uses only known words.
 */
function segment(run: string): string[] | undefined {
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= run.length; end++) {
    for (let start = Math.max(0, end - LONGEST_WORD); start < end; start++) {
      const before = best[start];
      const word = run.slice(start, end);
      if (before && LEXICON.has(word) && (!best[end] || before.length + 1 < best[end]!.length)) best[end] = [...before, word];
    }
  }
  return best[run.length];
}

/** A finished term of the sum: `value` (scaled by 10^decimals) built with the scale word `scale`. */
interface Term {
  value: bigint;
  scale: bigint;
}

/**
 * Sums the tokens. Every value is kept multiplied by 10^decimals (the most decimals any number
 * has, one for «نیم»), so «۳٫۵ میلیارد» is 35 × 10^9 / 10 exactly, and the end checks the result
 * is whole.
 *
 * Within a group below a thousand, each word must be smaller than the place of the last
 * («دویست و بیست و دو», not «بیست و دویست»). A scale word takes as its coefficient the group
 * before it plus every finished term of a smaller scale («هزار میلیارد», «صد و بیست هزار
 * میلیارد»); the terms must then come in falling scale, each smaller than the scale before.
 */
function evaluate(tokens: Token[], scales: Record<string, bigint>): PersianNumberResult {
  const decimals = Math.max(...tokens.map((t) => (t.kind === 'digits' ? t.decimals : t.word === HALF ? 1 : 0)));
  const one = 10n ** BigInt(decimals);
  const fail: PersianNumberResult = { ok: false, error: 'notANumber' };

  const terms: Term[] = [];
  let group = 0n; // the words since the last scale, scaled by `one`
  let place = Number.POSITIVE_INFINITY; // the next word must be smaller than this
  let empty = true; // nothing read since the last scale
  let previous: 'start' | 'and' | 'number' | 'scale' = 'start';

  for (const token of tokens) {
    if (token.kind === 'word' && token.word === AND) {
      if (previous !== 'number' && previous !== 'scale') return fail;
      previous = 'and';
      continue;
    }
    if (token.kind === 'digits') {
      if (!empty) return fail;
      group = token.units * 10n ** BigInt(decimals - token.decimals);
      place = token.decimals > 0 ? 0 : 1;
    } else if (token.word in UNITS) {
      const value = UNITS[token.word]!;
      if (value === 0 ? !(empty && tokens.length === 1) : value >= place) return fail;
      group += BigInt(value) * one;
      place = value >= 100 ? 100 : value >= 20 ? 10 : 1;
    } else if (token.word === HALF) {
      if (place < 1) return fail;
      group += one / 2n;
      place = 0;
    } else if (token.word in scales) {
      if (previous === 'and') return fail;
      const scale = scales[token.word]!;
      let coefficient = group;
      while (terms.length > 0 && terms.at(-1)!.scale < scale) coefficient += terms.pop()!.value;
      if (coefficient === 0n) {
        if (!empty || previous === 'scale') return fail; // «صفر هزار», «میلیون هزار»
        coefficient = one; // «هزار» alone is a thousand
      }
      const value = coefficient * scale;
      const above = terms.at(-1);
      if (above && (above.scale <= scale || value >= above.scale * one)) return fail;
      terms.push({ value, scale });
      group = 0n;
      place = Number.POSITIVE_INFINITY;
      empty = true;
      previous = 'scale';
      continue;
    } else {
      return fail; // «تومان» in the middle
    }
    empty = false;
    previous = 'number';
  }
  if (previous === 'and' || previous === 'start') return fail;

  const smallest = terms.at(-1);
  if (smallest && group >= smallest.scale * one) return fail; // «۴ هزار و ۵۰۰۰»
  const total = terms.reduce((sum, term) => sum + term.value, group);
  if (total % one !== 0n) return { ok: false, error: 'notWhole' };
  return { ok: true, value: total / one };
}
