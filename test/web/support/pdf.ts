import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A PDF's text, with pdf.js (pure JavaScript), in reading order: Chromium lays Persian out right
 * to left and pdf.js hands each line back in visual order (left to right), so each line is turned
 * back — reversed, then its runs of digits and Latin letters reversed again — and the letters'
 * presentation forms folded (NFKC; «ۀ» comes back as U+06D5 and is the letter ه). Also the first
 * page's size in points.
 */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string; width: number; height: number }> {
  const loading = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const document = await loading.promise;
  const lines: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    lines.push(...text.split('\n').map(visualToLogical));
  }
  const [, , width, height] = (await document.getPage(1)).view;
  const pages = document.numPages;
  await loading.destroy();
  return { pages, text: lines.join('\n'), width: width!, height: height! };
}

/** A right-to-left line in visual order back to the order it is read in. */
export function visualToLogical(line: string): string {
  const folded = line.normalize('NFKC').replace(/\u06d5/g, 'ه');
  if (!/[\u0600-\u06ff]/.test(folded)) return folded;
  return [...folded]
    .reverse()
    .join('')
    .replace(/[0-9۰-۹A-Za-z٬٫.,/:]+/g, (run) => [...run].reverse().join(''));
}

/**
 * Whether `text` holds `phrase`'s letters together, in some order: Chromium writes a glyph that
 * joins two letters («ار») as one pair, which pdf.js returns in the order it was drawn, so the
 * letters of a printed Persian word can come back swapped pairwise. Both are compared by name key
 * (no spaces, one spelling); a window of the phrase's length must hold exactly its letters.
 */
export function containsLetters(text: string, phrase: string, key: (s: string) => string): boolean {
  const hay = [...key(text)];
  const needle = [...key(phrase)];
  if (needle.length === 0 || needle.length > hay.length) return false;
  const want = new Map<string, number>();
  for (const c of needle) want.set(c, (want.get(c) ?? 0) + 1);
  const have = new Map<string, number>();
  let differing = want.size;
  const bump = (c: string, by: number) => {
    const before = (have.get(c) ?? 0) === (want.get(c) ?? 0);
    have.set(c, (have.get(c) ?? 0) + by);
    const after = (have.get(c) ?? 0) === (want.get(c) ?? 0);
    if (before && !after) differing += 1;
    if (!before && after) differing -= 1;
  };
  // Letters not in the phrase count as differing while in the window.
  for (const c of new Set(hay)) if (!want.has(c)) want.set(c, 0);
  differing = [...want.values()].filter((n) => n !== 0).length;
  for (let i = 0; i < hay.length; i++) {
    bump(hay[i]!, 1);
    if (i >= needle.length) bump(hay[i - needle.length]!, -1);
    if (i >= needle.length - 1 && differing === 0) return true;
  }
  return false;
}
