import { addMonths, compareDates, type IsoDate } from '../calendar/index.js';
import type { ComplaintState } from '../complaint/model.js';
import type { RetentionRule } from '../policy/policy.js';

/**
 * The day a finished case ended: closed, withdrawn, declined, or its
 * escalation refused (each a final status). Undefined while it is open.
 *
 * @example
 * caseEndedOn(closedState); // closedState.closedOn
 */
export function caseEndedOn(state: ComplaintState): IsoDate | undefined {
  switch (state.status) {
    case 'closed':
      return state.closedOn;
    case 'withdrawn':
      return state.withdrawal?.on;
    case 'declined':
      return state.declination?.on;
    case 'escalation-refused':
      return state.escalationRefusal?.on;
    default:
      return undefined;
  }
}

/**
 * The first day a case ended on `endedOn` is past the retention period:
 * the same date `closedCaseYears` later (29 February becomes 28 February).
 *
 * @example
 * retentionEndsOn('2020-02-29', { closedCaseYears: 6, citation }); // '2026-02-28'
 */
export function retentionEndsOn(
  endedOn: IsoDate,
  rule: RetentionRule,
): IsoDate {
  return addMonths(endedOn, rule.closedCaseYears * 12);
}

/**
 * The latest month a case due today can have been received in (it ended
 * no later than that month, and was received no later than it ended):
 * the bound of the months the retention job reads.
 *
 * @example
 * retentionCutoffMonth('2026-11-25', { closedCaseYears: 6, citation }); // '2020-11'
 */
export function retentionCutoffMonth(
  today: IsoDate,
  rule: RetentionRule,
): string {
  return addMonths(today, -rule.closedCaseYears * 12).slice(0, 7);
}

export type RetentionVerdict =
  | { readonly due: true; readonly endedOn: IsoDate }
  | {
      readonly due: false;
      readonly why:
        | 'anonymised'
        | 'open'
        | 'within-period'
        /** The Ombudsman is waiting on evidence: the record is needed. */
        | 'evidence-outstanding';
    };

/**
 * Whether the retention job anonymises a case today: it has ended, the
 * policy's period after that day has run (`retentionEndsOn` ≤ today), it
 * is not already anonymised, and no Ombudsman evidence request on it is
 * unanswered.
 *
 * @example
 * retentionVerdict(closedOn20200315, code2024.retention, '2026-03-15');
 * // { due: true, endedOn: '2020-03-15' }
 */
export function retentionVerdict(
  state: ComplaintState,
  rule: RetentionRule,
  today: IsoDate,
): RetentionVerdict {
  if (state.anonymisedOn !== undefined)
    return { due: false, why: 'anonymised' };
  const endedOn = caseEndedOn(state);
  if (endedOn === undefined) return { due: false, why: 'open' };
  if (compareDates(retentionEndsOn(endedOn, rule), today) > 0) {
    return { due: false, why: 'within-period' };
  }
  if (state.evidenceRequests.some((r) => r.providedOn === undefined)) {
    return { due: false, why: 'evidence-outstanding' };
  }
  return { due: true, endedOn };
}
