/**
 * An email's files, kept in the mail bucket under the case's reference
 * before the domain hears of them, so the record never lists a file that
 * is not there.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment } from '@hearth/domain';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import type { InboundAttachment } from './mail.js';

const MAX_FILENAME = 100;
const CONTENT_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

/**
 * A filename safe in a key and on anyone's disk: no path, no control
 * characters, only `[A-Za-z0-9._-]`, no leading dot, at most 100
 * characters (the extension kept), and never empty.
 *
 * @example
 * safeFilename('../../etc/passwd') // 'passwd'
 * safeFilename('con.txt\u0000.exe') // 'con.txt.exe'
 */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const safe = base
    .normalize('NFKD')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .replace(/_{2,}/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+/, '');
  if (safe === '') return 'attachment';
  if (safe.length <= MAX_FILENAME) return safe;
  const dot = safe.lastIndexOf('.');
  const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : '';
  return safe.slice(0, MAX_FILENAME - extension.length) + extension;
}

/** A declared content type if it looks like one, else octet-stream. */
export function safeContentType(value: string): string {
  const type = value.trim().toLowerCase();
  return CONTENT_TYPE.test(type) ? type : 'application/octet-stream';
}

/** The key a case's file is kept under. */
export function attachmentKey(reference: string, filename: string): string {
  return `attachments/${reference}/${randomUUID()}-${filename}`;
}

/** Stores each file (in order) and lists them as the domain records them. */
export async function storeAttachments(
  objects: ObjectStore,
  reference: string,
  files: readonly InboundAttachment[],
  receivedAt: string,
): Promise<Attachment[]> {
  const stored: Attachment[] = [];
  for (const file of files) {
    const filename = safeFilename(file.filename);
    const contentType = safeContentType(file.contentType);
    const key = attachmentKey(reference, filename);
    await objects.put(key, file.content, contentType);
    stored.push({
      key,
      filename,
      contentType,
      size: file.content.length,
      receivedAt,
    });
  }
  return stored;
}
