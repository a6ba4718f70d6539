import { normalizePersianText, toAsciiDigits } from './persian.ts';

/**
 * The one key under which a Persian name (county, programme, partner) is matched: two
 * spellings a reader takes for the same name give the same key. On top of
 * `normalizePersianText` (ی/ک, invisible characters, diacritics, tatweel) it writes every digit
 * as ASCII, writes the ezafe after heh one way («کمیتهٔ»، «کمیته‌ی» → «کمیته»), unifies
 * hamza and madda forms (أ إ آ ٱ → ا, ؤ → و, ئ → ی, a lone ء dropped), heh with hamza (هٔ → ه)
 * and drops every space, ZWNJ, hyphen and dot inside the name: «اسلام‌آباد غرب»,
 * «اسلام آبادغرب» and «اسلام آباد غرب» share one key. A key is for comparing, never for showing.
 */
export function nameKey(text: string): string {
  return (
    toAsciiDigits(normalizePersianText(text))
      // The ezafe after heh, written «هٔ», «ه‌ی» or «ه ی»: one spelling (کمیتهٔ امداد, کمیته‌ی امداد).
      .replace(/ه(?:\u0654|[\u200c ]ی)(?=[\s\u200c]|$)/g, 'ه')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ؤ/g, 'و')
      .replace(/ئ/g, 'ی')
      .replace(/\u0654/g, '') // hamza above (هٔ, یٔ): the letter under it stays
      .replace(/ء/g, '')
      .replace(/[\s\u200c\-\u2010-\u2015\u00ad.·_#|:]/g, '') // `#`, `|` and `:` too: keys and counter names join their parts with them
      .toLowerCase()
  );
}
