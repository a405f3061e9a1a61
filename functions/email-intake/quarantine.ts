/**
 * Mail that cannot be taken in is set aside, never dropped: the raw
 * message is copied to `quarantine/<yyyy-mm-dd>/<original key>` with its
 * reason in the object's metadata, and a warning names the reason and the
 * key (never the sender or the subject).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ObjectStore } from '../shared/adapters/s3/object-store.js';
import type { QuarantineReason } from './mail.js';

/** Where a quarantined message is kept (the day is the day it was set aside). */
export function quarantineKey(key: string, now: string): string {
  return `quarantine/${now.slice(0, 10)}/${key}`;
}

/** Keys the function itself writes, which are never mail to take in. */
export function isOwnKey(key: string): boolean {
  return key.startsWith('quarantine/') || key.startsWith('attachments/');
}

export interface Quarantined {
  readonly outcome: 'quarantined';
  readonly reason: QuarantineReason;
  readonly quarantineKey: string;
}

/** Copies the raw message aside; an S3 failure throws (so Lambda retries). */
export async function quarantine(
  objects: ObjectStore,
  logger: Logger,
  source: { readonly key: string; readonly raw: Buffer },
  reason: QuarantineReason,
  now: string,
): Promise<Quarantined> {
  const target = quarantineKey(source.key, now);
  await objects.put(target, source.raw, 'message/rfc822', { reason });
  logger.warn('Mail quarantined', {
    reason,
    key: source.key,
    quarantineKey: target,
  });
  return { outcome: 'quarantined', reason, quarantineKey: target };
}
