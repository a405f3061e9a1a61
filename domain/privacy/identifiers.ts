import type { Contact } from '../complaint/model.js';

/**
 * How a resident is found for a subject access request (UK GDPR Art. 15):
 * each complaint is indexed under one identifier of its resident, the
 * first they gave of email, UK phone, and name with postcode, each
 * normalised so the way it was typed does not matter. Staff give any of
 * them; each is normalised the same way and looked up.
 */
export type IdentifierKind = 'email' | 'phone' | 'name-postcode';

export interface ResidentIdentifier {
  readonly kind: IdentifierKind;
  /** The normalised value (hashed before it goes into a key). */
  readonly value: string;
}

/**
 * An email address as one spelling: trimmed, lower-case. Undefined for
 * anything without a local part and a domain.
 *
 * @example
 * normaliseEmail(' Jo.Bloggs@Example.ORG '); // 'jo.bloggs@example.org'
 */
export function normaliseEmail(email: string): string | undefined {
  const value = email.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(value) ? value : undefined;
}

/**
 * A phone number as UK national digits: spaces, dashes and brackets go,
 * `+44`, `0044` and a written `(0)` become the leading 0. A number from
 * abroad keeps its `+` and country code. Undefined when too few digits
 * are left to be a number.
 *
 * @example
 * normaliseUkPhone('+44 (0)7700 900-123'); // '07700900123'
 * normaliseUkPhone('07700 900123');        // '07700900123'
 */
export function normaliseUkPhone(phone: string): string | undefined {
  const compact = phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  const national = compact.startsWith('+44')
    ? `0${compact.slice(3)}`
    : compact.startsWith('0044')
      ? `0${compact.slice(4)}`
      : compact;
  if (/^0\d{9,10}$/.test(national)) return national;
  if (/^\+\d{7,15}$/.test(national)) return national;
  return undefined;
}

/** A UK postcode anywhere in a line: outward code, optional space, inward. */
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/i;

/**
 * A postcode as one spelling: upper-case, no spaces. Undefined for text
 * that is not a UK postcode.
 *
 * @example
 * normalisePostcode(' ex1 1aa'); // 'EX11AA'
 */
export function normalisePostcode(postcode: string): string | undefined {
  const match = POSTCODE.exec(postcode.trim().replace(/\s+/g, ' '));
  return match === null
    ? undefined
    : `${match[1] ?? ''}${match[2] ?? ''}`.toUpperCase();
}

/**
 * The postcode of an address: the last line that has one.
 *
 * @example
 * postcodeOf(['1 High Street', 'Exeter', 'EX1 1AA']); // 'EX11AA'
 */
export function postcodeOf(
  address: readonly string[] | undefined,
): string | undefined {
  for (const line of [...(address ?? [])].reverse()) {
    const postcode = normalisePostcode(line);
    if (postcode !== undefined) return postcode;
  }
  return undefined;
}

/**
 * A name as one spelling: lower-case, punctuation and repeated spaces
 * gone, so "Mrs. J  Smith" and "mrs j smith" are one.
 *
 * @example
 * normaliseName('  Mrs. J  Smith '); // 'mrs j smith'
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Name and postcode as one identifier, `name|POSTCODE`; undefined when
 * either is missing.
 *
 * @example
 * namePostcode('Jo Bloggs', 'ex1 1aa'); // 'jo bloggs|EX11AA'
 */
export function namePostcode(
  name: string,
  postcode: string | undefined,
): string | undefined {
  const who = normaliseName(name);
  const where =
    postcode === undefined ? undefined : normalisePostcode(postcode);
  return who === '' || where === undefined ? undefined : `${who}|${where}`;
}

/**
 * The one identifier a complaint is indexed under: the resident's email
 * if it normalises, else their phone, else their name with the postcode
 * of their address; undefined when they gave none of these (the case is
 * then found by its reference only).
 *
 * @example
 * residentIdentifier({ name: 'Jo', phone: '07700 900123' });
 * // { kind: 'phone', value: '07700900123' }
 */
export function residentIdentifier(
  contact: Contact,
): ResidentIdentifier | undefined {
  const email =
    contact.email === undefined ? undefined : normaliseEmail(contact.email);
  if (email !== undefined) return { kind: 'email', value: email };
  const phone =
    contact.phone === undefined ? undefined : normaliseUkPhone(contact.phone);
  if (phone !== undefined) return { kind: 'phone', value: phone };
  const named = namePostcode(contact.name, postcodeOf(contact.address));
  return named === undefined
    ? undefined
    : { kind: 'name-postcode', value: named };
}

/** What a member of staff searched by. */
export interface ResidentSearch {
  readonly email?: string;
  readonly phone?: string;
  readonly name?: string;
  readonly postcode?: string;
}

/**
 * Each identifier a search names, normalised as `residentIdentifier`
 * normalises a resident's, in the order email, phone, name with
 * postcode. A value that does not normalise is left out (the caller
 * says which).
 *
 * @example
 * searchIdentifiers({ email: 'JO@example.org', name: 'Jo', postcode: 'EX1 1AA' });
 * // [{ kind: 'email', value: 'jo@example.org' },
 * //  { kind: 'name-postcode', value: 'jo|EX11AA' }]
 */
export function searchIdentifiers(
  search: ResidentSearch,
): ResidentIdentifier[] {
  const out: ResidentIdentifier[] = [];
  const email =
    search.email === undefined ? undefined : normaliseEmail(search.email);
  if (email !== undefined) out.push({ kind: 'email', value: email });
  const phone =
    search.phone === undefined ? undefined : normaliseUkPhone(search.phone);
  if (phone !== undefined) out.push({ kind: 'phone', value: phone });
  const named =
    search.name === undefined
      ? undefined
      : namePostcode(search.name, search.postcode);
  if (named !== undefined) out.push({ kind: 'name-postcode', value: named });
  return out;
}
