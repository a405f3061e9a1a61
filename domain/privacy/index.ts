/**
 * Data protection (UK GDPR): the one identifier a resident's complaints
 * are found by for a subject access request, the retention period's
 * verdict on a case, and the anonymisation that removes a resident's
 * personal data and every free text while keeping the Board's figures.
 */
export {
  anonymise,
  anonymiseEvent,
  anonymiseIntent,
} from './anonymise.js';
export {
  type IdentifierKind,
  namePostcode,
  normaliseEmail,
  normaliseName,
  normalisePostcode,
  normaliseUkPhone,
  postcodeOf,
  type ResidentIdentifier,
  type ResidentSearch,
  residentIdentifier,
  searchIdentifiers,
} from './identifiers.js';
export {
  caseEndedOn,
  type RetentionVerdict,
  retentionCutoffMonth,
  retentionEndsOn,
  retentionVerdict,
} from './retention.js';
