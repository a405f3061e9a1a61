/**
 * The read models staff see, in the JSON staff API and the console alike:
 * the queue with each case's clock state at a glance, and a case with its
 * running clocks, letters and timeline.
 */
import {
  type ComplaintState,
  compareDates,
  type IsoDate,
  type Policy,
  runningClocks,
} from '@hearth/domain';
import type {
  QueueItem,
  StoredDecision,
} from './adapters/dynamodb/complaint-repository.js';
import { calendarFor } from './service.js';

export type ClockState = 'breached' | 'due-today' | 'due-soon' | 'on-track';

/** Breached after the due date; due soon within 2 working days (the reminder). */
export function clockState(
  dueOn: IsoDate,
  today: IsoDate,
  policy: Policy,
): ClockState {
  const order = compareDates(today, dueOn);
  if (order > 0) return 'breached';
  if (order === 0) return 'due-today';
  const soon = calendarFor(policy).workingDaysBetween(today, dueOn) <= 2;
  return soon ? 'due-soon' : 'on-track';
}

export function queueView(
  page: { items: QueueItem[]; next?: string },
  today: IsoDate,
  policy: Policy,
) {
  return {
    items: page.items.map((i) => ({
      ...i,
      clockState: clockState(i.nextDueOn, today, policy),
    })),
    ...(page.next === undefined ? {} : { next: page.next }),
  };
}

export function caseView(
  state: ComplaintState,
  history: readonly StoredDecision[],
  today: IsoDate,
  policy: Policy,
) {
  return {
    complaint: state,
    clocks: runningClocks(state, policy, calendarFor(policy)).map((c) => ({
      ...c,
      state:
        c.breachOn === null ? 'target' : clockState(c.dueOn, today, policy),
    })),
    timeline: history.flatMap((d) =>
      d.events.map((e) => ({
        version: d.version,
        type: e.type,
        at: e.at,
        by: e.by,
      })),
    ),
  };
}
