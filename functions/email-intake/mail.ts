/**
 * Raw MIME to the few facts intake needs, with mailparser (a kept MIME
 * library) under limits a hostile message cannot talk its way past. What
 * cannot be read is an answer, not an exception: a quarantine reason.
 */
import { createHash } from 'node:crypto';
import {
  type AddressObject,
  type EmailAddress,
  type ParsedMail,
  simpleParser,
} from 'mailparser';

export const limits = {
  /** SES's own ceiling for received mail; larger is never parsed. */
  maxRawBytes: 25 * 1024 * 1024,
  /** One MIME part's header block (real mail stays far below). */
  maxHeadBytes: 256 * 1024,
  /** MIME parts in one message. */
  maxParts: 200,
  /** Files kept from one message; more is quarantined, not truncated. */
  maxAttachments: 50,
  /** HTML longer than this is not converted to text by the parser. */
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
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      maxHeadSize: limits.maxHeadBytes,
      maxChildNodes: limits.maxParts,
      maxHtmlLengthToParse: limits.maxHtmlToText,
      keepCidLinks: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      checksumAlgo: false,
    });
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  const from = senderOf(parsed.from);
  if (from === undefined) return { ok: false, reason: 'no-from' };
  // The parser's types promise more than hostile input delivers (a
  // Content-Type of `"" <a@b>` comes back as `false`): check each value.
  const attachments = parsed.attachments.flatMap((a) => {
    const filename = text(a.filename);
    const contentType = text(a.contentType) || 'application/octet-stream';
    if (!filename && contentType.startsWith('text/')) return [];
    const content = Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0);
    return [{ ...(filename ? { filename } : {}), contentType, content }];
  });
  if (attachments.length > limits.maxAttachments) {
    return { ok: false, reason: 'too-many-attachments' };
  }
  const date = headerValue(parsed, 'date');
  return {
    ok: true,
    mail: {
      messageId: messageIdOf(parsed.messageId) ?? rawDigest(raw),
      from,
      subject: oneLine(text(parsed.subject), 998),
      text: cleanText(bodyText(parsed)),
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
  from: AddressObject | undefined,
): InboundMail['from'] | undefined {
  const boxes: EmailAddress[] = [];
  const entries = Array.isArray(from?.value) ? from.value : [];
  for (const entry of entries) {
    boxes.push(entry, ...(Array.isArray(entry.group) ? entry.group : []));
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

function bodyText(parsed: ParsedMail): string {
  if (text(parsed.text).trim() !== '') return text(parsed.text);
  // The parser declined to convert (too long): a rough cut will do.
  if (typeof parsed.html === 'string') {
    return parsed.html
      .slice(0, limits.maxHtmlToText)
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/[ \t]+/g, ' ');
  }
  return '';
}

function messageIdOf(value: unknown): string | undefined {
  const id = text(value).trim();
  if (id === '' || id.length > limits.maxMessageId) return undefined;
  return /^<?[^<>\s\p{Cc}]+>?$/u.test(id) ? id : undefined;
}

function threadIdsOf(parsed: ParsedMail): string[] {
  const ids = (value: unknown) =>
    [value]
      .flat()
      .map(text)
      .join(' ')
      .match(/<[^<>\s]{1,996}>/g) ?? [];
  const references = ids(parsed.references).slice(-limits.maxThreadIds);
  return [
    ...new Set([...ids(parsed.inReplyTo), ...references.reverse()]),
  ].slice(0, limits.maxThreadIds);
}

function isAutomatic(parsed: ParsedMail): boolean {
  const submitted = text(parsed.headers?.get('auto-submitted')).trim();
  const type = parsed.headers?.get('content-type');
  const report =
    typeof type === 'object' &&
    type !== null &&
    'value' in type &&
    text(type.value).toLowerCase() === 'multipart/report';
  return report || (submitted !== '' && submitted.toLowerCase() !== 'no');
}

/** A top-level header's value as written (unfolded), not as parsed. */
function headerValue(parsed: ParsedMail, key: string): string | undefined {
  const lines = Array.isArray(parsed.headerLines) ? parsed.headerLines : [];
  const line = text(lines.find((h) => h.key === key)?.line);
  if (line === '') return undefined;
  const value = oneLine(line.slice(line.indexOf(':') + 1), 200);
  return value === '' ? undefined : value;
}
