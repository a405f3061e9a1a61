import {
  decodePDFRawStream,
  PDFArray,
  PDFDocument,
  type PDFPage,
  PDFRawStream,
  StandardFonts,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  printCopies,
  renderLetterPdf,
} from '../../../../functions/letters/pdf.js';
import { winAnsiSanitiser } from '../../../../functions/shared/pdf/text.js';
import {
  aHostileAcknowledgement,
  anAcknowledgement,
  aRepresentative,
  aResident,
  aStage1Response,
} from './fixtures.js';

/** The strings drawn on a page, in drawing order (pdf-lib writes hex `Tj`). */
function drawnText(page: PDFPage): string[] {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((ref) => page.doc.context.lookup(ref))
      : [contents];
  return streams.flatMap((stream) => {
    if (!(stream instanceof PDFRawStream)) return [];
    const source = Buffer.from(decodePDFRawStream(stream).decode()).toString(
      'latin1',
    );
    return [...source.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) =>
      Buffer.from(m[1] ?? '', 'hex').toString('latin1'),
    );
  });
}

async function load(bytes: Uint8Array) {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

const byPost = aResident({ preferredContact: 'post' });
const inLargePrint = aResident({
  preferredContact: 'post',
  formats: ['large-print'],
});

describe('renderLetterPdf', () => {
  it('makes a valid A4 PDF with the letter, the landlord, the recipient and page numbers', async () => {
    const letter = anAcknowledgement({ resident: byPost });

    const doc = await load(await renderLetterPdf(letter));

    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const [first] = doc.getPages();
    expect(first?.getSize().width).toBeCloseTo(595.28, 1);
    expect(first?.getSize().height).toBeCloseTo(841.89, 1);
    expect(doc.getTitle()).toBe(
      'Your complaint: we have logged it at Stage 1 (RH-2026-0042)',
    );
    expect(doc.getAuthor()).toBe('Riverside Homes');
    const text = doc.getPages().flatMap(drawnText);
    expect(text).toEqual(
      expect.arrayContaining([
        'Riverside Homes',
        '1 Quay Street',
        'Ms Aisha Khan',
        'Flat 4, 12 Canal Street',
        'LS1 4AB',
        'Monday 21 December 2026',
        'Our reference: RH-2026-0042',
        'Your complaint: we have logged it at Stage 1',
        'What your complaint is about',
        `RH-2026-0042 \u00b7 Page 1 of ${doc.getPageCount()}`,
      ]),
    );
  });

  it('sets large print bigger, so the same letter takes more pages', async () => {
    const standard = await load(
      await renderLetterPdf(aStage1Response({ resident: byPost })),
    );
    const large = await load(
      await renderLetterPdf(aStage1Response({ resident: inLargePrint })),
    );

    expect(large.getPageCount()).toBeGreaterThan(standard.getPageCount());
    expect(standard.getPageCount()).toBeGreaterThanOrEqual(2);
  });

  it('prints one copy per postal recipient, each with its own address block', async () => {
    const { email: _byPostOnly, ...representative } = aRepresentative();
    const letter = anAcknowledgement({ resident: byPost, representative });
    expect(printCopies(letter).map((to) => to.role)).toEqual([
      'representative',
      'resident',
    ]);

    const doc = await load(await renderLetterPdf(letter));
    const firstPages = doc
      .getPages()
      .map(drawnText)
      .filter((text) => text.includes('Our reference: RH-2026-0042'));

    expect(firstPages).toHaveLength(2);
    expect(firstPages[0]).toContain('Citizens Advice Leeds');
    expect(firstPages[1]).toContain('Flat 4, 12 Canal Street');
  });

  it('keeps hostile and non-Latin text from stopping the print', async () => {
    const resident = aResident({
      name: 'Pani Zażółć Gęślą Jaźń 🏠👍🏽',
      preferredContact: 'post',
      address: ['ul. Łódzka 5 ✨', '東京都', 'مرحبا', 'Leeds LS1 4AB'],
    });

    const bytes = await renderLetterPdf(aHostileAcknowledgement({ resident }));
    const text = (await load(bytes)).getPages().flatMap(drawnText);

    expect(text).toContain('Pani Zazólc Gesla Jazn ');
    expect(text).toContain('ul. Lódzka 5 ');
    expect(text).toContain('???');
  });
});

describe('winAnsiSanitiser', () => {
  let clean: (text: string) => string;
  beforeAll(async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    clean = winAnsiSanitiser(font.getCharacterSet());
  });

  it.each([
    [
      'Polish letters become plain ones',
      'Zażółć gęślą jaźń, Łódź',
      'Zazólc gesla jazn, Lódz',
    ],
    [
      'emoji go, joined and skin-toned ones too',
      'Boiler 🔥 👩🏽‍🔧 🇬🇧!',
      'Boiler   !',
    ],
    [
      'WinAnsi punctuation and £ € stay',
      '“Fix it” — £150 … €5 ’',
      '“Fix it” — £150 … €5 ’',
    ],
    [
      'other spaces and dashes become plain',
      'a\u202fb\u2011c\u2212d\te',
      'a b-c-d    e',
    ],
    [
      'ligatures and compatibility forms are spelt out',
      'ﬁle Ｈｅｌｌｏ',
      'file Hello',
    ],
    ['scripts the font lacks become ?', '東京 مرحبا', '?? ?????'],
    ['invisible characters go', 'a\u200bb\u00adc\ufeffd\u0007', 'abcd'],
    ['symbols WinAnsi has stay, emoji or not', '© ® ™ °', '© ® ™ °'],
  ])('%s', (_name, input, expected) => {
    expect(clean(input)).toBe(expected);
  });
});
