import type { ScheduleIntent } from '../deadlines/index.js';
import type { LetterKind } from '../letters/kinds.js';
import type { Policy } from '../policy/policy.js';
import type { ComplaintEvent } from './events.js';
import type { ComplaintState, Issue, Stage } from './model.js';

/**
 * A side effect a decision implies, carried on the saved event item (the
 * outbox, DESIGN §2) and carried out by the letters and schedules jobs.
 * Every intent has a deterministic identity, so doing it twice is harmless.
 */
export type Intent =
  | {
      readonly type: 'send-letter';
      /** `<complaint id>/<kind>/<version>`: one letter per decision. */
      readonly letterId: string;
      readonly kind: LetterKind;
      readonly stage?: Stage;
    }
  | { readonly type: 'create-schedule'; readonly schedule: ScheduleIntent }
  | { readonly type: 'delete-schedule'; readonly schedule: ScheduleIntent }
  | {
      readonly type: 'open-linked-complaint';
      readonly complaintId: string;
      readonly fromComplaintId: string;
      readonly issue: Issue;
    };

/**
 * The letters a decision's events call for. Letters are composed later
 * from the state at this version, so the intent stays small.
 */
export function letterIntents(
  state: ComplaintState,
  events: readonly ComplaintEvent[],
  version: number,
  policy: Policy,
): Intent[] {
  const letter = (kind: LetterKind, stage?: Stage): Intent => ({
    type: 'send-letter',
    letterId: `${state.id}/${kind}/${version}`,
    kind,
    ...(stage === undefined ? {} : { stage }),
  });
  const out: Intent[] = [];
  for (const e of events) {
    const kind = letterFor(e, state, policy);
    if (kind !== undefined) out.push(letter(kind, stageOfEvent(e)));
  }
  return out;
}

function letterFor(
  e: ComplaintEvent,
  state: ComplaintState,
  policy: Policy,
): LetterKind | undefined {
  switch (e.type) {
    case 'complaint-received':
      // LiveWest-style "confirm receipt within 24 hours" where the policy
      // has it, and always an automatic reply to an email.
      return e.classification === 'complaint' &&
        (policy.receiptConfirmation !== undefined || e.channel === 'email')
        ? 'receipt-confirmation'
        : undefined;
    case 'classified':
      return e.to === 'service-request' ? 'service-request-notice' : undefined;
    case 'declined':
      return 'decline';
    case 'clarification-requested':
      return 'clarification-request';
    case 'acknowledged':
      return e.stage === 1
        ? 'stage1-acknowledgement'
        : 'stage2-acknowledgement';
    case 'extended':
      return e.stage === 1 ? 'stage1-extension' : 'stage2-extension';
    case 'responded':
      return e.stage === 1 ? 'stage1-response' : 'stage2-response';
    case 'escalation-refused':
      return 'escalation-refusal';
    case 'closed':
      return state.classification === 'complaint' ? 'closure' : undefined;
    case 'withdrawn':
      return 'withdrawal-confirmation';
    default:
      return undefined;
  }
}

function stageOfEvent(e: ComplaintEvent): Stage | undefined {
  return 'stage' in e && (e.stage === 1 || e.stage === 2) ? e.stage : undefined;
}
