/**
 * Stored text as a Persian reader sees it. The API keeps what was written («بلوک 12»); the
 * pages show Latin (and Arabic-Indic) digits as Persian ones («بلوک ۱۲»). Display only: what
 * a form sends back to the API is never passed through here.
 */
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** `بلوک 12` → «بلوک ۱۲»; Arabic-Indic `٣` → «۳» too. */
export function faDigits(text: string): string {
  return text.replace(/[0-9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    return PERSIAN_DIGITS[code >= 0x0660 ? code - 0x0660 : code - 48]!;
  });
}

/** Stored text for display (a title, a name, a programme, a note, a county); undefined stays undefined. */
export function faText(text: string): string;
export function faText(text: string | undefined): string | undefined;
export function faText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : faDigits(text);
}

/** Persian alphabetical order (پ، چ، ژ، گ in their places; «آ» with «ا»): the one collator of the pages. */
export const persianCollator = new Intl.Collator('fa');

export const comparePersian = (a: string, b: string): number => persianCollator.compare(a, b);

/** A copy of `items` in Persian alphabetical order of `name(item)`. */
export function sortPersian<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => persianCollator.compare(name(a), name(b)));
}
