import { compareDates, type IsoDate } from '../calendar/index.js';
import type { Stage, StageRecord } from '../complaint/model.js';
import { clockStart, responseDue } from '../deadlines/clocks.js';
import type { ReportingComplaint } from './model.js';
import type { ReportingPeriod } from './rules.js';

/** Whether `date` falls in the period, both ends included. */
export function inPeriod(
  date: IsoDate | undefined,
  period: ReportingPeriod,
): date is IsoDate {
  return (
    date !== undefined &&
    compareDates(date, period.from) >= 0 &&
    compareDates(date, period.to) <= 0
  );
}

/** Whether `date` is on or before `end` (a thing done by the period end). */
export function byEnd(date: IsoDate | undefined, end: IsoDate): boolean {
  return date !== undefined && compareDates(date, end) <= 0;
}

/**
 * One stage of one complaint with the dates the figures count: when it was
 * received, acknowledged and answered, and the due dates that applied.
 */
export interface StageFacts {
  readonly complaint: ReportingComplaint;
  readonly stage: Stage;
  readonly record: StageRecord;
  readonly receivedOn: IsoDate;
  /** Not declined (stage 1) or refused (stage 2): in the Code's process. */
  readonly accepted: boolean;
  readonly acknowledgeDueOn: IsoDate | undefined;
  readonly acknowledgedOn: IsoDate | undefined;
  readonly respondedOn: IsoDate | undefined;
  /** The response due date before any extension (Code 6.3, 6.14). */
  readonly baseDueOn: IsoDate | undefined;
  /** The response due date in force, after extensions. */
  readonly dueOn: IsoDate | undefined;
  /**
   * The latest date a Code-permitted extension reaches: the extended due
   * date, but never past the policy's cap (Code 6.4, 6.15–6.16: "a further
   * 10 [20] working days"). A good-reason extension past the cap keeps the
   * clock running but is not counted as a permitted extension for CH02.
   */
  readonly permittedDueOn: IsoDate | undefined;
}

/**
 * The stage facts of every complaint: records classified as complaints
 * that reached stage 1 (a service request, or a case still at a policy's
 * informal stage, has no stage 1 and is in no TSM).
 */
export function stageFacts(
  complaints: readonly ReportingComplaint[],
): StageFacts[] {
  const facts: StageFacts[] = [];
  for (const complaint of complaints) {
    const { state } = complaint;
    if (state.classification !== 'complaint') continue;
    for (const stage of [1, 2] as const) {
      const record = stage === 1 ? state.stage1 : state.stage2;
      if (record !== undefined) facts.push(factsOf(complaint, stage, record));
    }
  }
  return facts;
}

function factsOf(
  complaint: ReportingComplaint,
  stage: Stage,
  record: StageRecord,
): StageFacts {
  const { state, policy, calendar } = complaint;
  const rules = stage === 1 ? policy.stage1 : policy.stage2;
  const ackStart = clockStart(state, record, rules.acknowledge.from);
  const due = responseDue(state, stage, policy, calendar);
  const cap = rules.extension.maxWorkingDays;
  const capDue =
    due === undefined || cap === null
      ? undefined
      : calendar.addWorkingDays(due.baseDueOn, cap);
  const permittedDueOn =
    capDue !== undefined &&
    due !== undefined &&
    compareDates(capDue, due.dueOn) < 0
      ? capDue
      : due?.dueOn;
  return {
    complaint,
    stage,
    record,
    receivedOn: record.receivedOn,
    accepted:
      stage === 1
        ? state.declination === undefined
        : state.escalationRefusal === undefined,
    acknowledgeDueOn:
      ackStart === undefined
        ? undefined
        : calendar.addWorkingDays(ackStart, rules.acknowledge.workingDays),
    acknowledgedOn: record.acknowledgedOn,
    respondedOn: record.response?.on,
    baseDueOn: due?.baseDueOn,
    dueOn: due?.dueOn,
    permittedDueOn,
  };
}

/** Working days after `dueOn` that `doneOn` fell (0 when on time). */
export function workingDaysLate(
  complaint: ReportingComplaint,
  dueOn: IsoDate,
  doneOn: IsoDate,
): number {
  return Math.max(0, complaint.calendar.workingDaysBetween(dueOn, doneOn));
}

/** `a` ≤ `b`, where an unknown due date counts as met (as `decide` does). */
export function onOrBefore(a: IsoDate, b: IsoDate | undefined): boolean {
  return b === undefined || compareDates(a, b) <= 0;
}

export function byReference<
  T extends { readonly reference: string; readonly dueOn: IsoDate },
>(a: T, b: T): number {
  return (
    compareDates(a.dueOn, b.dueOn) || a.reference.localeCompare(b.reference)
  );
}

/** A decision not to take a complaint on: a stage 1 decline or a refused escalation. */
export interface RefusalFact {
  readonly kind: 'declined' | 'escalation-refused';
  /** The exclusion (declined) or refusal ground (escalation refused). */
  readonly code: string;
  readonly on: IsoDate;
}

/**
 * Every decline and escalation refusal a complaint had, oldest first:
 * from its history when given, since reopening a complaint drops its
 * declination and refusal from the state; otherwise from the state.
 */
export function refusalsOf(complaint: ReportingComplaint): RefusalFact[] {
  const { state, history } = complaint;
  if (history !== undefined) {
    return history.flatMap((e): RefusalFact[] => {
      if (e.type === 'declined') {
        return [{ kind: 'declined', code: e.exclusionCode, on: e.on }];
      }
      if (e.type === 'escalation-refused') {
        return [{ kind: 'escalation-refused', code: e.groundCode, on: e.on }];
      }
      return [];
    });
  }
  const out: RefusalFact[] = [];
  if (state.declination !== undefined) {
    const { exclusionCode: code, on } = state.declination;
    out.push({ kind: 'declined', code, on });
  }
  if (state.escalationRefusal !== undefined) {
    const { groundCode: code, on } = state.escalationRefusal;
    out.push({ kind: 'escalation-refused', code, on });
  }
  return out;
}

/** Learning recorded when a complaint was closed (Code 9.1). */
export interface LearningFact {
  readonly closedOn: IsoDate;
  readonly text: string;
}

/**
 * The learning recorded at each of a complaint's closures, oldest first:
 * from its history when given (reopening or escalating a closed
 * complaint drops its closure from the state); otherwise from the state.
 * Blank learning is no learning.
 */
export function learningOf(complaint: ReportingComplaint): LearningFact[] {
  const { state, history } = complaint;
  const closures =
    history === undefined
      ? [{ on: state.closedOn, learning: state.closure?.learning }]
      : history.flatMap((e) =>
          e.type === 'closed' ? [{ on: e.on, learning: e.learning }] : [],
        );
  return closures.flatMap(({ on, learning }) =>
    on === undefined || learning === undefined || learning.trim() === ''
      ? []
      : [{ closedOn: on, text: learning.trim() }],
  );
}
