/**
 * Raw MIME to the few facts intake needs, with postal-mime (a kept MIME
 * library, by mailparser's author, a fraction of its size) under limits a
 * hostile message cannot talk its way past. What cannot be read is an
 * answer, not an exception: a quarantine reason.
 */
import { createHash } from 'node:crypto';
import { isArrayBuffer } from 'node:util/types';
import PostalMime, {
  type Address,
  addressParser,
  decodeWords,
  type Email,
  type Header,
  type Mailbox,
} from 'postal-mime';

export const limits = {
  /** SES's own ceiling for received mail; larger is never parsed. */
  maxRawBytes: 25 * 1024 * 1024,
  /** The header blocks of all of a message's MIME parts together. */
  maxHeadBytes: 256 * 1024,
  /** MIME parts in one message (the message itself counted). */
  maxParts: 200,
  /** How deep MIME parts may nest (a part of the message is depth 1). */
  maxDepth: 32,
  /** Files kept from one message; more is quarantined, not truncated. */
  maxAttachments: 50,
  /** An HTML-only body is cut at this length before it is made text. */
  maxHtmlToText: 2 * 1024 * 1024,
  /** A Message-ID longer than a header line is not one. */
  maxMessageId: 998,
  /** Message-IDs read from In-Reply-To and References. */
  maxThreadIds: 50,
} as const;

/** Why a message was set aside instead of processed. */
export type QuarantineReason =
  | 'too-large'
  | 'unparseable'
  | 'no-from'
  | 'too-many-attachments'
  | 'automatic'
  | 'rejected';

export interface InboundAttachment {
  readonly filename?: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** A parsed message, cleaned: every string safe to store. */
export interface InboundMail {
  /** The Message-ID, or `sha256:<hex of the raw>` when it has none. */
  readonly messageId: string;
  readonly from: { readonly address: string; readonly name: string };
  readonly subject: string;
  /** The text body (HTML converted to text when there is no text part). */
  readonly text: string;
  /** The Date header as written, if there was one. */
  readonly date?: string;
  /** In-Reply-To's Message-IDs, then References' newest first. */
  readonly threadIds: readonly string[];
  /**
   * Sent by a machine (RFC 3834 Auto-Submitted, or a delivery report):
   * never a new complaint, or a bounce of our letter would open one.
   */
  readonly automatic: boolean;
  readonly attachments: readonly InboundAttachment[];
}

export type Parsed =
  | { readonly ok: true; readonly mail: InboundMail }
  | { readonly ok: false; readonly reason: QuarantineReason };

/**
 * Parses a raw message. Never throws for anything the message says.
 *
 * @example
 * const parsed = await parseMail(raw);
 * if (!parsed.ok) await quarantine(parsed.reason);
 */
export async function parseMail(raw: Buffer): Promise<Parsed> {
  if (raw.length > limits.maxRawBytes)
    return { ok: false, reason: 'too-large' };
  const parser = new PostalMime({
    attachmentEncoding: 'arraybuffer',
    maxHeadersSize: limits.maxHeadBytes,
    maxNestingDepth: limits.maxDepth,
    // An attached message is a file, as it was with mailparser: never
    // parsed by a nested parser whose limits would start over.
    forceRfc822Attachments: true,
  });
  countParts(parser);
  let parsed: Email;
  try {
    parsed = await parser.parse(raw);
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  const from = senderOf(addressesOf(parsed, 'from'));
  if (from === undefined) return { ok: false, reason: 'no-from' };
  // Parts read as text that postal-mime calls files: a delivery status
  // (the text of a report), and the body of a message whose Content-Type
  // is blank (RFC 2045's default, text/plain), as mailparser read both.
  const texts: string[] = [];
  const blank = typeOfMessage(parsed) === '';
  const attachments = parsed.attachments.flatMap((a) => {
    const mimeType = text(a.mimeType).trim().toLowerCase();
    const filename = text(a.filename);
    if (
      isInline(a.disposition) &&
      (mimeType === 'message/delivery-status' ||
        (blank && mimeType === '' && !filename))
    ) {
      texts.push(utf8.decode(bytesOf(a.content)));
      return [];
    }
    if (!filename && mimeType.startsWith('text/')) return [];
    const contentType = typeOf(mimeType, filename);
    const content = bytesOf(a.content);
    return [{ ...(filename ? { filename } : {}), contentType, content }];
  });
  if (attachments.length > limits.maxAttachments) {
    return { ok: false, reason: 'too-many-attachments' };
  }
  const date = headerValue(parsed, 'date');
  return {
    ok: true,
    mail: {
      messageId: messageIdOf(decoded(parsed, 'message-id')) ?? rawDigest(raw),
      from,
      subject: oneLine(decoded(parsed, 'subject'), 998),
      text: cleanText(
        [bodyText(parsed), ...texts].map((t) => t.trimEnd()).join('\n\n'),
      ),
      ...(date === undefined ? {} : { date }),
      threadIds: threadIdsOf(parsed),
      automatic: isAutomatic(parsed),
      attachments,
    },
  };
}

/** The idempotency fallback for a message without a Message-ID. */
export function rawDigest(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*$/u;

/** The first usable mailbox of the From header (groups opened). */
export function senderOf(
  from: readonly Address[] | undefined,
): InboundMail['from'] | undefined {
  const boxes: Mailbox[] = [];
  for (const entry of Array.isArray(from) ? from : []) {
    if (Array.isArray(entry.group)) boxes.push(...entry.group);
    else boxes.push(entry as Mailbox);
  }
  for (const box of boxes) {
    const address = text(box.address).trim();
    if (address.length > 254 || !ADDRESS.test(address)) continue;
    const name = oneLine(text(box.name), 200);
    return { address, name: name || address.slice(0, address.indexOf('@')) };
  }
  return undefined;
}

/** Text without control characters (tabs and newlines kept) or lone surrogates. */
export function cleanText(value: string): string {
  return value
    .toWellFormed()
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .trim();
}

/** A header-like value: one line, collapsed, capped. */
export function oneLine(value: string, max: number): string {
  return cut(cleanText(value.replace(/\s+/g, ' ')), max).trim();
}

/** At most `max` UTF-16 units, never half a surrogate pair. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/** A string the parser gave, or '' for anything else. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Makes the parser stop at the part past `limits.maxParts`, as mailparser
 * did: postal-mime bounds depth and header bytes but not breadth, and a
 * 20 MB message of empty parts takes it a minute and gigabytes. It reads
 * each line through `processLine`, and starts every part by making it
 * `currentNode`; neither is public (postal-mime 4.0.0), so a release that
 * renames them fails here, loudly, for every message, not silently.
 */
function countParts(parser: PostalMime): void {
  const internals = parser as unknown as {
    processLine?: unknown;
    currentNode?: unknown;
  };
  const { processLine, currentNode } = internals;
  if (typeof processLine !== 'function' || typeof currentNode !== 'object') {
    throw new Error('postal-mime has changed: MIME parts cannot be counted');
  }
  const seen = new WeakSet<object>();
  if (currentNode !== null) seen.add(currentNode);
  let parts = 1;
  internals.processLine = async (...line: unknown[]) => {
    await processLine.apply(parser, line);
    const node = internals.currentNode;
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    parts += 1;
    if (parts > limits.maxParts) throw new Error('Too many MIME parts');
  };
}

/** The addresses of a message's first such header (all of them). */
function addressesOf(parsed: Email, key: string): Address[] {
  const header = firstHeader(parsed, key);
  if (header === undefined) return [];
  try {
    return addressParser(header);
  } catch {
    return [];
  }
}

function headersOf(parsed: Email): Header[] {
  return Array.isArray(parsed.headers) ? parsed.headers : [];
}

/** A header value with its RFC 2047 encoded words decoded, if they can be. */
function wordsOf(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/** A top-level header's value (unfolded, not decoded), the first if many. */
function firstHeader(parsed: Email, key: string): string | undefined {
  return headersOf(parsed).find((h) => h.key === key)?.value;
}

/** The first of a top-level header's values not blank once decoded. */
function decoded(parsed: Email, key: string): string {
  for (const header of headersOf(parsed)) {
    if (header.key !== key) continue;
    const value = wordsOf(text(header.value)).trim();
    if (value !== '') return value;
  }
  return '';
}

/**
 * The message's own Content-Type (the first, as the parser read the
 * structure by), not a part's: `headers` are the top level's. Lower case,
 * without parameters or comments; undefined when there is none.
 */
function typeOfMessage(parsed: Email): string | undefined {
  const header = firstHeader(parsed, 'content-type');
  if (header === undefined) return undefined;
  const type =
    text(header)
      .replace(/\([^()]*\)/g, '')
      .split(';')[0] ?? '';
  return type.trim().toLowerCase();
}

/** An attachment's content as bytes, whatever the parser returned it as. */
function bytesOf(content: unknown): Buffer {
  if (isArrayBuffer(content)) return Buffer.from(content);
  if (ArrayBuffer.isView(content)) {
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }
  return Buffer.alloc(0);
}

const utf8 = new TextDecoder('utf-8');

/** No Content-Disposition, or `inline`: mailparser's test for text. */
function isInline(disposition: unknown): boolean {
  const value = text(disposition);
  return value === '' || value === 'inline';
}

/**
 * The file's type; an `application/octet-stream` named like a common
 * file is given that file's type, as mailparser did.
 */
function typeOf(mimeType: string, filename: string): string {
  if (mimeType !== '' && mimeType !== 'application/octet-stream') {
    return mimeType;
  }
  const dot = filename.lastIndexOf('.');
  const extension = dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
  return BY_EXTENSION.get(extension) ?? 'application/octet-stream';
}

const office = 'application/vnd.openxmlformats-officedocument';
const BY_EXTENSION = new Map([
  ['pdf', 'application/pdf'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['heic', 'image/heic'],
  ['heif', 'image/heif'],
  ['bmp', 'image/bmp'],
  ['tif', 'image/tiff'],
  ['tiff', 'image/tiff'],
  ['txt', 'text/plain'],
  ['csv', 'text/csv'],
  ['rtf', 'application/rtf'],
  ['doc', 'application/msword'],
  ['docx', `${office}.wordprocessingml.document`],
  ['xls', 'application/vnd.ms-excel'],
  ['xlsx', `${office}.spreadsheetml.sheet`],
  ['ppt', 'application/vnd.ms-powerpoint'],
  ['pptx', `${office}.presentationml.presentation`],
  ['odt', 'application/vnd.oasis.opendocument.text'],
  ['ods', 'application/vnd.oasis.opendocument.spreadsheet'],
  ['mp3', 'audio/mpeg'],
  ['m4a', 'audio/mp4'],
  ['wav', 'audio/wav'],
  ['mp4', 'video/mp4'],
  ['mov', 'video/quicktime'],
  ['zip', 'application/zip'],
  ['eml', 'message/rfc822'],
]);

function bodyText(parsed: Email): string {
  if (text(parsed.text).trim() !== '') return text(parsed.text);
  // No text part (postal-mime converts HTML itself only beside one).
  if (typeof parsed.html === 'string') return htmlToText(parsed.html);
  return '';
}

/**
 * A rough cut of HTML to text: scripts, styles and comments dropped,
 * blocks and breaks made lines, other tags dropped, common entities
 * decoded. Every step is linear in the length, whatever the HTML.
 */
function htmlToText(html: string): string {
  let value = cut(html, limits.maxHtmlToText).replace(/\s+/g, ' ');
  value = dropBlocks(value, /<!--/g, () => /-->/g);
  value = dropBlocks(
    value,
    /<(script|style|title)\b/gi,
    (tag = '') => new RegExp(`</${tag}\\b[^<>]*>`, 'gi'),
  );
  return value
    .replace(BLOCK, '\n')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,8});/gi, entity)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

const BLOCK =
  /<\/?(?:br|p|div|li|tr|table|h[1-6]|blockquote|pre|hr|ul|ol)\b[^<>]*>/gi;

/**
 * Removes each block from an opening match to the end of its closing
 * match (or to the end, when it never closes). Searches move forward only.
 */
function dropBlocks(
  value: string,
  open: RegExp,
  close: (tag: string | undefined) => RegExp,
): string {
  const kept: string[] = [];
  let at = 0;
  open.lastIndex = 0;
  for (let start = open.exec(value); start; start = open.exec(value)) {
    kept.push(value.slice(at, start.index), ' ');
    const end = close(start[1]?.toLowerCase());
    end.lastIndex = start.index + start[0].length;
    const found = end.exec(value);
    if (!found) return kept.join('');
    at = found.index + found[0].length;
    open.lastIndex = at;
  }
  kept.push(value.slice(at));
  return kept.join('');
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  euro: '€',
  copy: '©',
  reg: '®',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  deg: '°',
  frac12: '½',
};

function entity(whole: string, name: string): string {
  if (!name.startsWith('#')) {
    return Object.hasOwn(NAMED, name.toLowerCase())
      ? (NAMED[name.toLowerCase()] ?? whole)
      : whole;
  }
  const code =
    name[1] === 'x' || name[1] === 'X'
      ? Number.parseInt(name.slice(2), 16)
      : Number.parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    ? String.fromCodePoint(code)
    : whole;
}

/** A Message-ID as mailparser gave it: within angle brackets. */
function bracketed(value: string): string {
  const id = value.trim();
  if (id === '') return '';
  return `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
}

function messageIdOf(value: unknown): string | undefined {
  const id = bracketed(text(value));
  if (id === '' || id.length > limits.maxMessageId) return undefined;
  return /^<?[^<>\s\p{Cc}]+>?$/u.test(id) ? id : undefined;
}

function threadIdsOf(parsed: Email): string[] {
  const ids = (value: string) => value.match(/<[^<>\s]{1,996}>/g) ?? [];
  // Every References header, each ID bracketed, as mailparser read them.
  const references = ids(
    headersOf(parsed)
      .filter((h) => h.key === 'references')
      .flatMap((h) => wordsOf(text(h.value)).split(/\s+/).map(bracketed))
      .join(' '),
  ).slice(-limits.maxThreadIds);
  const inReplyTo = ids(bracketed(decoded(parsed, 'in-reply-to')));
  return [...new Set([...inReplyTo, ...references.reverse()])].slice(
    0,
    limits.maxThreadIds,
  );
}

function isAutomatic(parsed: Email): boolean {
  const submitted = headersOf(parsed)
    .filter((h) => h.key === 'auto-submitted')
    .map((h) => text(h.value).trim().toLowerCase());
  const report = typeOfMessage(parsed) === 'multipart/report';
  return report || submitted.some((s) => s !== '' && s !== 'no');
}

/** A top-level header's value as written (unfolded), not as parsed. */
function headerValue(parsed: Email, key: string): string | undefined {
  const lines = Array.isArray(parsed.headerLines) ? parsed.headerLines : [];
  const line = text(lines.find((h) => h.key === key)?.line);
  if (line === '') return undefined;
  const value = oneLine(line.slice(line.indexOf(':') + 1), 200);
  return value === '' ? undefined : value;
}
