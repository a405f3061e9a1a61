/**
 * Is this email a reply on a case we hold? Our letters go out with
 * Message-ID `<HTH-2026-000001.stage1-acknowledgement.2@<sender domain>>`
 * (the letter id, `/` → `.`) and a subject ending `[HTH-2026-000001]`, so
 * a reply names its case in In-Reply-To/References or in its subject.
 *
 * Naming a case is not enough to write into it: the sender must be the
 * case's resident or representative (Code 5.12 correspondence). Anyone
 * else quoting a reference opens a complaint of their own, so a stranger
 * can never add to another resident's record.
 */
import type { ComplaintState } from '@hearth/domain';
import type { InboundMail } from './mail.js';

const REFERENCE = String.raw`HTH-\d{4}-\d{6,9}`;

/** Cases looked up for one message, at most (each is a read). */
export const maxCandidates = 5;

/** The reference in one of our letters' Message-IDs, if it is one. */
export function referenceInMessageId(
  messageId: string,
  senderDomain: string,
): string | undefined {
  const match = new RegExp(
    String.raw`^<?(${REFERENCE})\.[a-z0-9-]+\.\d+@([^<>\s@]+)>?$`,
    'i',
  ).exec(messageId.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return match[2].toLowerCase() === senderDomain.toLowerCase()
    ? match[1].toUpperCase()
    : undefined;
}

/** `[HTH-2026-000001]` in a subject, else a bare `HTH-2026-000001`. */
export function referenceInSubject(subject: string): string | undefined {
  const match =
    new RegExp(String.raw`\[\s*(${REFERENCE})\s*\]`, 'i').exec(subject) ??
    new RegExp(String.raw`(?<![\w-])(${REFERENCE})(?![\w-])`, 'i').exec(
      subject,
    );
  return match?.[1]?.toUpperCase();
}

/** The references a message names, most telling first, without repeats. */
export function candidateReferences(
  mail: Pick<InboundMail, 'threadIds' | 'subject'>,
  senderDomain: string,
): string[] {
  const found = mail.threadIds.map((id) =>
    referenceInMessageId(id, senderDomain),
  );
  found.push(referenceInSubject(mail.subject));
  const unique = new Set(found.filter((r) => r !== undefined));
  return [...unique].slice(0, maxCandidates);
}

/** Whether an address is the case's resident's or representative's. */
export function isParty(state: ComplaintState, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  return [state.resident.email, state.representative?.email].some(
    (email) => email !== undefined && email.trim().toLowerCase() === wanted,
  );
}

export type Thread =
  | { readonly kind: 'reply'; readonly complaint: ComplaintState }
  | {
      readonly kind: 'new';
      readonly why: 'no-reference' | 'unknown-reference' | 'not-a-party';
    };

/**
 * Where a message belongs: the first named case that exists and that the
 * sender is a party to, else a new complaint (and why, for the log).
 */
export async function findThread(
  mail: Pick<InboundMail, 'threadIds' | 'subject' | 'from'>,
  senderDomain: string,
  load: (complaintId: string) => Promise<ComplaintState | undefined>,
): Promise<Thread> {
  const references = candidateReferences(mail, senderDomain);
  if (references.length === 0) return { kind: 'new', why: 'no-reference' };
  let found = false;
  for (const reference of references) {
    const complaint = await load(reference);
    if (complaint === undefined) continue;
    found = true;
    if (isParty(complaint, mail.from.address)) {
      return { kind: 'reply', complaint };
    }
  }
  return { kind: 'new', why: found ? 'not-a-party' : 'unknown-reference' };
}
