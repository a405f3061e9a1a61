/**
 * A printable document as an A4 PDF, the one typesetter for Hearth's
 * documents (the console's self-assessment and annual report, the subject
 * access export), laid out as the printed letters are
 * (functions/letters/pdf.ts): pdf-lib, the standard Helvetica fonts (no
 * font files to bundle), text brought into their WinAnsi character set
 * first, words wrapped to the column, pages turned as needed, and the
 * document's name with "page n of m" at every foot. Unlike a letter it
 * has tables, whose rows may run across pages.
 */
import {
  PDFDocument,
  type PDFFont,
  type PDFPage,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import { winAnsiSanitiser, wrap } from './text.js';

/** One piece of a printable document, in reading order. */
export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly header: readonly string[];
      /** Each column's share of the width, summing to 1. */
      readonly widths: readonly number[];
      readonly rows: readonly (readonly string[])[];
    };

export interface PrintableDocument {
  readonly title: string;
  /** The landlord, as the document's author. */
  readonly author: string;
  /** A short name for page footers and the file name. */
  readonly short: string;
  readonly blocks: readonly Block[];
}

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const MARGIN = { left: 20 * MM, right: 20 * MM, top: 18 * MM, bottom: 22 * MM };
const WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const INK = rgb(0.04, 0.05, 0.05);
const RULE = rgb(0.69, 0.71, 0.72);
const SIZE = { title: 18, heading: 14, subheading: 11.5, body: 10, footer: 8 };
const LEADING = 1.4;
const CELL_PAD = 4;

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

/** Lays lines down the page, turning pages as needed. */
class Pages {
  readonly pages: PDFPage[] = [];
  #page: PDFPage | undefined;
  #y = 0;
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  readonly clean: (text: string) => string;

  constructor(doc: PDFDocument, fonts: Fonts) {
    this.doc = doc;
    this.fonts = fonts;
    this.clean = winAnsiSanitiser(fonts.regular.getCharacterSet());
  }

  /** Starts a new page unless `height` more points fit on this one; true if it did. */
  keep(height: number): boolean {
    if (this.#page !== undefined && this.#y - height >= MARGIN.bottom) {
      return false;
    }
    this.#page = this.doc.addPage(A4);
    this.pages.push(this.#page);
    this.#y = A4[1] - MARGIN.top;
    return true;
  }

  space(points: number): void {
    this.#y -= points;
  }

  /** One already-wrapped line at `x` from the left margin. */
  line(text: string, font: PDFFont, size: number, x = 0): void {
    this.keep(size * LEADING);
    this.#y -= size * LEADING;
    this.#page?.drawText(text, {
      x: MARGIN.left + x,
      y: this.#y + size * 0.3,
      size,
      font,
      color: INK,
    });
  }

  /** Several columns' lines side by side, as one line of a table row. */
  columns(
    cells: readonly { text: string; x: number }[],
    font: PDFFont,
    size: number,
  ): void {
    this.#y -= size * LEADING;
    for (const cell of cells) {
      if (cell.text === '') continue;
      this.#page?.drawText(cell.text, {
        x: MARGIN.left + cell.x,
        y: this.#y + size * 0.3,
        size,
        font,
        color: INK,
      });
    }
  }

  rule(): void {
    this.#page?.drawLine({
      start: { x: MARGIN.left, y: this.#y - 2 },
      end: { x: A4[0] - MARGIN.right, y: this.#y - 2 },
      thickness: 0.5,
      color: RULE,
    });
    this.#y -= 4;
  }

  wrapped(text: string, font: PDFFont, size: number, indent = 0): void {
    for (const line of wrap(this.clean(text), font, size, WIDTH - indent)) {
      this.line(line, font, size, indent);
    }
  }
}

function table(set: Pages, block: Extract<Block, { kind: 'table' }>): void {
  const { fonts } = set;
  const size = SIZE.body;
  if (block.rows.length === 0) {
    set.wrapped(`${block.caption}: none.`, fonts.regular, size);
    set.space(size * 0.6);
    return;
  }
  const xs = block.widths.map((_, i) =>
    block.widths.slice(0, i).reduce((sum, w) => sum + w * WIDTH, 0),
  );
  const cellLines = (row: readonly string[], font: PDFFont) =>
    row.map((cell, i) =>
      wrap(
        set.clean(cell),
        font,
        size,
        (block.widths[i] ?? 0) * WIDTH - CELL_PAD * 2,
      ),
    );
  const draw = (lines: string[][], font: PDFFont, header: boolean) => {
    const height = Math.max(...lines.map((l) => l.length));
    for (let n = 0; n < height; n++) {
      // A row may run on to the next page; the header goes with it.
      if (set.keep(size * LEADING) && !header) heading();
      set.columns(
        lines.map((l, i) => ({
          text: l[n] ?? '',
          x: (xs[i] ?? 0) + CELL_PAD,
        })),
        font,
        size,
      );
    }
    set.rule();
  };
  const headerLines = cellLines(block.header, fonts.bold);
  const heading = () => draw(headerLines, fonts.bold, true);
  set.wrapped(block.caption, fonts.bold, size);
  // The caption, header and first row start on the same page.
  set.keep(size * LEADING * 4);
  heading();
  for (const row of block.rows)
    draw(cellLines(row, fonts.regular), fonts.regular, false);
  set.space(size * 0.8);
}

function blocks(set: Pages, list: readonly Block[]): void {
  const { fonts } = set;
  for (const block of list) {
    switch (block.kind) {
      case 'heading':
      case 'subheading': {
        const size = SIZE[block.kind];
        set.space(size * 0.5);
        // A heading never ends a page: keep it with two lines after it.
        set.keep(size * LEADING + SIZE.body * LEADING * 2);
        set.wrapped(block.text, fonts.bold, size);
        set.space(size * 0.2);
        break;
      }
      case 'paragraph':
        set.wrapped(block.text, fonts.regular, SIZE.body);
        set.space(SIZE.body * 0.6);
        break;
      case 'list': {
        const hang = fonts.regular.widthOfTextAtSize('- ', SIZE.body) + 4;
        for (const item of block.items) {
          const [first = '', ...rest] = wrap(
            set.clean(item),
            fonts.regular,
            SIZE.body,
            WIDTH - hang,
          );
          set.line('-', fonts.regular, SIZE.body);
          set.space(-SIZE.body * LEADING);
          set.line(first, fonts.regular, SIZE.body, hang);
          for (const line of rest) {
            set.line(line, fonts.regular, SIZE.body, hang);
          }
        }
        set.space(SIZE.body * 0.6);
        break;
      }
      case 'table':
        table(set, block);
        break;
    }
  }
}

/**
 * Renders the document: its title, then its blocks, with the short name
 * and "page n of m" at the foot of every page.
 *
 * @example
 * const bytes = await renderPdf(selfAssessmentDocument(sa, meta), now);
 * Buffer.from(bytes).subarray(0, 5).toString(); // '%PDF-'
 */
export async function renderPdf(
  document: PrintableDocument,
  made: Date,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const set = new Pages(doc, fonts);
  set.keep(0);
  set.wrapped(document.title, fonts.bold, SIZE.title);
  set.space(SIZE.body);
  blocks(set, document.blocks);
  const total = set.pages.length;
  set.pages.forEach((page, index) => {
    const text = set.clean(
      `${document.author} \u00b7 ${document.short} \u00b7 Page ${index + 1} of ${total}`,
    );
    const width = fonts.regular.widthOfTextAtSize(text, SIZE.footer);
    page.drawText(text, {
      x: A4[0] - MARGIN.right - width,
      y: MARGIN.bottom - SIZE.footer * 2,
      size: SIZE.footer,
      font: fonts.regular,
      color: INK,
    });
  });
  // Metadata is UTF-16 text, not drawn with the font: no cleaning needed.
  doc.setTitle(document.title, { showInWindowTitleBar: true });
  doc.setAuthor(document.author);
  doc.setSubject(document.title);
  doc.setLanguage('en-GB');
  doc.setCreator('Hearth');
  doc.setProducer('Hearth (pdf-lib)');
  doc.setCreationDate(made);
  doc.setModificationDate(made);
  return doc.save();
}
