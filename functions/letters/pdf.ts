/**
 * The printed letter: an A4 PDF for residents who get letters by post or
 * in large print (Code 5.10 (C), reasonable adjustments). One copy per
 * postal recipient, each starting on a new page with its own address block
 * placed for a window envelope; the same words as the email, from the same
 * blocks. Standard Helvetica only (no font files to bundle), so every
 * string is first brought into the WinAnsi character set those fonts have.
 */
import { formatLetterDate, type Letter, type Recipient } from '@hearth/domain';
import {
  PDFDocument,
  type PDFFont,
  type PDFPage,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import { winAnsiSanitiser, wrap } from '../shared/pdf/text.js';
import { bodyBlocks, type LetterBlock, paragraphParts } from './layout.js';

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const MARGIN = { left: 25 * MM, right: 20 * MM, top: 18 * MM, bottom: 22 * MM };
/** Where the recipient's address starts, for a DL window envelope. */
const ADDRESS_TOP = 50 * MM;
const INK = rgb(0.1, 0.1, 0.1);

interface Sizes {
  readonly body: number;
  readonly heading: number;
  readonly title: number;
  readonly footer: number;
}

/** 12 pt body normally; 16 pt and up for large print (RNIB guidance). */
export const PRINT_SIZES: Readonly<Record<'standard' | 'large', Sizes>> = {
  standard: { body: 12, heading: 14, title: 16, footer: 9 },
  large: { body: 16, heading: 19, title: 22, footer: 14 },
};

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** Lays lines down the page, turning pages as needed. */
class Typesetter {
  readonly pages: PDFPage[] = [];
  #page: PDFPage | undefined;
  #y = 0;

  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  readonly sizes: Sizes;
  readonly clean: (text: string) => string;

  constructor(
    doc: PDFDocument,
    fonts: Fonts,
    sizes: Sizes,
    clean: (text: string) => string,
  ) {
    this.doc = doc;
    this.fonts = fonts;
    this.sizes = sizes;
    this.clean = clean;
  }

  get width(): number {
    return A4[0] - MARGIN.left - MARGIN.right;
  }

  get lineHeight(): number {
    return this.sizes.body * 1.45;
  }

  newPage(): void {
    this.#page = this.doc.addPage(A4);
    this.pages.push(this.#page);
    this.#y = A4[1] - MARGIN.top;
  }

  /** Where the next line goes, in points up from the page's bottom edge. */
  get y(): number {
    return this.#y;
  }

  set y(value: number) {
    this.#y = value;
  }

  space(points: number): void {
    this.#y -= points;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keep(height: number): void {
    if (this.#page === undefined || this.#y - height < MARGIN.bottom) {
      this.newPage();
    }
  }

  /** One line of text, left at `indent` or right-aligned. */
  line(
    text: string,
    options: {
      font?: PDFFont;
      size?: number;
      indent?: number;
      align?: 'left' | 'right';
    } = {},
  ): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? this.sizes.body;
    const height = size * 1.45;
    this.keep(height);
    this.#y -= height;
    const clean = this.clean(text);
    const x =
      options.align === 'right'
        ? Math.max(
            MARGIN.left,
            A4[0] - MARGIN.right - font.widthOfTextAtSize(clean, size),
          )
        : MARGIN.left + (options.indent ?? 0);
    this.#page?.drawText(clean, {
      x,
      y: this.#y + size * 0.3,
      size,
      font,
      color: INK,
    });
  }

  /** Text wrapped to the column, the first line and the rest indented. */
  wrapped(
    text: string,
    options: { font?: PDFFont; size?: number; first?: number; rest?: number },
  ): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? this.sizes.body;
    const first = options.first ?? 0;
    const rest = options.rest ?? first;
    const lines = wrap(
      this.clean(text),
      font,
      size,
      (index) => this.width - (index === 0 ? first : rest),
    );
    lines.forEach((line, index) => {
      this.line(line, { font, size, indent: index === 0 ? first : rest });
    });
  }
}

/**
 * The landlord's address top right, the recipient's on the left where a
 * window envelope shows it, beside the landlord's if they fit side by side
 * (standard print), else below it (large print, long lines).
 */
function header(letter: Letter, to: Recipient, set: Typesetter): void {
  const { from } = letter;
  const { fonts, sizes } = set;
  const landlord = [
    { text: from.organisation, font: fonts.bold },
    ...[
      ...from.address,
      `Phone: ${from.phone}`,
      `Email: ${from.email}`,
      ...(from.website === undefined ? [] : [`Website: ${from.website}`]),
    ].map((text) => ({ text, font: fonts.regular })),
  ];
  const recipient = (
    to.delivery === 'post' || to.email === undefined
      ? [to.name, ...(to.address ?? [])]
      : [to.name, `By email: ${to.email}`]
  ).filter((line) => line.trim() !== '');
  const widest = (lines: readonly { text: string; font: PDFFont }[]) =>
    Math.max(
      0,
      ...lines.map(({ text, font }) =>
        font.widthOfTextAtSize(set.clean(text), sizes.body),
      ),
    );
  const sideBySide =
    MARGIN.left +
      widest(recipient.map((text) => ({ text, font: fonts.regular }))) +
      8 * MM <=
    A4[0] - MARGIN.right - widest(landlord);

  for (const { text, font } of landlord) {
    set.line(text, { font, align: 'right' });
  }
  const belowLandlord = set.y;
  if (sideBySide) set.y = A4[1] - ADDRESS_TOP;
  else set.space(set.lineHeight);
  for (const text of recipient) set.line(text);
  set.y = Math.min(set.y, belowLandlord);
}

function body(blocks: readonly LetterBlock[], set: Typesetter): void {
  const { sizes, fonts } = set;
  for (const block of blocks) {
    if (block.kind !== 'paragraph') {
      const size = block.kind === 'title' ? sizes.title : sizes.heading;
      set.space(sizes.body * 0.6);
      // A heading never ends a page: keep it with two lines of what follows.
      set.keep(size * 1.45 + set.lineHeight * 2);
      set.wrapped(block.text, { font: fonts.bold, size });
      continue;
    }
    for (const part of paragraphParts(block.lines)) {
      if (part.kind === 'lines') {
        for (const text of part.lines) set.wrapped(text, {});
      } else {
        for (const item of part.items) {
          const hang = fonts.regular.widthOfTextAtSize('00. ', sizes.body);
          const [head = '', ...more] = item.lines;
          set.wrapped(`${item.marker} ${head}`, { first: 0, rest: hang });
          for (const text of more) set.wrapped(text, { first: hang });
        }
      }
    }
    set.space(sizes.body * 0.6);
  }
}

/** Who the printed copies are for: each postal recipient, else the addressee. */
export function printCopies(letter: Letter): Recipient[] {
  const post = letter.recipients.filter((to) => to.delivery === 'post');
  if (post.length > 0) return post;
  const [addressee] = letter.recipients;
  return addressee === undefined ? [] : [addressee];
}

/**
 * Renders the printed letter: per copy, the landlord's address (top right),
 * the recipient's address (window position), the date, then the letter
 * with its headings, wrapped to the column and paged, with the reference
 * and "page n of m" at the foot of every page.
 *
 * @example
 * const bytes = await renderLetterPdf(letter);
 * (await PDFDocument.load(bytes)).getPageCount(); // 2
 */
export async function renderLetterPdf(letter: Letter): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const sizes = letter.format.largePrint
    ? PRINT_SIZES.large
    : PRINT_SIZES.standard;
  const clean = winAnsiSanitiser(fonts.regular.getCharacterSet());
  const blocks = bodyBlocks(letter);
  for (const to of printCopies(letter)) {
    const set = new Typesetter(doc, fonts, sizes, clean);
    set.newPage();
    header(letter, to, set);
    set.space(set.lineHeight);
    set.line(formatLetterDate(letter.date));
    set.space(sizes.body * 0.6);
    body(blocks, set);
    footers(letter, set);
  }
  const title = `${letter.subject} (${letter.reference})`;
  const date = new Date(`${letter.date}T12:00:00Z`);
  // Metadata is UTF-16 text, not drawn with the font: no cleaning needed.
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(letter.from.organisation);
  doc.setSubject(title);
  doc.setLanguage('en-GB');
  doc.setCreator('Hearth');
  doc.setProducer('Hearth (pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save();
}

function footers(letter: Letter, set: Typesetter): void {
  const size = set.sizes.footer;
  const total = set.pages.length;
  set.pages.forEach((page, index) => {
    const text = set.clean(
      `${letter.reference} \u00b7 Page ${index + 1} of ${total}`,
    );
    const width = set.fonts.regular.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: A4[0] - MARGIN.right - width,
      y: MARGIN.bottom - size * 2,
      size,
      font: set.fonts.regular,
      color: INK,
    });
  });
}
