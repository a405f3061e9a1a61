/**
 * The resident's words for what the domain records: statuses, letters,
 * clocks, policy timings. Staff labels ("Stage 1: acknowledge and
 * define") are for officers; these say what happens to the resident.
 */
import type {
  ClockStart,
  ComplaintState,
  LetterKind,
  LetterRecord,
  Policy,
  RunningClock,
} from '@hearth/domain';

const letterKindWords: Readonly<Record<LetterKind, string>> = {
  'receipt-confirmation': 'We received your complaint',
  'service-request-notice': 'We are dealing with this as a service request',
  decline: 'Why we are not taking your complaint forward',
  'clarification-request': 'We asked you to tell us more',
  'stage1-acknowledgement': 'We acknowledged your complaint (stage 1)',
  'stage1-extension': 'We need more time for our stage 1 response',
  'stage1-response': 'Our stage 1 response',
  'stage2-acknowledgement': 'We acknowledged your stage 2 request',
  'stage2-extension': 'We need more time for our stage 2 response',
  'stage2-response': 'Our stage 2 response (our final response)',
  'escalation-refusal': 'Why we are not taking your complaint to stage 2',
  closure: 'We closed your complaint',
  'withdrawal-confirmation': 'You withdrew your complaint',
};

export function letterKindText(kind: string): string {
  return letterKindWords[kind as LetterKind] ?? 'A letter about your complaint';
}

/**
 * How a letter went. A letter the check held back (blocked) has not been
 * sent and is not listed; staff see it on their side.
 */
export function deliveryText(letter: LetterRecord): string | undefined {
  const emailed = letter.messageId !== undefined;
  switch (letter.status) {
    case 'sent':
      return 'By email';
    case 'queued-for-post':
      return emailed
        ? 'By email, with a printed copy to follow by post'
        : 'By post (being printed)';
    case 'posted':
      return emailed ? 'By email and by post' : 'By post';
    case 'blocked':
      return undefined;
  }
}

/** Where the complaint is, in a line. */
export function statusText(state: ComplaintState, policy: Policy): string {
  switch (state.status) {
    case 'recorded':
      return {
        complaint: 'Recorded',
        'service-request':
          'We are dealing with this as a service request, not a complaint',
        compliment: 'Recorded as a compliment: thank you',
        comment: 'Recorded as a comment',
      }[state.classification];
    case 'informal':
      return `${policy.informalStage?.name ?? 'Informal'}: we are trying to resolve it informally`;
    case 'stage1-received':
      return 'Stage 1: we have your complaint and will acknowledge it';
    case 'stage1-acknowledged':
      return 'Stage 1: we are looking into your complaint';
    case 'stage1-responded':
      return 'Stage 1: we have sent our response';
    case 'stage2-received':
      return 'Stage 2: we have your request and will acknowledge it';
    case 'stage2-acknowledged':
      return 'Stage 2: we are reviewing your complaint';
    case 'stage2-responded':
      return 'Stage 2: we have sent our final response';
    case 'escalation-refused':
      return 'We did not take your complaint to stage 2';
    case 'declined':
      return 'We did not take your complaint forward';
    case 'withdrawn':
      return 'Withdrawn';
    case 'closed':
      return 'Closed';
  }
}

/**
 * A running clock as the resident reads it, or undefined for the clocks
 * that are the landlord's own business (evidence for the Ombudsman, the
 * review of a contact restriction).
 */
export function clockText(
  clock: Pick<RunningClock, 'id' | 'kind' | 'stage'>,
  state?: ComplaintState,
): string | undefined {
  const stage = clock.stage === 2 ? 'stage 2' : 'stage 1';
  switch (clock.kind) {
    case 'acknowledge':
      return clock.stage === 2
        ? 'We will acknowledge your stage 2 request by'
        : 'We will acknowledge your complaint by';
    case 'respond':
      return clock.stage === 2
        ? 'We will send our stage 2 (final) response by'
        : 'We will send our stage 1 response by';
    case 'meeting':
      return `We will hold the ${stage} review meeting by`;
    case 'early-resolution':
      return 'We aim to resolve your complaint early by';
    case 'informal-resolution':
      return 'We aim to resolve your complaint informally by';
    case 'update':
      return 'We will next update you on progress by';
    case 'escalation-window':
      return 'You can ask for a stage 2 review until';
    case 'auto-close':
      return 'If we do not hear from you, we may close your complaint after';
    case 'remedy': {
      const id = clock.id.slice('remedy.'.length);
      const remedy = state?.remedies.find((r) => r.id === id);
      return `We will put things right (${remedy?.description ?? 'as agreed'}) by`;
    }
    case 'action': {
      const id = clock.id.slice('action.'.length);
      const action = state?.actions.find((a) => a.id === id);
      return `We will ${action === undefined ? 'complete an agreed action' : `do what we agreed (${action.description})`} by`;
    }
    case 'evidence':
    case 'restriction-review':
      return undefined;
  }
}

/** "within 5 working days of …", for a stage's clock. */
export function fromText(from: ClockStart, stage: 1 | 2): string {
  switch (from) {
    case 'receipt':
      return stage === 1
        ? 'of receiving your complaint'
        : 'of receiving your request for stage 2';
    case 'acknowledgement':
      return stage === 1
        ? 'of acknowledging your complaint'
        : 'of acknowledging your stage 2 request';
    case 'original-complaint':
      return 'of receiving your original complaint';
    case 'meeting':
      return 'of the review meeting';
  }
}

export function workingDays(n: number): string {
  return n === 1 ? '1 working day' : `${n} working days`;
}

export function period(p: {
  readonly days: number;
  readonly unit: 'calendar-days' | 'working-days';
}): string {
  return p.unit === 'working-days'
    ? workingDays(p.days)
    : p.days === 1
      ? '1 day'
      : `${p.days} days`;
}

export const contactMethodText = {
  email: 'email',
  post: 'post',
  phone: 'phone',
} as const;

export const formatText = {
  'large-print': 'large print',
  'easy-read': 'easy read',
  braille: 'braille',
  audio: 'audio',
  translation: 'a translation',
} as const;
