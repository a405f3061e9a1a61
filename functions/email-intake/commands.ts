/**
 * From a parsed email to the domain's commands: a new complaint
 * (`receive`, Code 3.1) or correspondence on an existing one
 * (`record-correspondence`, Code 5.12).
 */
import type { Attachment, Receive, RecordCorrespondence } from '@hearth/domain';
import { cut, type InboundMail } from './mail.js';

/** How far back a Date header is believed; older is a wrong clock. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_SUMMARY = 20_000;
const MAX_CORRESPONDENCE = 2_000;
/** The domain needs a summary; an empty email still is one. */
const EMPTY = '(an email with no subject and no text)';

/**
 * When the email was received (Code 3.2: its true time): the Date header
 * if it parses, is not ahead of `now` and is at most 7 days old; else now.
 *
 * @example
 * receivedAt('Tue, 24 Nov 2026 09:15:00 +0000', '2026-11-24T10:00:00.000Z')
 * // '2026-11-24T09:15:00.000Z'
 */
export function receivedAt(date: string | undefined, now: string): string {
  if (date === undefined) return now;
  const at = Date.parse(date);
  const current = Date.parse(now);
  if (Number.isNaN(at) || at > current || current - at > MAX_AGE_MS) {
    return now;
  }
  return new Date(at).toISOString();
}

/** A new complaint from the email; the sender is the resident. */
export function receiveCommand(
  mail: InboundMail,
  reference: string,
  at: string,
  attachments: readonly Attachment[],
): Receive {
  const text = [mail.subject, mail.text].filter(Boolean).join('\n\n');
  const summary = cut(text, MAX_SUMMARY).trim() || EMPTY;
  return {
    type: 'receive',
    id: reference,
    reference,
    channel: 'email',
    receivedAt: at,
    summary,
    resident: {
      name: mail.from.name,
      email: mail.from.address,
      preferredContact: 'email',
      formats: [],
    },
    messageId: mail.messageId,
    attachments,
  };
}

/** The email as correspondence in on the case it replies to. */
export function correspondenceCommand(
  mail: InboundMail,
  at: string,
  attachments: readonly Attachment[],
): RecordCorrespondence {
  const summary =
    cut(mail.text, MAX_CORRESPONDENCE).trim() || mail.subject || EMPTY;
  return {
    type: 'record-correspondence',
    direction: 'in',
    channel: 'email',
    at,
    summary,
    messageId: mail.messageId,
    attachments,
  };
}
