/**
 * A subject access export (UK GDPR Art. 15): everything Hearth holds
 * about one resident, found through the by-resident index by each
 * identifier staff give (never a scan).
 *
 * Primary course: normalise each identifier as the repository indexes
 * it, query the index for each, read each case found with its full record
 * (one consistent Query of its partition), keep it only if its resident's
 * identifier is still one of those searched (the index is eventually
 * consistent), and set out per complaint its record, timeline,
 * correspondence, letters with their words, files, remedies and actions.
 *
 * Letters are not stored as text: each is composed again, as the letters
 * job composed it, from the complaint as it stood at the decision that
 * called for it, dated the day it was recorded.
 */
import {
  applyDecision,
  type ComplaintEvent,
  type ComplaintState,
  composeLetter,
  type IdentifierKind,
  type Instant,
  type LandlordContact,
  letterKinds,
  type Policy,
  type ResidentSearch,
  renderLetterText,
  residentIdentifier,
  searchIdentifiers,
} from '@hearth/domain';
import type {
  DynamoDbComplaintRepository,
  StoredDecision,
} from '../shared/adapters/dynamodb/complaint-repository.js';
import { calendarFor } from '../shared/service.js';

export interface ExportDeps {
  readonly repository: Pick<
    DynamoDbComplaintRepository,
    'complaintsOfResident' | 'loadWithHistory'
  >;
  readonly policy: Policy;
  readonly landlord: LandlordContact;
}

export interface LetterCopy {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly on: string;
  /** The printed copy in the letters bucket, for post or large print. */
  readonly pdfKey?: string;
  /** The letter's words; absent for a letter blocked before sending. */
  readonly text?: string;
}

export interface ComplaintExport {
  readonly reference: string;
  readonly classification: string;
  readonly status: string;
  readonly channel: string;
  readonly receivedAt: Instant;
  readonly closedOn?: string;
  readonly resident: ComplaintState['resident'];
  readonly representative?: ComplaintState['representative'];
  /** Every decision saved, oldest first: who did what, when. */
  readonly timeline: readonly {
    readonly version: number;
    readonly at: string;
    readonly events: readonly ComplaintEvent[];
  }[];
  readonly correspondence: ComplaintState['correspondence'];
  readonly letters: readonly LetterCopy[];
  /** Files kept with the complaint: object key (mail bucket) and size. */
  readonly attachments: ComplaintState['attachments'];
  readonly remedies: ComplaintState['remedies'];
  readonly actions: ComplaintState['actions'];
  /** The complaint's whole stored record, as held. */
  readonly record: ComplaintState;
}

export interface SubjectAccessExport {
  readonly generatedAt: Instant;
  readonly landlord: string;
  readonly searchedBy: readonly IdentifierKind[];
  readonly complaints: readonly ComplaintExport[];
  /** What this export cannot find, said to the reader. */
  readonly limits: readonly string[];
}

const LIMITS = [
  "Each complaint is found under one identifier of the resident who made it: their email address if they gave one, else their phone number, else their name with the postcode of their address. A complaint the resident made under a different email or phone number, or as someone's representative, is found only by searching for that identifier too (or by its reference).",
  'Complaints whose personal data was removed at the end of the retention period hold nothing about the resident and are not listed.',
  'Letters are composed again from the record as it stood when each was sent; the printed copies (pdfKey) are the letters as posted.',
];

/** `<complaint id>/<kind>/<version>` → the kind and version. */
function letterOrigin(
  letterId: string,
): { kind: (typeof letterKinds)[number]; version: number } | undefined {
  const parts = letterId.split('/');
  const version = Number(parts.at(-1));
  const kind = letterKinds.find((k) => k === parts.at(-2));
  return kind === undefined || !Number.isInteger(version)
    ? undefined
    : { kind, version };
}

function letterCopies(
  deps: ExportDeps,
  state: ComplaintState,
  history: readonly StoredDecision[],
): LetterCopy[] {
  return state.letters.map((letter) => {
    const copy: LetterCopy = {
      id: letter.id,
      kind: letter.kind,
      status: letter.status,
      on: letter.on,
      ...(letter.pdfKey === undefined ? {} : { pdfKey: letter.pdfKey }),
    };
    const origin = letterOrigin(letter.id);
    if (letter.status === 'blocked' || origin === undefined) return copy;
    const then = stateAfter(history, origin.version);
    if (then === undefined) return copy;
    const composed = composeLetter(origin.kind, then, {
      policy: deps.policy,
      calendar: calendarFor(deps.policy),
      today: letter.on,
      landlord: deps.landlord,
      letterId: letter.id,
    });
    return { ...copy, text: renderLetterText(composed) };
  });
}

/** The state after `version`, folded from the history already read. */
function stateAfter(
  history: readonly StoredDecision[],
  version: number,
): ComplaintState | undefined {
  let state: ComplaintState | undefined;
  for (const decision of history) {
    if (decision.version > version) break;
    state = applyDecision(state, decision.events);
  }
  return state?.version === version ? state : undefined;
}

function complaintExport(
  deps: ExportDeps,
  state: ComplaintState,
  history: readonly StoredDecision[],
): ComplaintExport {
  return {
    reference: state.reference,
    classification: state.classification,
    status: state.status,
    channel: state.channel,
    receivedAt: state.receivedAt,
    ...(state.closedOn === undefined ? {} : { closedOn: state.closedOn }),
    resident: state.resident,
    ...(state.representative === undefined
      ? {}
      : { representative: state.representative }),
    timeline: history.map((d) => ({
      version: d.version,
      at: d.at,
      events: d.events,
    })),
    correspondence: state.correspondence,
    letters: letterCopies(deps, state, history),
    attachments: state.attachments,
    remedies: state.remedies,
    actions: state.actions,
    record: state,
  };
}

/**
 * Everything held about the resident a search names, in one
 * organisation, oldest complaint first.
 *
 * @example
 * const found = await subjectAccessExport(deps, 'local', { email: 'jo@example.org' }, now);
 * found.complaints.map((c) => c.reference); // ['HTH-2026-000004', …]
 */
export async function subjectAccessExport(
  deps: ExportDeps,
  organisationId: string,
  search: ResidentSearch,
  now: Instant,
): Promise<SubjectAccessExport> {
  const identifiers = searchIdentifiers(search);
  const values = new Set(identifiers.map((i) => i.value));
  const references = await deps.repository.complaintsOfResident(
    organisationId,
    [...values],
  );
  const complaints: ComplaintExport[] = [];
  for (const reference of references) {
    const found = await deps.repository.loadWithHistory(
      organisationId,
      reference,
    );
    if (found === undefined) continue;
    const held = residentIdentifier(found.state.resident);
    // The index may lag a change of contact details: trust the case.
    if (held === undefined || !values.has(held.value)) continue;
    if (found.state.anonymisedOn !== undefined) continue;
    complaints.push(complaintExport(deps, found.state, found.history));
  }
  return {
    generatedAt: now,
    landlord: deps.landlord.name,
    searchedBy: identifiers.map((i) => i.kind),
    complaints,
    limits: LIMITS,
  };
}
