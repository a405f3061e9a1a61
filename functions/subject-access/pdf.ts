/**
 * The subject access export as a readable A4 PDF: the resident's
 * complaints one after another, each with its details, its timeline of
 * every event, correspondence, letters in full, files, remedies and
 * actions. Made as a printable document and set by the shared typesetter
 * (functions/shared/pdf/document.ts), as every Hearth document is.
 */
import {
  type Block,
  type PrintableDocument,
  renderPdf,
} from '../shared/pdf/document.js';
import type { ComplaintExport, SubjectAccessExport } from './export.js';

const TITLE = 'Personal data held about you';

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

const field = (label: string, value: string): Block => ({
  kind: 'paragraph',
  text: `${label}: ${value}`,
});

/** Text as paragraphs, one per line (a line break would become a space). */
function lines(text: string): Block[] {
  return text
    .split(/\r\n?|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ kind: 'paragraph', text: line }));
}

function contact(who: {
  name: string;
  email?: string;
  phone?: string;
  address?: readonly string[];
}): [string, string][] {
  const rows: [string, string][] = [['Name', who.name]];
  if (who.email !== undefined) rows.push(['Email', who.email]);
  if (who.phone !== undefined) rows.push(['Phone', who.phone]);
  if (who.address !== undefined) {
    rows.push(['Address', who.address.join(', ')]);
  }
  return rows;
}

function resident(who: ComplaintExport['resident']): [string, string][] {
  const rows = contact(who);
  rows.push(['Preferred contact', who.preferredContact]);
  if (who.formats.length > 0) rows.push(['Formats', who.formats.join(', ')]);
  return rows;
}

/** A table from its columns, each a header and its share of the width. */
function table(
  caption: string,
  columns: readonly (readonly [string, number])[],
  rows: readonly (readonly string[])[],
): Block {
  const header = columns.map(([name]) => name);
  const widths = columns.map(([, width]) => width);
  return { kind: 'table', caption, header, widths, rows };
}

const details = (caption: string, rows: [string, string][]): Block =>
  table(
    caption,
    [
      ['Detail', 0.3],
      ['As held', 0.7],
    ],
    rows,
  );

function complaint(c: ComplaintExport): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: `Complaint ${c.reference}` },
    field('Status', c.status),
    field('Classification', c.classification),
    field('Received', `${c.receivedAt} (${c.channel})`),
  ];
  if (c.closedOn !== undefined) blocks.push(field('Closed', c.closedOn));

  blocks.push(
    { kind: 'subheading', text: 'The resident' },
    details('How to reach them', resident(c.resident)),
  );
  if (c.representative !== undefined) {
    blocks.push(
      { kind: 'subheading', text: 'Their representative' },
      details('How to reach them', [
        ...contact(c.representative),
        ['Relationship', c.representative.relationship],
      ]),
    );
  }

  blocks.push(
    { kind: 'subheading', text: 'What the complaint said' },
    ...lines(c.record.summary),
    { kind: 'subheading', text: 'Timeline' },
    table(
      'Every event recorded',
      [
        ['When', 0.22],
        ['Event', 0.2],
        ['By', 0.18],
        ['Details', 0.4],
      ],
      c.timeline.flatMap((decision) =>
        decision.events.map((event) => {
          const { type, at, by, ...detail } = event;
          const said = leaves(detail).map(
            ([path, value]) => `${path}: ${value}`,
          );
          return [at, type, by, said.join('; ')];
        }),
      ),
    ),
    { kind: 'subheading', text: 'Correspondence' },
    table(
      'Correspondence recorded',
      [
        ['When', 0.22],
        ['Way', 0.25],
        ['Summary', 0.53],
      ],
      c.correspondence.map((item) => [
        item.at,
        `${item.direction === 'in' ? 'From' : 'To'} the resident by ${item.channel}`,
        item.summary,
      ]),
    ),
    { kind: 'subheading', text: 'Letters' },
  );
  if (c.letters.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'None sent.' });
  }
  for (const letter of c.letters) {
    blocks.push({
      kind: 'paragraph',
      text: `${letter.on}  ${letter.kind} (${letter.status})`,
    });
    if (letter.pdfKey !== undefined) {
      blocks.push(field('Printed copy', letter.pdfKey));
    }
    if (letter.text !== undefined) blocks.push(...lines(letter.text));
  }

  blocks.push(
    { kind: 'subheading', text: 'Files' },
    table(
      'Files kept',
      [
        ['File', 0.22],
        ['Type', 0.16],
        ['Bytes', 0.1],
        ['Received', 0.2],
        ['Kept as', 0.32],
      ],
      c.attachments.map((file) => [
        file.filename,
        file.contentType,
        String(file.size),
        file.receivedAt,
        file.key,
      ]),
    ),
    { kind: 'subheading', text: 'Remedies' },
    table(
      'Remedies recorded',
      [
        ['Recorded', 0.18],
        ['Kind', 0.18],
        ['Amount', 0.14],
        ['Description', 0.5],
      ],
      c.remedies.map((remedy) => [
        remedy.recordedOn,
        remedy.kind,
        remedy.amountPence === undefined
          ? ''
          : `£${(remedy.amountPence / 100).toFixed(2)}`,
        remedy.description,
      ]),
    ),
    { kind: 'subheading', text: 'Actions' },
    table(
      'Actions recorded',
      [
        ['Recorded', 0.18],
        ['Action', 0.64],
        ['Done', 0.18],
      ],
      c.actions.map((action) => [
        action.recordedOn,
        action.description,
        action.completedOn ?? '',
      ]),
    ),
  );
  return blocks;
}

/**
 * The export as a printable document: a cover (who asked, what was
 * searched, what this export cannot find), then each complaint.
 */
function exportDocument(found: SubjectAccessExport): PrintableDocument {
  return {
    title: TITLE,
    author: found.landlord,
    short: 'Subject access',
    blocks: [
      field('From', found.landlord),
      field('Made on', found.generatedAt),
      field('Found by', found.searchedBy.join(', ') || 'nothing'),
      field('Complaints', String(found.complaints.length)),
      { kind: 'subheading', text: 'What this cannot show' },
      { kind: 'list', items: found.limits },
      ...found.complaints.flatMap(complaint),
    ],
  };
}

/**
 * Renders the export, dated when it was made.
 *
 * @example
 * const bytes = await renderExportPdf(found);
 * Buffer.from(bytes).subarray(0, 5).toString(); // '%PDF-'
 */
export function renderExportPdf(
  found: SubjectAccessExport,
): Promise<Uint8Array> {
  return renderPdf(exportDocument(found), new Date(found.generatedAt));
}
