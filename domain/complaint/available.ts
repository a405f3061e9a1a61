import {
  compareDates,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar/index.js';
import { responseDue } from '../deadlines/index.js';
import type { Policy } from '../policy/policy.js';
import type { CommandType } from './commands.js';
import type { ComplaintState, Stage, Status } from './model.js';

/** The commands staff send; the rest are the system jobs' own. */
export type AvailableCommandType = Exclude<
  CommandType,
  'receive' | 'note-clock' | 'record-letter'
>;

/** A command the complaint's state allows, with the stage it is for. */
export interface AvailableCommand {
  readonly type: AvailableCommandType;
  /** For the stage commands (acknowledge, extend, respond…): the open stage. */
  readonly stage?: Stage;
}

const finalStatuses: readonly Status[] = [
  'closed',
  'withdrawn',
  'declined',
  'escalation-refused',
];

/**
 * The commands `decide` would not refuse for the state of the complaint:
 * what a screen offers. Each test here is the state check `decide` makes
 * for that command (its status, the stage it is at, the remedies, actions,
 * requests, restrictions and letters still open, the policy's exclusions,
 * refusal grounds and extension cap, and whether the response is still
 * due on `today`); what is left to refuse is the input itself (a blank
 * reason, a date out of range, a stage 2 handler who handled stage 1).
 *
 * Primary course: find the open stage from the status, then list each
 * command whose state check passes, in the order a case usually runs.
 *
 * @example
 * availableCommands(received, code2024, calendar, '2026-11-23');
 * // [{ type: 'classify' }, …, { type: 'acknowledge', stage: 1 }, …]
 */
export function availableCommands(
  state: ComplaintState,
  policy: Policy,
  calendar: WorkingCalendar,
  today: IsoDate,
): AvailableCommand[] {
  const { status } = state;
  const open = openStage(status);
  const hasStage = state.stage1 !== undefined || state.stage2 !== undefined;
  const out: AvailableCommand[] = [];
  const add = (type: AvailableCommandType, when: boolean, stage?: Stage) => {
    if (when) out.push(stage === undefined ? { type } : { type, stage });
  };

  add(
    'classify',
    status === 'recorded' ||
      status === 'informal' ||
      status === 'stage1-received',
  );
  add('raise-complaint', state.classification === 'service-request');
  add('log-at-stage-1', status === 'informal');
  add('resolve-informally', status === 'informal');
  if (open !== undefined) {
    add('acknowledge', status === `stage${open}-received`, open);
    add('assign', true, open);
    add('request-clarification', true, open);
    add('extend', canExtend(state, open, policy, calendar, today), open);
    add('record-meeting', status === `stage${open}-acknowledged`, open);
    add('respond', status === `stage${open}-acknowledged`, open);
  }
  add(
    'decline',
    (status === 'informal' ||
      status === 'stage1-received' ||
      status === 'stage1-acknowledged') &&
      policy.exclusions.some(
        (e) => e.ground !== 'outside-time-limit' || isOutOfTime(state),
      ),
  );
  add(
    'refuse-escalation',
    status === 'stage2-received' && policy.escalation.refusalGrounds.length > 0,
  );
  add(
    'request-escalation',
    state.stage1?.response !== undefined &&
      state.stage2 === undefined &&
      (status === 'stage1-responded' || status === 'closed'),
  );
  add('add-issue', status !== 'recorded');
  add('record-remedy', hasStage);
  add(
    'complete-remedy',
    state.remedies.some((r) => r.completedOn === undefined),
  );
  add('add-action', hasStage);
  add(
    'complete-action',
    state.actions.some((a) => a.completedOn === undefined),
  );
  add('record-correspondence', true);
  add(
    'mark-letter-posted',
    state.letters.some((l) => l.status === 'queued-for-post'),
  );
  add('record-evidence-request', status !== 'recorded');
  add(
    'provide-evidence',
    state.evidenceRequests.some((r) => r.providedOn === undefined),
  );
  add('restrict-contact', true);
  add(
    'review-restriction',
    state.restrictions.some((r) => r.liftedOn === undefined),
  );
  add(
    'close',
    status === 'recorded' ||
      status === 'stage1-responded' ||
      status === 'stage2-responded' ||
      status === 'escalation-refused',
  );
  add('withdraw', !finalStatuses.includes(status) && status !== 'recorded');
  add('reopen', finalStatuses.includes(status) && state.reopenTo !== undefined);
  return out;
}

/** The stage open for work (received or acknowledged), if any. */
function openStage(status: Status): Stage | undefined {
  if (status === 'stage1-received' || status === 'stage1-acknowledged') {
    return 1;
  }
  if (status === 'stage2-received' || status === 'stage2-acknowledged') {
    return 2;
  }
  return undefined;
}

/** Received after the policy's time limit ended (Code 2.3). */
function isOutOfTime(state: ComplaintState): boolean {
  const ends = state.timeLimitEndsOn;
  return ends !== undefined && compareDates(state.receivedOn, ends) > 0;
}

/**
 * A response date can still move: its clock runs, it has not passed, and
 * there is a later working day within the cap (or the policy lets a good
 * reason go past it).
 */
function canExtend(
  state: ComplaintState,
  stage: Stage,
  policy: Policy,
  calendar: WorkingCalendar,
  today: IsoDate,
): boolean {
  const due = responseDue(state, stage, policy, calendar);
  if (due === undefined || compareDates(today, due.dueOn) > 0) return false;
  const rules = stage === 1 ? policy.stage1 : policy.stage2;
  const cap = rules.extension.maxWorkingDays;
  if (cap === null || rules.extension.goodReasonOverride) return true;
  const latest = calendar.addWorkingDays(due.baseDueOn, cap);
  return compareDates(due.dueOn, latest) < 0;
}
