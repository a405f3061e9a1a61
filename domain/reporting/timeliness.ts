import { compareDates, type IsoDate } from '../calendar/index.js';
import type { Stage } from '../complaint/model.js';
import {
  byEnd,
  byReference,
  inPeriod,
  onOrBefore,
  type StageFacts,
  workingDaysLate,
} from './facts.js';
import type {
  ClockName,
  ClockTimeliness,
  EvidenceFigures,
  Lateness,
  OpenAtPeriodEnd,
  OverdueAtPeriodEnd,
  OverdueItem,
  ReportingComplaint,
} from './model.js';
import type { ReportingPeriod } from './rules.js';

function lateness(
  complaint: ReportingComplaint,
  dueOn: IsoDate,
  doneOn: IsoDate,
): Lateness {
  const { state } = complaint;
  return {
    complaintId: state.id,
    reference: state.reference,
    dueOn,
    doneOn,
    workingDaysLate: workingDaysLate(complaint, dueOn, doneOn),
  };
}

function timeliness(
  clock: ClockName,
  settled: readonly {
    f: StageFacts;
    dueOn: IsoDate | undefined;
    doneOn: IsoDate;
  }[],
): ClockTimeliness {
  const breaches: Lateness[] = [];
  for (const { f, dueOn, doneOn } of settled) {
    if (dueOn !== undefined && !onOrBefore(doneOn, dueOn)) {
      breaches.push(lateness(f.complaint, dueOn, doneOn));
    }
  }
  breaches.sort(byReference);
  return {
    clock,
    met: settled.length - breaches.length,
    breached: breaches.length,
    breaches,
  };
}

/**
 * The acknowledgement clock of a stage (Code 6.2, 6.11: 5 working days
 * from receipt), for acknowledgements sent in the period: met on or
 * before the due day, otherwise breached by the working days after it.
 */
export function acknowledgeTimeliness(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
): ClockTimeliness {
  return timeliness(
    `stage${stage}.acknowledge`,
    facts.flatMap((f) =>
      f.stage === stage && inPeriod(f.acknowledgedOn, period)
        ? [{ f, dueOn: f.acknowledgeDueOn, doneOn: f.acknowledgedOn }]
        : [],
    ),
  );
}

/**
 * The response clock of a stage (Code 6.3, 6.14), for responses sent in
 * the period, against the due date in force: an extension given under
 * the policy moves it, as it moves the running clock and its breach.
 * (CH02 counts the unextended and the Code-permitted figures apart.)
 */
export function respondTimeliness(
  facts: readonly StageFacts[],
  stage: Stage,
  period: ReportingPeriod,
): ClockTimeliness {
  return timeliness(
    `stage${stage}.respond`,
    facts.flatMap((f) =>
      f.stage === stage && inPeriod(f.respondedOn, period)
        ? [{ f, dueOn: f.dueOn, doneOn: f.respondedOn }]
        : [],
    ),
  );
}

/**
 * Whether a stage was still open at the period end: received by then and
 * not answered, declined, refused or withdrawn by then. These are not in
 * that period's CH02 (REGULATION §7, U).
 */
export function openAt(f: StageFacts, end: IsoDate): boolean {
  const { state } = f.complaint;
  const closedBy =
    byEnd(f.respondedOn, end) ||
    byEnd(state.withdrawal?.on, end) ||
    (f.stage === 1
      ? byEnd(state.declination?.on, end)
      : byEnd(state.escalationRefusal?.on, end));
  return byEnd(f.receivedOn, end) && !closedBy;
}

export function openAtPeriodEnd(
  facts: readonly StageFacts[],
  period: ReportingPeriod,
): OpenAtPeriodEnd {
  const refs = (stage: Stage) =>
    facts
      .filter((f) => f.stage === stage && openAt(f, period.to))
      .map((f) => f.complaint.state.reference)
      .sort();
  return { stage1: refs(1), stage2: refs(2) };
}

interface FollowThrough {
  readonly id: string;
  readonly description: string;
  readonly recordedOn: IsoDate;
  readonly dueOn?: IsoDate;
  readonly completedOn?: IsoDate;
}

/**
 * Promised things overdue at the period end: recorded by then, due before
 * it, and not completed by then. Listed by due date with the working days
 * overdue at the period end (Code 6.6 actions, 7.3 remedies).
 */
export function overdueAt<T extends FollowThrough>(
  complaints: readonly ReportingComplaint[],
  items: (c: ReportingComplaint) => readonly T[],
  end: IsoDate,
): OverdueItem[] {
  const out: OverdueItem[] = [];
  for (const complaint of complaints) {
    for (const item of items(complaint)) {
      const { dueOn } = item;
      if (
        dueOn === undefined ||
        !byEnd(item.recordedOn, end) ||
        compareDates(dueOn, end) >= 0 ||
        byEnd(item.completedOn, end)
      ) {
        continue;
      }
      out.push({
        ...lateness(complaint, dueOn, end),
        id: item.id,
        description: item.description,
      });
    }
  }
  return out.sort(byReference);
}

export function overdueAtPeriodEnd(
  complaints: readonly ReportingComplaint[],
  period: ReportingPeriod,
): OverdueAtPeriodEnd {
  return {
    actions: overdueAt(complaints, (c) => c.state.actions, period.to),
    remedies: overdueAt(complaints, (c) => c.state.remedies, period.to),
  };
}

/**
 * Ombudsman evidence requests: received in the period; provided in the
 * period on time or late against each request's own due date (Scheme
 * ¶9b, ¶10; the 15 working days is only a policy default, REGULATION
 * item 70); and those still outstanding, and overdue, at the period end.
 */
export function evidenceRequestTimeliness(
  complaints: readonly ReportingComplaint[],
  period: ReportingPeriod,
): EvidenceFigures {
  let received = 0;
  let provided = 0;
  let outstanding = 0;
  const late: Lateness[] = [];
  const overdue: Lateness[] = [];
  for (const complaint of complaints) {
    for (const r of complaint.state.evidenceRequests) {
      if (inPeriod(r.receivedOn, period)) received += 1;
      if (inPeriod(r.providedOn, period)) {
        provided += 1;
        if (!onOrBefore(r.providedOn, r.dueOn)) {
          late.push(lateness(complaint, r.dueOn, r.providedOn));
        }
      }
      if (byEnd(r.receivedOn, period.to) && !byEnd(r.providedOn, period.to)) {
        outstanding += 1;
        if (compareDates(r.dueOn, period.to) < 0) {
          overdue.push(lateness(complaint, r.dueOn, period.to));
        }
      }
    }
  }
  return {
    received,
    provided,
    providedOnTime: provided - late.length,
    providedLate: late.sort(byReference),
    outstandingAtPeriodEnd: outstanding,
    overdueAtPeriodEnd: overdue.sort(byReference),
  };
}
