/**
 * The subject access export as a readable A4 PDF: the resident's
 * complaints one after another, each with its details, its timeline of
 * every event, correspondence, letters in full, files, remedies and
 * actions. Set as every Hearth PDF is: pdf-lib, standard Helvetica, text
 * brought into WinAnsi and wrapped to the column by the shared
 * functions/shared/pdf/text.ts, and "page n of m" at every foot.
 */
import {
  PDFDocument,
  type PDFFont,
  type PDFPage,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import { winAnsiSanitiser, wrap } from '../shared/pdf/text.js';
import type { ComplaintExport, SubjectAccessExport } from './export.js';

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const MARGIN = { left: 20 * MM, right: 20 * MM, top: 18 * MM, bottom: 22 * MM };
const WIDTH = A4[0] - MARGIN.left - MARGIN.right;
const INK = rgb(0.1, 0.1, 0.1);
const SIZE = { title: 18, heading: 14, subheading: 11.5, body: 10, footer: 8 };
const LEADING = 1.4;

/** Lays lines down the page, turning pages as needed. */
class Typesetter {
  readonly pages: PDFPage[] = [];
  #page: PDFPage | undefined;
  #y = 0;
  readonly #doc: PDFDocument;
  readonly #regular: PDFFont;
  readonly #bold: PDFFont;
  readonly #clean: (text: string) => string;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.#doc = doc;
    this.#regular = regular;
    this.#bold = bold;
    this.#clean = winAnsiSanitiser(regular.getCharacterSet());
  }

  #keep(height: number): void {
    if (this.#page === undefined || this.#y - height < MARGIN.bottom) {
      this.#page = this.#doc.addPage(A4);
      this.pages.push(this.#page);
      this.#y = A4[1] - MARGIN.top;
    }
  }

  space(points: number): void {
    this.#y -= points;
  }

  /** A heading, kept with two lines of what follows. */
  heading(text: string, size: number): void {
    this.space(size * 0.6);
    this.#keep(size * LEADING + SIZE.body * LEADING * 2);
    this.text(text, { size, bold: true });
  }

  /** Text wrapped to the column (each line of it), indented by `indent`. */
  text(
    text: string,
    options: { size?: number; bold?: boolean; indent?: number } = {},
  ): void {
    const size = options.size ?? SIZE.body;
    const font = options.bold === true ? this.#bold : this.#regular;
    const indent = options.indent ?? 0;
    // Lines first: the sanitiser makes a line break a space.
    for (const paragraph of text.split(/\r\n?|\n/)) {
      const clean = this.#clean(paragraph);
      for (const line of wrap(clean, font, size, WIDTH - indent)) {
        this.#keep(size * LEADING);
        this.#y -= size * LEADING;
        this.#page?.drawText(line, {
          x: MARGIN.left + indent,
          y: this.#y + size * 0.3,
          size,
          font,
          color: INK,
        });
      }
    }
  }

  /** `label: value`, wrapped. */
  field(label: string, value: string, indent = 0): void {
    this.text(`${label}: ${value}`, { indent });
  }

  footers(label: string): void {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const text = this.#clean(`${label} \u00b7 Page ${index + 1} of ${total}`);
      const width = this.#regular.widthOfTextAtSize(text, SIZE.footer);
      page.drawText(text, {
        x: A4[0] - MARGIN.right - width,
        y: MARGIN.bottom - SIZE.footer * 2,
        size: SIZE.footer,
        font: this.#regular,
        color: INK,
      });
    });
  }
}

/** Every leaf of a value as `path: value`, for the timeline's details. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => leaves(item, `${path}[${i + 1}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      leaves(item, path === '' ? key : `${path}.${key}`),
    );
  }
  return [[path, String(value)]];
}

function contactLines(
  set: Typesetter,
  who: {
    name: string;
    email?: string;
    phone?: string;
    address?: readonly string[];
  },
): void {
  set.field('Name', who.name);
  if (who.email !== undefined) set.field('Email', who.email);
  if (who.phone !== undefined) set.field('Phone', who.phone);
  if (who.address !== undefined) set.field('Address', who.address.join(', '));
}

function complaint(set: Typesetter, c: ComplaintExport): void {
  set.heading(`Complaint ${c.reference}`, SIZE.heading);
  set.field('Status', c.status);
  set.field('Classification', c.classification);
  set.field('Received', `${c.receivedAt} (${c.channel})`);
  if (c.closedOn !== undefined) set.field('Closed', c.closedOn);

  set.heading('The resident', SIZE.subheading);
  contactLines(set, c.resident);
  set.field('Preferred contact', c.resident.preferredContact);
  if (c.resident.formats.length > 0) {
    set.field('Formats', c.resident.formats.join(', '));
  }
  if (c.representative !== undefined) {
    set.heading('Their representative', SIZE.subheading);
    contactLines(set, c.representative);
    set.field('Relationship', c.representative.relationship);
  }

  set.heading('What the complaint said', SIZE.subheading);
  set.text(c.record.summary);

  set.heading('Timeline', SIZE.subheading);
  for (const decision of c.timeline) {
    for (const event of decision.events) {
      const { type, at, by, ...detail } = event;
      set.text(`${at}  ${type}  (by ${by})`, { bold: true });
      for (const [path, value] of leaves(detail)) set.field(path, value, 12);
    }
  }

  set.heading('Correspondence', SIZE.subheading);
  if (c.correspondence.length === 0) set.text('None recorded.');
  for (const item of c.correspondence) {
    set.text(
      `${item.at}  ${item.direction === 'in' ? 'From' : 'To'} the resident by ${item.channel}`,
      { bold: true },
    );
    set.text(item.summary, { indent: 12 });
  }

  set.heading('Letters', SIZE.subheading);
  if (c.letters.length === 0) set.text('None sent.');
  for (const letter of c.letters) {
    set.text(`${letter.on}  ${letter.kind} (${letter.status})`, {
      bold: true,
    });
    if (letter.pdfKey !== undefined) {
      set.field('Printed copy', letter.pdfKey, 12);
    }
    if (letter.text !== undefined) set.text(letter.text, { indent: 12 });
  }

  set.heading('Files', SIZE.subheading);
  if (c.attachments.length === 0) set.text('None kept.');
  for (const file of c.attachments) {
    set.text(
      `${file.filename} (${file.contentType}, ${file.size} bytes, received ${file.receivedAt}): ${file.key}`,
    );
  }

  set.heading('Remedies', SIZE.subheading);
  if (c.remedies.length === 0) set.text('None.');
  for (const remedy of c.remedies) {
    const amount =
      remedy.amountPence === undefined
        ? ''
        : ` £${(remedy.amountPence / 100).toFixed(2)}`;
    set.text(
      `${remedy.recordedOn}  ${remedy.kind}${amount}: ${remedy.description}`,
    );
  }

  set.heading('Actions', SIZE.subheading);
  if (c.actions.length === 0) set.text('None.');
  for (const action of c.actions) {
    const done =
      action.completedOn === undefined ? '' : ` (done ${action.completedOn})`;
    set.text(`${action.recordedOn}  ${action.description}${done}`);
  }
}

/**
 * Renders the export: a cover (who asked, what was searched, what this
 * export cannot find), then each complaint.
 *
 * @example
 * const bytes = await renderExportPdf(found);
 * Buffer.from(bytes).subarray(0, 5).toString(); // '%PDF-'
 */
export async function renderExportPdf(
  found: SubjectAccessExport,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const set = new Typesetter(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  set.text('Personal data held about you', { size: SIZE.title, bold: true });
  set.space(SIZE.body);
  set.field('From', found.landlord);
  set.field('Made on', found.generatedAt);
  set.field('Found by', found.searchedBy.join(', ') || 'nothing');
  set.field('Complaints', String(found.complaints.length));
  set.heading('What this cannot show', SIZE.subheading);
  for (const limit of found.limits) set.text(`- ${limit}`);
  for (const c of found.complaints) complaint(set, c);
  set.footers(`Subject access: ${found.landlord}`);

  const date = new Date(found.generatedAt);
  doc.setTitle('Personal data held about you', { showInWindowTitleBar: true });
  doc.setAuthor(found.landlord);
  doc.setLanguage('en-GB');
  doc.setCreator('Hearth');
  doc.setProducer('Hearth (pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save();
}
