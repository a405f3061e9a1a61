/**
 * The only place that spells a key (DESIGN §3). Every key starts with the
 * organisation id, so one deployment can serve a housing group and its
 * subsidiaries without any query crossing between them.
 */
import { createHash } from 'node:crypto';

const ORGANISATION = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** An organisation id safe to put in a key: lower-case letters, digits, hyphens. */
export function assertOrganisationId(organisationId: string): void {
  if (!ORGANISATION.test(organisationId)) {
    throw new Error(
      `Invalid organisation id: ${JSON.stringify(organisationId)}`,
    );
  }
}

/** A personal value as it may appear in a key: its SHA-256, in hex. */
const sha256 = (value: string) =>
  createHash('sha256').update(value, 'utf8').digest('hex');

const org = (organisationId: string) => {
  assertOrganisationId(organisationId);
  return `ORG#${organisationId}`;
};

/** Versions sort as text in the sort key, so pad them. */
const VERSION_DIGITS = 10;

export const keys = {
  /** The complaint's current state: one item per complaint. */
  complaint: (organisationId: string, complaintId: string) => ({
    pk: `${org(organisationId)}#COMPLAINT#${complaintId}`,
    sk: 'STATE',
  }),
  /** One append-only event item per saved decision, in version order. */
  event: (organisationId: string, complaintId: string, version: number) => ({
    pk: `${org(organisationId)}#COMPLAINT#${complaintId}`,
    sk: `EVENT#${String(version).padStart(VERSION_DIGITS, '0')}`,
  }),
  /** The prefix of a complaint's event sort keys (to read its history). */
  eventPrefix: 'EVENT#',
  /** The reference counter of one organisation and year. */
  referenceCounter: (organisationId: string, year: number) => ({
    pk: `${org(organisationId)}#COUNTER`,
    sk: `REFERENCE#${year}`,
  }),
  /** Work queue index: an open case, by its next due date. */
  workQueue: (
    organisationId: string,
    nextDueOn: string,
    complaintId: string,
  ) => ({
    queuePk: `${org(organisationId)}#QUEUE`,
    queueSk: `${nextDueOn}#${complaintId}`,
  }),
  /** Print queue index: a case with letters to post, by its oldest. */
  printQueue: (
    organisationId: string,
    oldestOn: string,
    complaintId: string,
  ) => ({
    printPk: `${org(organisationId)}#PRINT`,
    printSk: `${oldestOn}#${complaintId}`,
  }),
  /** Reporting index: a complaint, by the month it was received. */
  monthReceived: (
    organisationId: string,
    receivedOn: string,
    receivedAt: string,
    complaintId: string,
  ) => ({
    monthPk: `${org(organisationId)}#RECEIVED#${receivedOn.slice(0, 7)}`,
    monthSk: `${receivedAt}#${complaintId}`,
  }),
  /**
   * By-resident index: a complaint under its resident's one identifier
   * (`residentIdentifier`: normalised email, else phone, else
   * name|postcode), as its SHA-256 in hex so no key shows it.
   */
  resident: (
    organisationId: string,
    identifier: string,
    receivedAt: string,
    complaintId: string,
  ) => ({
    residentPk: `${org(organisationId)}#RESIDENT#${sha256(identifier)}`,
    residentSk: `${receivedAt}#${complaintId}`,
  }),
  /** One address's requests in one hour (a hash of the address, never the address). */
  rateWindow: (organisationId: string, addressHash: string, hour: string) => ({
    pk: `${org(organisationId)}#RATE#${addressHash}`,
    sk: `HOUR#${hour}`,
  }),
  /** Idempotency records' partition (Powertools' static partition key). */
  idempotency: (organisationId: string) => `${org(organisationId)}#IDEMPOTENCY`,
  /**
   * One draft of a reporting year's self-assessment (Code 8): every year
   * and draft of an organisation in one small partition, drafts in order.
   */
  selfAssessment: (organisationId: string, year: number, draft: number) => {
    if (!Number.isInteger(draft) || draft < 1) {
      throw new Error(`Invalid draft: ${JSON.stringify(draft)}`);
    }
    return {
      pk: `${org(organisationId)}#SELF_ASSESSMENT`,
      sk: `${selfAssessmentYear(year)}${String(draft).padStart(VERSION_DIGITS, '0')}`,
    };
  },
  /** The sort-key prefix of one year's drafts (to find the latest). */
  selfAssessmentYear: (year: number) => selfAssessmentYear(year),
  /** What staff add to a reporting year's annual report (Code 8.1–8.2). */
  annualReport: (organisationId: string, year: number) => ({
    pk: `${org(organisationId)}#ANNUAL_REPORT`,
    sk: `YEAR#${reportingYearOf(year)}`,
  }),
} as const;

/** A reporting year as its first calendar year, four digits. */
function reportingYearOf(year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new Error(`Invalid reporting year: ${JSON.stringify(year)}`);
  }
  return String(year);
}

function selfAssessmentYear(year: number): string {
  return `YEAR#${reportingYearOf(year)}#DRAFT#`;
}

/** What an item is, so the stream filter lets only event items through. */
export const itemKinds = {
  complaint: 'complaint',
  event: 'event',
  counter: 'counter',
  rate: 'rate',
  selfAssessment: 'self-assessment',
  annualReport: 'annual-report',
} as const;
