import {
  addDays,
  compareDates,
  type IsoDate,
  londonDate,
  type WorkingCalendar,
} from '../calendar/index.js';
import type { ComplaintState, Stage, StageRecord } from '../complaint/model.js';
import type {
  Citation,
  Clock,
  ClockStart,
  Policy,
  StagePolicy,
} from '../policy/policy.js';

export type ClockKind =
  | 'informal-resolution'
  | 'acknowledge'
  | 'early-resolution'
  | 'meeting'
  | 'respond'
  | 'update'
  | 'escalation-window'
  | 'auto-close'
  | 'evidence'
  | 'remedy'
  | 'action'
  | 'restriction-review';

/**
 * A clock that is running now. Statutory and promised clocks have a breach
 * date (the working day after the due date); targets and the resident's own
 * windows do not, and only remind.
 */
export interface RunningClock {
  /** Stable within a complaint: `stage1.acknowledge`, `remedy.<id>`. */
  readonly id: string;
  readonly kind: ClockKind;
  readonly stage?: Stage;
  readonly label: string;
  readonly startedOn: IsoDate;
  /** The due date before any extension. */
  readonly baseDueOn: IsoDate;
  /** The due date in force (after extensions). */
  readonly dueOn: IsoDate;
  readonly reminderOn: readonly IsoDate[];
  /** The working day after the due date, or null for a target or window. */
  readonly breachOn: IsoDate | null;
  readonly cite?: Citation;
}

export interface ClockOptions {
  /** Working days before the due date on which to remind staff. */
  readonly reminderWorkingDaysBefore: readonly number[];
}

export const defaultClockOptions: ClockOptions = {
  reminderWorkingDaysBefore: [2],
};

/**
 * The clocks running for a complaint in its current state, under its
 * policy and calendar (DESIGN §4; Code 6.2–6.4, 6.11–6.16, 7.3, 5.14).
 *
 * @example
 * runningClocks(state, code2024, calendar)
 *   .find((c) => c.id === 'stage1.acknowledge')?.dueOn; // '2026-06-19'
 */
export function runningClocks(
  state: ComplaintState,
  policy: Policy,
  calendar: WorkingCalendar,
  options: ClockOptions = defaultClockOptions,
): RunningClock[] {
  const clocks: Draft[] = [];
  const { status } = state;

  if (status === 'informal' && policy.informalStage?.targetWorkingDays) {
    const start = state.informal?.startedOn ?? state.receivedOn;
    clocks.push({
      id: 'informal.resolve',
      kind: 'informal-resolution',
      label: `${policy.informalStage.name}: resolve`,
      startedOn: start,
      dueOn: calendar.addWorkingDays(
        start,
        policy.informalStage.targetWorkingDays,
      ),
      breachable: false,
      cite: policy.informalStage.cite,
    });
  }

  for (const stage of [1, 2] as const) {
    const record = stage === 1 ? state.stage1 : state.stage2;
    if (record === undefined || !isStageOpen(state, stage)) continue;
    clocks.push(...stageClocks(state, stage, record, policy, calendar));
  }

  clocks.push(...windowClocks(state, policy, calendar));
  if (status !== 'recorded') {
    clocks.push(...followThroughClocks(state));
  }

  return clocks.map((draft) => finish(draft, calendar, options));
}

interface Draft {
  id: string;
  kind: ClockKind;
  stage?: Stage;
  label: string;
  startedOn: IsoDate;
  dueOn: IsoDate;
  baseDueOn?: IsoDate;
  breachable: boolean;
  cite?: Citation;
}

function finish(
  draft: Draft,
  calendar: WorkingCalendar,
  options: ClockOptions,
): RunningClock {
  const { breachable, baseDueOn, ...rest } = draft;
  const reminders = breachable
    ? options.reminderWorkingDaysBefore.map((n) =>
        calendar.addWorkingDays(calendar.onOrAfter(draft.dueOn), -n),
      )
    : [draft.dueOn];
  return {
    ...rest,
    baseDueOn: baseDueOn ?? draft.dueOn,
    reminderOn: [...new Set(reminders)]
      .filter((d) => compareDates(d, draft.startedOn) > 0)
      .sort(compareDates),
    breachOn: breachable ? calendar.nextWorkingDay(draft.dueOn) : null,
  };
}

function isStageOpen(state: ComplaintState, stage: Stage): boolean {
  const { status } = state;
  return stage === 1
    ? status === 'stage1-received' || status === 'stage1-acknowledged'
    : status === 'stage2-received' || status === 'stage2-acknowledged';
}

/** The date a stage's clock counts from, if that date is known yet. */
export function clockStart(
  state: ComplaintState,
  record: StageRecord,
  from: ClockStart,
  meetingDueOn?: IsoDate,
): IsoDate | undefined {
  switch (from) {
    case 'receipt':
      return record.receivedOn;
    case 'original-complaint':
      return state.receivedOn;
    case 'acknowledgement':
      return record.acknowledgedOn;
    case 'meeting':
      return record.meetingOn ?? meetingDueOn;
  }
}

function stageClocks(
  state: ComplaintState,
  stage: Stage,
  record: StageRecord,
  policy: Policy,
  calendar: WorkingCalendar,
): Draft[] {
  const rules: StagePolicy = stage === 1 ? policy.stage1 : policy.stage2;
  const prefix = `stage${stage}`;
  const clocks: Draft[] = [];
  const due = (clock: Clock, start: IsoDate) =>
    calendar.addWorkingDays(start, clock.workingDays);

  if (record.acknowledgedOn === undefined) {
    const start = clockStart(state, record, rules.acknowledge.from);
    if (start !== undefined) {
      clocks.push({
        id: `${prefix}.acknowledge`,
        kind: 'acknowledge',
        stage,
        label: `${rules.name}: acknowledge and define`,
        startedOn: start,
        dueOn: due(rules.acknowledge, start),
        breachable: true,
        cite: rules.acknowledge.cite,
      });
    }
  }

  if (rules.earlyResolution !== undefined) {
    const start = clockStart(state, record, rules.earlyResolution.from);
    if (start !== undefined) {
      clocks.push({
        id: `${prefix}.early-resolution`,
        kind: 'early-resolution',
        stage,
        label: `${rules.name}: early resolution target`,
        startedOn: start,
        dueOn: due(rules.earlyResolution, start),
        breachable: false,
        cite: rules.earlyResolution.cite,
      });
    }
  }

  let meetingDueOn: IsoDate | undefined;
  if (rules.meeting !== undefined) {
    const start = clockStart(state, record, rules.meeting.from);
    if (start !== undefined) {
      meetingDueOn = due(rules.meeting, start);
      if (record.meetingOn === undefined) {
        clocks.push({
          id: `${prefix}.meeting`,
          kind: 'meeting',
          stage,
          label: `${rules.name}: hold the review meeting`,
          startedOn: start,
          dueOn: meetingDueOn,
          breachable: true,
          cite: rules.meeting.cite,
        });
      }
    }
  }

  const respond = responseDue(state, stage, policy, calendar, meetingDueOn);
  if (respond !== undefined) {
    clocks.push({
      id: `${prefix}.respond`,
      kind: 'respond',
      stage,
      label: `${rules.name}: send the response`,
      startedOn: respond.startedOn,
      baseDueOn: respond.baseDueOn,
      dueOn: respond.dueOn,
      breachable: true,
      cite: rules.respond.cite,
    });

    const interval =
      rules.updateIntervalWorkingDays ??
      policy.contact.updateIntervalWorkingDays;
    if (interval !== null && interval !== undefined) {
      const last = lastUpdate(state, respond.startedOn);
      clocks.push({
        id: `${prefix}.update`,
        kind: 'update',
        stage,
        label: `${rules.name}: update the resident`,
        startedOn: last,
        dueOn: calendar.addWorkingDays(last, interval),
        breachable: false,
        cite: policy.contact.cite,
      });
    }
  }
  return clocks;
}

/**
 * A stage's response clock: its start, its unextended due date and the due
 * date in force. Undefined until the clock's start is known (a clock
 * counted from the acknowledgement starts at the acknowledgement).
 */
export function responseDue(
  state: ComplaintState,
  stage: Stage,
  policy: Policy,
  calendar: WorkingCalendar,
  meetingDueOn?: IsoDate,
): { startedOn: IsoDate; baseDueOn: IsoDate; dueOn: IsoDate } | undefined {
  const record = stage === 1 ? state.stage1 : state.stage2;
  if (record === undefined) return undefined;
  const rules = stage === 1 ? policy.stage1 : policy.stage2;
  let meetingDue = meetingDueOn;
  if (meetingDue === undefined && rules.meeting !== undefined) {
    const start = clockStart(state, record, rules.meeting.from);
    if (start !== undefined) {
      meetingDue = calendar.addWorkingDays(start, rules.meeting.workingDays);
    }
  }
  const startedOn = clockStart(state, record, rules.respond.from, meetingDue);
  if (startedOn === undefined) return undefined;
  const baseDueOn = calendar.addWorkingDays(
    startedOn,
    rules.respond.workingDays,
  );
  const last = record.extensions.at(-1);
  return { startedOn, baseDueOn, dueOn: last?.toDueOn ?? baseDueOn };
}

function lastUpdate(state: ComplaintState, since: IsoDate): IsoDate {
  let latest = since;
  for (const c of state.correspondence) {
    const on = londonDate(c.at);
    if (c.direction === 'out' && compareDates(on, latest) > 0) latest = on;
  }
  return latest;
}

function windowClocks(
  state: ComplaintState,
  policy: Policy,
  calendar: WorkingCalendar,
): Draft[] {
  const clocks: Draft[] = [];
  const response =
    state.status === 'stage1-responded'
      ? state.stage1?.response
      : state.status === 'stage2-responded'
        ? state.stage2?.response
        : undefined;
  if (response === undefined) return clocks;

  const window = policy.escalation.window;
  if (state.status === 'stage1-responded' && window !== null) {
    clocks.push({
      id: 'stage1.escalation-window',
      kind: 'escalation-window',
      stage: 1,
      label: 'Resident may ask for stage 2 until',
      startedOn: response.on,
      dueOn: afterPeriod(response.on, window, calendar),
      breachable: false,
      cite: window.cite,
    });
  }
  const autoClose = policy.closure.autoCloseAfterNoContact;
  if (autoClose !== null) {
    clocks.push({
      id: `${state.status === 'stage1-responded' ? 'stage1' : 'stage2'}.auto-close`,
      kind: 'auto-close',
      label: 'Close if the resident has not been in touch',
      startedOn: response.on,
      dueOn: afterPeriod(response.on, autoClose, calendar),
      breachable: false,
      cite: autoClose.cite,
    });
  }
  return clocks;
}

/**
 * The last day of a period of calendar or working days after a date: the
 * resident's escalation window, an auto-close period.
 *
 * @example
 * afterPeriod('2026-11-10', { days: 28, unit: 'calendar-days' }, calendar); // '2026-12-08'
 */
export function afterPeriod(
  from: IsoDate,
  period: {
    readonly days: number;
    readonly unit: 'calendar-days' | 'working-days';
  },
  calendar: WorkingCalendar,
): IsoDate {
  return period.unit === 'calendar-days'
    ? addDays(from, period.days)
    : calendar.addWorkingDays(from, period.days);
}

function followThroughClocks(state: ComplaintState): Draft[] {
  const clocks: Draft[] = [];
  for (const r of state.evidenceRequests) {
    if (r.providedOn !== undefined) continue;
    clocks.push({
      id: `evidence.${r.id}`,
      kind: 'evidence',
      label: 'Send the Ombudsman the evidence requested',
      startedOn: r.receivedOn,
      dueOn: r.dueOn,
      breachable: true,
    });
  }
  for (const r of state.remedies) {
    if (r.completedOn !== undefined || r.dueOn === undefined) continue;
    clocks.push({
      id: `remedy.${r.id}`,
      kind: 'remedy',
      stage: r.stage,
      label: `Remedy: ${r.kind}`,
      startedOn: r.recordedOn,
      dueOn: r.dueOn,
      breachable: true,
    });
  }
  for (const a of state.actions) {
    if (a.completedOn !== undefined || a.dueOn === undefined) continue;
    clocks.push({
      id: `action.${a.id}`,
      kind: 'action',
      stage: a.stage,
      label: 'Outstanding action',
      startedOn: a.recordedOn,
      dueOn: a.dueOn,
      breachable: true,
    });
  }
  for (const r of state.restrictions) {
    if (r.liftedOn !== undefined) continue;
    clocks.push({
      id: `restriction.${r.id}`,
      kind: 'restriction-review',
      label: 'Review the contact restriction',
      startedOn: r.startOn,
      dueOn: r.reviewOn,
      breachable: true,
    });
  }
  return clocks;
}

/**
 * The clock that falls due first among those a breach can follow: what
 * orders the staff work queue. Targets and the resident's windows do not
 * count; undefined when nothing statutory is running.
 *
 * @example
 * nextDue(runningClocks(state, policy, calendar)); // { clockId: 'stage1.respond', dueOn: '2027-01-14' }
 */
export function nextDue(
  clocks: readonly RunningClock[],
): { clockId: string; dueOn: IsoDate } | undefined {
  let first: RunningClock | undefined;
  for (const clock of clocks) {
    if (clock.breachOn === null) continue;
    if (first === undefined || compareDates(clock.dueOn, first.dueOn) < 0) {
      first = clock;
    }
  }
  return first === undefined
    ? undefined
    : { clockId: first.id, dueOn: first.dueOn };
}
