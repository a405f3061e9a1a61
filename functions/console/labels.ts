/**
 * How the console names what the domain records: statuses, clocks,
 * letters, remedies and events, in the words a complaints team uses.
 */
import type {
  Channel,
  ComplaintEvent,
  LetterKind,
  LetterStatus,
  RemedyKind,
  RestrictionKind,
  Status,
} from '@hearth/domain';
import { formatPounds } from '@hearth/domain';
import type { ClockState } from '../shared/case-views.js';
import { formatDate } from '../shared/pages/render.js';

export const statusLabels: Record<Status, string> = {
  recorded: 'Recorded (not a complaint)',
  informal: 'Informal stage',
  'stage1-received': 'Stage 1: received',
  'stage1-acknowledged': 'Stage 1: acknowledged',
  'stage1-responded': 'Stage 1: responded',
  'stage2-received': 'Stage 2: requested',
  'stage2-acknowledged': 'Stage 2: acknowledged',
  'stage2-responded': 'Stage 2: responded',
  'escalation-refused': 'Escalation refused',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

export function statusLabel(status: string): string {
  return statusLabels[status as Status] ?? status;
}

export const channelLabels: Record<Channel, string> = {
  phone: 'Phone',
  letter: 'Letter',
  'in-person': 'In person',
  'social-media': 'Social media',
  email: 'Email',
  web: 'Web form',
};

export function channelLabel(channel: string): string {
  return channelLabels[channel as Channel] ?? channel;
}

export const letterLabels: Record<LetterKind, string> = {
  'receipt-confirmation': 'Receipt confirmation',
  'service-request-notice': 'Service request notice',
  decline: 'Decline',
  'clarification-request': 'Clarification request',
  'stage1-acknowledgement': 'Stage 1 acknowledgement',
  'stage1-extension': 'Stage 1 extension',
  'stage1-response': 'Stage 1 response',
  'stage2-acknowledgement': 'Stage 2 acknowledgement',
  'stage2-extension': 'Stage 2 extension',
  'stage2-response': 'Stage 2 response',
  'escalation-refusal': 'Escalation refusal',
  closure: 'Closure',
  'withdrawal-confirmation': 'Withdrawal confirmation',
};

export function letterLabel(kind: string): string {
  return letterLabels[kind as LetterKind] ?? kind;
}

export const letterStatusLabels: Record<LetterStatus, string> = {
  sent: 'Emailed',
  'queued-for-post': 'Printed, waiting to be posted',
  posted: 'Posted',
  blocked: 'Blocked: not sent',
};

export const remedyLabels: Record<RemedyKind, string> = {
  apology: 'Apology',
  acknowledgement: 'Acknowledgement',
  explanation: 'Explanation',
  'action-on-delay': 'Action on a delay',
  'reconsider-decision': 'Reconsider a decision',
  'amend-record': 'Amend a record',
  financial: 'Financial',
  'policy-change': 'Policy change',
  other: 'Other',
};

export const restrictionLabels: Record<RestrictionKind, string> = {
  'single-point-of-contact': 'Single point of contact',
  'set-contact-times': 'Set contact times',
  'written-contact-only': 'Written contact only',
  'appointment-only': 'Appointments only',
  other: 'Other',
};

/** A clock's state as a govuk tag: colour for the eye, words for everyone. */
export function clockTag(state: ClockState | 'target'): {
  text: string;
  classes: string;
} {
  switch (state) {
    case 'breached':
      return { text: 'Breached', classes: 'govuk-tag--red' };
    case 'due-today':
      return { text: 'Due today', classes: 'govuk-tag--orange' };
    case 'due-soon':
      return { text: 'Due soon', classes: 'govuk-tag--yellow' };
    case 'on-track':
      return { text: 'On track', classes: 'govuk-tag--green' };
    case 'target':
      return { text: 'Target', classes: 'govuk-tag--grey' };
  }
}

/** `stage1.respond` → `Stage 1: respond`; `remedy.<id>` → `Remedy`. */
export function clockName(clockId: string): string {
  const [scope = '', what = ''] = clockId.split('.');
  const stage = /^stage([12])$/.exec(scope);
  if (stage !== null) {
    return `Stage ${stage[1]}: ${what.replaceAll('-', ' ')}`;
  }
  const names: Record<string, string> = {
    informal: 'Informal stage: resolve',
    evidence: 'Ombudsman evidence',
    remedy: 'Remedy',
    action: 'Outstanding action',
    restriction: 'Restriction review',
  };
  return names[scope] ?? clockId;
}

/** What an event did, in a line (the full record is the state itself). */
export function eventText(e: ComplaintEvent): string {
  switch (e.type) {
    case 'complaint-received':
      return `Received by ${channelLabel(e.channel).toLowerCase()} (${e.classification.replace('-', ' ')})`;
    case 'classified':
      return `Reclassified from ${e.from} to ${e.to}: ${e.reason}`;
    case 'complaint-raised-from-request':
      return `Complaint ${e.complaintId} raised from this request`;
    case 'logged-at-stage-1':
      return `Moved to stage 1: ${e.reason}`;
    case 'resolved-informally':
      return `Resolved informally: ${e.resolution}`;
    case 'declined':
      return `Declined (${e.exclusionCode}): ${e.reasons}`;
    case 'clarification-requested':
      return `Clarification asked for at stage ${e.stage}`;
    case 'acknowledged':
      return `Stage ${e.stage} acknowledged and defined (${e.definition.issues.length} issues)${e.late ? ', late' : ''}`;
    case 'extended':
      return `Stage ${e.stage} response date moved from ${formatDate(e.fromDueOn)} to ${formatDate(e.toDueOn)}: ${e.reasons}`;
    case 'issue-added':
      return `Issue added at stage ${e.stage}: ${e.issue.summary}`;
    case 'issue-logged-as-new-complaint':
      return `Issue logged as new complaint ${e.complaintId}: ${e.issue.summary}`;
    case 'responded':
      return `Stage ${e.stage} response sent${e.response.onTime ? '' : ', late'}`;
    case 'escalation-requested':
      return `Stage 2 requested by ${channelLabel(e.channel).toLowerCase()}${e.late ? ', after the window' : ''}`;
    case 'escalation-refused':
      return `Escalation refused (${e.groundCode}): ${e.reasons}`;
    case 'handler-assigned':
      return `Stage ${e.stage} assigned to ${e.handler}`;
    case 'meeting-recorded':
      return `Stage ${e.stage} review meeting held on ${formatDate(e.heldOn)}`;
    case 'remedy-recorded':
      return `Remedy recorded: ${remedyLabels[e.remedy.kind]}${e.remedy.amountPence === undefined ? '' : ` ${formatPounds(e.remedy.amountPence)}`}`;
    case 'remedy-completed':
      return 'Remedy completed';
    case 'action-added':
      return `Action added: ${e.action.description}`;
    case 'action-completed':
      return 'Action completed';
    case 'withdrawn':
      return `Withdrawn: ${e.reason}`;
    case 'closed':
      return `Closed: ${e.reason}`;
    case 'reopened':
      return `Reopened (${statusLabel(e.to)}): ${e.reason}`;
    case 'evidence-requested':
      return `Ombudsman asked for evidence, due ${formatDate(e.request.dueOn)}`;
    case 'evidence-provided':
      return `Evidence sent to the Ombudsman${e.late ? ', late' : ''}`;
    case 'contact-restricted':
      return `Contact restricted: ${restrictionLabels[e.restriction.kind]}`;
    case 'restriction-reviewed':
      return `Restriction reviewed: ${e.outcome === 'lift' ? 'lifted' : 'continues'}`;
    case 'correspondence-recorded':
      return `${e.direction === 'in' ? 'From' : 'To'} the resident by ${channelLabel(e.channel).toLowerCase()}: ${e.summary}`;
    case 'letter-recorded':
      return `Letter: ${letterLabel(e.letter.kind)}: ${letterStatusLabels[e.letter.status].toLowerCase()}`;
    case 'letter-posted':
      return 'Letter posted';
    case 'clock-reminded':
      return `Reminder: ${clockName(e.clockId)} due ${formatDate(e.dueOn)}`;
    case 'clock-breached':
      return `Breach: ${clockName(e.clockId)} was due ${formatDate(e.dueOn)}`;
  }
}
