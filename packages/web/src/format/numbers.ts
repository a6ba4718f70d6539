import { parseLocalizedInteger, toAsciiDigits } from '@abad/core/text/persian';

/**
 * Numbers as a Persian reader reads them: Persian digits and separators from Intl (`fa-IR`),
 * compact units (هزار، میلیون، میلیارد) for big figures, exact amounts in words for echoes.
 * Toman has no ICU currency: the number is formatted and «تومان» written after it.
 */
const full = new Intl.NumberFormat('fa-IR');
const compactFormat = new Intl.NumberFormat('fa-IR', { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });

export type Numeric = number | bigint;

/** `4482` → «۴٬۴۸۲». */
export function faNumber(value: Numeric): string {
  return full.format(value);
}

/** `62000000000` → «۶۲ میلیارد»; small numbers stay exact. */
export function faCompact(value: Numeric): string {
  return abs(value) < 10_000 ? full.format(value) : compactFormat.format(value);
}

/** A count for a table cell: exact below a million (a newspaper prints «۴٬۴۸۲ کارگاه»), compact above. */
export function faCount(value: Numeric): string {
  return abs(value) < 1_000_000 ? full.format(value) : compactFormat.format(value);
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
 * 62 500 000 000 → «۶۲ میلیارد و ۵۰۰ میلیون»; 4 200 000 000 000 → «۴ هزار و ۲۰۰ میلیارد».
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
    // Past a thousand billion the count of billions is itself said in words.
    const said = unit === 1_000_000_000n && count >= 1_000n ? numberInWords(count) : full.format(count);
    parts.push(`${said} ${name}`);
  }
  if (rest > 0n) parts.push(full.format(rest));
  return parts.join(' و ');
}

/** «۶۲ میلیارد تومان». */
export function tomanInWords(value: bigint): string {
  return `${numberInWords(value)} تومان`;
}

/** What the user typed (any digit set, separators), as a whole number; undefined when it is not one. */
export function parseTyped(text: string): bigint | undefined {
  const digits = parseLocalizedInteger(text);
  return digits === undefined ? undefined : BigInt(digits);
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
