import { parsePersianNumber } from '@abad/core/text/persian-numbers';
import { toAsciiDigits } from '@abad/core/text/persian';

/**
 * Numbers as a Persian reader reads them: Persian digits and separators from Intl (`fa-IR`),
 * compact units (هزار، میلیون، میلیارد) for big figures, exact amounts in words for echoes.
 * Big money is said the way Iranian papers say it: «۱٬۲۷۴ میلیارد تومان», and from ten thousand
 * billion on «۱۲٫۳ همت» (هزار میلیارد تومان); never «تریلیون», which is what ICU's compact
 * notation says for `fa` and why the compact figures are made here, not by Intl.
 * Toman has no ICU currency: the number is formatted and «تومان» written after it.
 */
const full = new Intl.NumberFormat('fa-IR');
const oneDecimal = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });

export type Numeric = number | bigint;

/** Keeps a number and its unit on one line. */
const NBSP = '\u00a0';

/** `4482` → «۴٬۴۸۲». */
export function faNumber(value: Numeric): string {
  return full.format(value);
}

const SCALES: readonly [number, string][] = [
  [1e9, 'میلیارد'],
  [1e6, 'میلیون'],
  [1e3, 'هزار'],
];

/** «همت»: هزار میلیارد تومان, used from ten thousand billion toman on (below it «۹٬۹۹۹ میلیارد» reads better). */
export const HEMAT = 'همت';
const HEMAT_FROM = 10_000_000_000_000n;

/** A big figure as its number and scale word: `1274500000000` → { number: «۱٬۲۷۴٫۵», scale: «میلیارد» }. */
export function compactParts(value: Numeric, money = false): { number: string; scale: string } {
  const big = typeof value === 'bigint' ? value : BigInt(Math.round(value));
  const size = big < 0n ? -big : big;
  if (size < 10_000n) return { number: full.format(value), scale: '' };
  if (money && size >= HEMAT_FROM) return { number: oneDecimal.format(Number(big) / 1e12), scale: HEMAT };
  for (let i = 0; i < SCALES.length; i++) {
    const [unit, scale] = SCALES[i]!;
    if (Number(size) < unit) continue;
    const scaled = Number(big) / unit;
    // «۱٬۰۰۰ هزار» is «۱ میلیون»: a rounding that reaches the next scale moves up to it.
    if (i > 0 && Math.round(Math.abs(scaled) * 10) >= 10_000) {
      const [upUnit, upScale] = SCALES[i - 1]!;
      return { number: oneDecimal.format(Number(big) / upUnit), scale: upScale };
    }
    return { number: oneDecimal.format(scaled), scale };
  }
  return { number: full.format(value), scale: '' };
}

/** `62000000000` → «۶۲ میلیارد», `1274000000000` → «۱٬۲۷۴ میلیارد»; small numbers stay exact. */
export function faCompact(value: Numeric): string {
  const { number, scale } = compactParts(value);
  return scale ? `${number}${NBSP}${scale}` : number;
}

/** A money figure where the reader already knows it is toman (a table whose caption says so): «۶۲ میلیارد», «۱۲٫۳ همت». */
export function faCompactMoney(value: Numeric): string {
  const { number, scale } = compactParts(value, true);
  return scale ? `${number}${NBSP}${scale}` : number;
}

/** The unit a compact money figure is read in: «میلیارد تومان», «همت» or «تومان». */
export function tomanUnit(scale: string): string {
  return scale === HEMAT ? HEMAT : scale ? `${scale} تومان` : 'تومان';
}

/** `62000000000` → «۶۲ میلیارد تومان»; `12300000000000` → «۱۲٫۳ همت». */
export function faToman(value: Numeric): string {
  const { number, scale } = compactParts(value, true);
  return `${number}${NBSP}${tomanUnit(scale)}`;
}

/** A count for a table cell: exact below a million (a newspaper prints «۴٬۴۸۲ کارگاه»), compact above. */
export function faCount(value: Numeric): string {
  return abs(value) < 1_000_000 ? full.format(value) : faCompact(value);
}

/** `80.5` → «۸۰٫۵٪». */
export function faPercent(value: number): string {
  return `${oneDecimal.format(value)}٪`;
}

/** A money figure from the API (a decimal string) as bigint. */
export function toman(value: string | number | bigint): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

const UNITS: readonly [bigint, string][] = [
  [1_000_000_000n, 'میلیارد'],
  [1_000_000n, 'میلیون'],
  [1_000n, 'هزار'],
];

/**
 * An exact amount in words with Persian digits, the way Iranian papers write it:
 * 62 500 000 000 → «۶۲ میلیارد و ۵۰۰ میلیون»; 4 200 000 000 000 → «۴٬۲۰۰ میلیارد».
 */
export function numberInWords(value: bigint): string {
  if (value < 0n) return `منفی ${numberInWords(-value)}`;
  if (value === 0n) return full.format(0);
  const parts: string[] = [];
  let rest = value;
  for (const [unit, name] of UNITS) {
    const count = rest / unit;
    rest %= unit;
    if (count === 0n) continue;
    // Past a thousand billion the billions are counted on, as papers write it: «۱٬۲۷۴ میلیارد».
    parts.push(`${full.format(count)} ${name}`);
  }
  if (rest > 0n) parts.push(full.format(rest));
  return parts.join(' و ');
}

/** «۶۲ میلیارد تومان». */
export function tomanInWords(value: bigint): string {
  return `${numberInWords(value)} تومان`;
}

/**
 * What the user typed, as the API reads it (core's parser: any digit set, separators, words and
 * scales such as «۶۲ میلیارد», and for amounts همت and تومان); undefined when it is not a whole number.
 */
export function parseTyped(text: string, options: { toman?: boolean } = {}): bigint | undefined {
  const parsed = parsePersianNumber(text, options);
  return parsed.ok ? parsed.value : undefined;
}

/** A typed percentage (any digits, `٫` or `.`, optional `٪`) for the echo; the schema decides what is valid. */
export function parseTypedPercent(text: string): number | undefined {
  const ascii = toAsciiDigits(text).trim().replace('٫', '.').replace(/[%٪]$/, '');
  return /^\d{1,3}(\.\d+)?$/.test(ascii) ? Number(ascii) : undefined;
}

function abs(value: Numeric): number {
  const n = Number(value);
  return n < 0 ? -n : n;
}
