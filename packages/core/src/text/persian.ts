/**
 * Persian text as it arrives from phones and pasted documents: Arabic ي/ك/ى/ة forms mixed
 * with Persian ی/ک, three digit sets, doubled or stray zero-width non-joiners, odd spaces,
 * invisible controls pasted along. Every name that is compared or used as a key goes through
 * `normalizePersianText` first.
 */

const ZWNJ = '\u200c';

const LETTER_MAP: Record<string, string> = {
  'ي': 'ی', // Arabic yeh
  'ى': 'ی', // Arabic alef maksura
  'ك': 'ک', // Arabic kaf
  'ۀ': 'هٔ', // heh with yeh above, written two ways
  'ة': 'ه', // teh marbuta
};

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/**
 * Characters with no meaning in stored text, which would make two names that look the same
 * differ: controls (C0 but tab and line breaks, DEL, C1), bidi embeddings, overrides, isolates
 * and marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), other format and default-ignorable
 * characters (zero-width space and joiner, soft hyphen, variation selectors, tags, fillers…),
 * noncharacters and lone surrogates (JSON can carry "\ud800"). ZWNJ stays: Persian spells with it.
 */
const INVISIBLE = /(?![\t\n\r\u200c])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Cs}]/gu;

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** Removes what cannot be seen; first of all, so nothing invisible can split or join what the later steps see. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * The canonical form of Persian text as it is stored and shown: one letter form, clean spaces
 * and ZWNJ, nothing invisible, the writer's digits (Persian or Latin; Arabic-Indic become
 * Persian). Names are compared by `nameKey` (name-key.ts), which goes further.
 */
export function normalizePersianText(text: string): string {
  return normalizeLine(stripInvisible(text).replace(LINE_BREAK, ' '));
}

/** Multi-line text (a report's note): every line as a name, line breaks kept, at most one blank line in a row. */
export function normalizePersianLines(text: string): string {
  return stripInvisible(text)
    .split(LINE_BREAK)
    .map(normalizeLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

function normalizeLine(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[يىكۀة]/g, (c) => LETTER_MAP[c]!)
      .replace(/[\u064b-\u0653\u0655-\u065f\u0670]/g, '') // harakat (diacritics) do not change a name
      .replace(/\u0640/g, '') // tatweel (kashida) is decoration
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, ' ')
      .replace(/ *\u200c[\u200c ]*/g, ZWNJ) // a ZWNJ absorbs neighbouring spaces and repeats
      .replace(/ {2,}/g, ' ')
      .replace(new RegExp(`^[ ${ZWNJ}]+|[ ${ZWNJ}]+$`, 'g'), '')
      .replace(new RegExp(`${ZWNJ}(?=[^\\u0600-\\u06ff])|(?<=[^\\u0600-\\u06ff])${ZWNJ}`, 'g'), '')
      // Digits stay as written (a title «منطقه ۱۹» keeps its Persian digits); Arabic-Indic ones are written as Persian, like ي as ی.
      .replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(0x06f0 + (d.charCodeAt(0) & 0xf)))
  );
}

/**
 * A whole number typed in any digit set, with thousands separators (`,` `٬` `'`, spaces
 * or underscores) and an optional leading minus (ASCII or Unicode). Returns the ASCII digit
 * string, or undefined when the text is not such a number. The Arabic comma «،» is not a
 * thousands separator but a list separator: «4،482» is two numbers, not one (see persian-numbers.ts).
 */
export function parseLocalizedInteger(text: string): string | undefined {
  const ascii = toAsciiDigits(text.normalize('NFKC'))
    .trim()
    .replace(/^[\u2212\u2012\u2013]/, '-');
  if (!/^-?\d{1,3}(?:[,\u066c' _\u00a0\u202f]?\d{3})*$|^-?\d+$/.test(ascii)) return undefined;
  const digits = ascii.replace(/[^\d-]/g, '');
  const negative = digits.startsWith('-');
  const unsigned = digits.replace('-', '').replace(/^0+(?=\d)/, '');
  return negative && unsigned !== '0' ? `-${unsigned}` : unsigned;
}
