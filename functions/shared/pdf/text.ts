/**
 * Text on a PDF page as every Hearth PDF sets it (the letters, the
 * console's printable documents): the standard Helvetica fonts only (no
 * font files to bundle), so every string is first brought into the
 * WinAnsi character set those fonts have, then wrapped to the column.
 */
import type { PDFFont } from 'pdf-lib';

// Letters the standard fonts lack, with no decomposition to fall back on.
const LOOKALIKES: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  ŧ: 't',
  Ŧ: 'T',
  ŋ: 'n',
  Ŋ: 'N',
  ĸ: 'k',
  ə: 'e',
  Ə: 'E',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '\u2014',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2039': '<',
  '\u203a': '>',
  '\u2044': '/',
  '\t': '    ',
};

/** Invisible or decorative: emoji, their joiners and modifiers, marks. */
const DROP =
  /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\p{M}|\p{Cf}|\p{Cc})$/u;

/**
 * A function that brings text into a font's character set: characters it
 * has stay; letters it lacks become their nearest plain letter (ł → l,
 * ą → a); emoji and invisible characters go; anything else becomes `?`.
 * It never throws, so a resident's words can never stop a letter printing.
 *
 * @example
 * const clean = winAnsiSanitiser(font.getCharacterSet());
 * clean('Łódź 🏠'); // 'Lódz ' (ó is in WinAnsi)
 */
export function winAnsiSanitiser(
  characterSet: Iterable<number>,
): (text: string) => string {
  const has = new Set(characterSet);
  const encodable = (text: string) =>
    [...text].every((char) => has.has(char.codePointAt(0) ?? -1));
  const one = (char: string): string => {
    const lookalike = LOOKALIKES[char];
    if (lookalike !== undefined) return lookalike;
    // Soft hyphens, zero-width spaces and joiners, byte-order marks.
    if (/^\p{Cf}$/u.test(char)) return '';
    if (has.has(char.codePointAt(0) ?? -1)) return char;
    // Line breaks and tabs are spaces to a line already broken for the page.
    if (/^\s$/u.test(char)) return ' ';
    if (DROP.test(char)) return '';
    const plain = char.normalize('NFKD').replace(/\p{M}/gu, '');
    return plain !== '' && encodable(plain) ? plain : '?';
  };
  return (text) => Array.from(text, one).join('');
}

/** Greedy word wrap; a word wider than the line is broken by characters. */
export function wrap(
  text: string,
  font: PDFFont,
  size: number,
  width: number | ((line: number) => number),
): string[] {
  const widthOf = typeof width === 'number' ? () => width : width;
  const fits = (candidate: string, index: number) =>
    font.widthOfTextAtSize(candidate, size) <= widthOf(index);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate, lines.length)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
    for (const char of word) {
      if (current !== '' && !fits(current + char, lines.length)) {
        lines.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}
