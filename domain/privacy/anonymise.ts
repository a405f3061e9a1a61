import type { IsoDate } from '../calendar/index.js';
import type { ComplaintEvent } from '../complaint/events.js';
import type { Intent } from '../complaint/intents.js';
import type {
  ComplaintDefinition,
  ComplaintState,
  Correspondence,
  Declination,
  EscalationRefusal,
  EscalationRequest,
  EvidenceRequest,
  Extension,
  Issue,
  LetterRecord,
  OutstandingAction,
  Remedy,
  Resident,
  Restriction,
  StageRecord,
  StageResponse,
} from '../complaint/model.js';

/**
 * What a removed free text becomes: empty, not a marker, so nothing
 * counts it as something said (the learning notes skip blank learning)
 * and the field's presence, which some figures read, is kept.
 */
const REMOVED = '';

/** An optional free text: blanked where it was given, absent where not. */
function blank<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: REMOVED } as Record<K, string>);
}

/**
 * The resident with nothing that identifies them: no name, email, phone,
 * address or language; no accessible formats (they can reveal a
 * disability). Tenure stays: CH01 is split by it.
 */
function anonymousResident(resident: Resident): Resident {
  return {
    name: REMOVED,
    preferredContact: resident.preferredContact,
    formats: [],
    ...(resident.tenure === undefined ? {} : { tenure: resident.tenure }),
  };
}

function anonymousIssue(issue: Issue): Issue {
  return {
    id: issue.id,
    summary: REMOVED,
    inScope: issue.inScope,
    ...blank('signpost', issue.signpost),
  };
}

function anonymousDefinition(
  definition: ComplaintDefinition,
): ComplaintDefinition {
  return {
    issues: definition.issues.map(anonymousIssue),
    outcomesSought: definition.outcomesSought.map(() => REMOVED),
  };
}

function anonymousExtension(extension: Extension): Extension {
  return {
    ...extension,
    reasons: REMOVED,
    ...blank('goodReason', extension.goodReason),
  };
}

function anonymousResponse(response: StageResponse): StageResponse {
  return {
    ...response,
    summary: REMOVED,
    decisions: response.decisions.map((d) => ({ ...d, reasons: REMOVED })),
  };
}

function anonymousStage(stage: StageRecord): StageRecord {
  const { definition, response, ...rest } = stage;
  return {
    ...rest,
    extensions: stage.extensions.map(anonymousExtension),
    ...(definition === undefined
      ? {}
      : { definition: anonymousDefinition(definition) }),
    ...(response === undefined
      ? {}
      : { response: anonymousResponse(response) }),
  };
}

const anonymousRemedy = (remedy: Remedy): Remedy => ({
  ...remedy,
  description: REMOVED,
});

const anonymousAction = (action: OutstandingAction): OutstandingAction => ({
  ...action,
  description: REMOVED,
});

const anonymousEvidenceRequest = (
  request: EvidenceRequest,
): EvidenceRequest => ({ ...request, description: REMOVED });

const anonymousRestriction = (restriction: Restriction): Restriction => ({
  ...restriction,
  reasons: REMOVED,
  equalityActConsideration: REMOVED,
});

const anonymousEscalation = (
  escalation: EscalationRequest,
): EscalationRequest => ({
  ...escalation,
  ...blank('reasons', escalation.reasons),
});

const anonymousRefusal = (refusal: EscalationRefusal): EscalationRefusal => ({
  ...refusal,
  reasons: REMOVED,
});

const anonymousDeclination = (declination: Declination): Declination => ({
  ...declination,
  reasons: REMOVED,
  ...blank('discretion', declination.discretion),
});

/** The resident's mail system named its Message-ID: it goes. */
function anonymousCorrespondence(c: Correspondence): Correspondence {
  const { messageId: _m, ...rest } = c;
  return { ...rest, summary: REMOVED };
}

/** The letter's PDF is deleted with the case's files: its key goes. */
function anonymousLetter(letter: LetterRecord): LetterRecord {
  const { pdfKey: _p, ...rest } = letter;
  return rest;
}

/**
 * The complaint with the resident's personal data and every free text
 * removed (UK GDPR Art. 5(1)(e), once the policy's retention period has
 * run), keeping what the Board's figures count: dates, classification,
 * channel, category, tenure, stages, statuses, decisions, remedy kinds
 * and amounts, extensions, clocks and their breaches, letter kinds and
 * dates, and staff ids. Gone: the resident's name, email, phone, address,
 * language, formats, adjustments and vulnerability, the representative,
 * every summary, reason, note, question, outcome sought, description and
 * learning, the Message-IDs of their mail and every file (attachments
 * and letter PDFs are deleted from storage with it).
 *
 * Idempotent: an anonymised complaint comes back unchanged.
 *
 * @example
 * const anonymous = anonymise(state, '2032-05-01');
 * anonymous.resident.name; // ''
 * anonymous.anonymisedOn;  // '2032-05-01'
 */
export function anonymise(state: ComplaintState, on: IsoDate): ComplaintState {
  if (state.anonymisedOn !== undefined) return state;
  const {
    resident,
    representative: _representative,
    vulnerability: _vulnerability,
    sourceMessageId: _sourceMessageId,
    outcomeSought,
    informal,
    stage1,
    stage2,
    escalation,
    escalationRefusal,
    declination,
    closure,
    withdrawal,
    ...rest
  } = state;
  return {
    ...rest,
    summary: REMOVED,
    ...blank('outcomeSought', outcomeSought),
    resident: anonymousResident(resident),
    adjustments: [],
    ...(informal === undefined
      ? {}
      : {
          informal: {
            startedOn: informal.startedOn,
            ...blank('resolution', informal.resolution),
          },
        }),
    ...(stage1 === undefined ? {} : { stage1: anonymousStage(stage1) }),
    ...(stage2 === undefined ? {} : { stage2: anonymousStage(stage2) }),
    ...(escalation === undefined
      ? {}
      : { escalation: anonymousEscalation(escalation) }),
    ...(escalationRefusal === undefined
      ? {}
      : { escalationRefusal: anonymousRefusal(escalationRefusal) }),
    ...(declination === undefined
      ? {}
      : { declination: anonymousDeclination(declination) }),
    remedies: state.remedies.map(anonymousRemedy),
    actions: state.actions.map(anonymousAction),
    evidenceRequests: state.evidenceRequests.map(anonymousEvidenceRequest),
    restrictions: state.restrictions.map(anonymousRestriction),
    correspondence: state.correspondence.map(anonymousCorrespondence),
    attachments: [],
    letters: state.letters.map(anonymousLetter),
    clarifications: state.clarifications.map((c) => ({
      ...c,
      questions: REMOVED,
    })),
    ...(closure === undefined
      ? {}
      : {
          closure: {
            reason: REMOVED,
            ...blank('learning', closure.learning),
          },
        }),
    ...(withdrawal === undefined
      ? {}
      : { withdrawal: { reason: REMOVED, on: withdrawal.on } }),
    anonymisedOn: on,
  };
}

/**
 * One event with the same removals as `anonymise`, so folding the
 * anonymised history gives the anonymised state (the case's full record
 * stays readable, and stays in step with its state). Idempotent.
 *
 * @example
 * anonymiseEvent({ type: 'closed', reason: 'Resolved with Mrs Smith', on: '2026-03-02', at, by });
 * // { type: 'closed', reason: '', on: '2026-03-02', at, by }
 */
export function anonymiseEvent(event: ComplaintEvent): ComplaintEvent {
  switch (event.type) {
    case 'complaint-received': {
      const {
        resident,
        representative: _representative,
        vulnerability: _vulnerability,
        messageId: _messageId,
        outcomeSought,
        ...rest
      } = event;
      return {
        ...rest,
        summary: REMOVED,
        ...blank('outcomeSought', outcomeSought),
        resident: anonymousResident(resident),
        adjustments: [],
        attachments: [],
      };
    }
    case 'classified':
    case 'logged-at-stage-1':
    case 'withdrawn':
    case 'reopened':
      return { ...event, reason: REMOVED };
    case 'closed':
      return {
        ...event,
        reason: REMOVED,
        ...blank('learning', event.learning),
      };
    case 'resolved-informally':
      return { ...event, resolution: REMOVED };
    case 'declined':
      return { ...event, ...anonymousDeclination(event) };
    case 'clarification-requested':
      return { ...event, questions: REMOVED };
    case 'acknowledged':
      return { ...event, definition: anonymousDefinition(event.definition) };
    case 'extended':
      return { ...event, ...anonymousExtension(event) };
    case 'issue-added':
    case 'issue-logged-as-new-complaint':
      return { ...event, issue: anonymousIssue(event.issue) };
    case 'responded':
      return {
        ...event,
        response: anonymousResponse(event.response),
        remedies: event.remedies.map(anonymousRemedy),
        actions: event.actions.map(anonymousAction),
      };
    case 'escalation-requested':
      return { ...event, ...anonymousEscalation(event) };
    case 'escalation-refused':
      return { ...event, reasons: REMOVED };
    case 'remedy-recorded':
      return { ...event, remedy: anonymousRemedy(event.remedy) };
    case 'action-added':
      return { ...event, action: anonymousAction(event.action) };
    case 'evidence-requested':
      return { ...event, request: anonymousEvidenceRequest(event.request) };
    case 'contact-restricted':
      return { ...event, restriction: anonymousRestriction(event.restriction) };
    case 'restriction-reviewed':
      return { ...event, notes: REMOVED };
    case 'correspondence-recorded': {
      const { messageId: _messageId, ...rest } = event;
      return { ...rest, summary: REMOVED, attachments: [] };
    }
    case 'letter-recorded':
      return { ...event, letter: anonymousLetter(event.letter) };
    case 'complaint-raised-from-request':
    case 'handler-assigned':
    case 'meeting-recorded':
    case 'remedy-completed':
    case 'action-completed':
    case 'evidence-provided':
    case 'letter-posted':
    case 'clock-reminded':
    case 'clock-breached':
      return event;
    default:
      return unreachable(event);
  }
}

/** A new event type fails the build here until it is decided on. */
function unreachable(event: never): never {
  throw new Error(`No anonymisation for ${JSON.stringify(event)}`);
}

/**
 * An outbox intent with the same removals: a linked complaint's issue
 * carries the resident's words. Idempotent.
 *
 * @example
 * anonymiseIntent({ type: 'send-letter', letterId, kind: 'closure' }); // unchanged
 */
export function anonymiseIntent(intent: Intent): Intent {
  return intent.type === 'open-linked-complaint'
    ? { ...intent, issue: anonymousIssue(intent.issue) }
    : intent;
}
