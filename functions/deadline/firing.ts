import {
  type ComplaintState,
  type Policy,
  type RunningClock,
  runningClocks,
} from '@hearth/domain';
import type { ScheduleInput } from '../shared/contracts/index.js';
import { calendarFor } from '../shared/service.js';

/**
 * The moment a firing stands for: Scheduler's scheduled time, or our
 * clock if that is later (a late delivery is recorded when it arrives).
 * The local Scheduler's clock can run ahead for demos and tests.
 */
export function firedAt(input: ScheduleInput, now = new Date()): string {
  const scheduled = input.scheduledTime;
  return scheduled !== undefined && Date.parse(scheduled) > now.getTime()
    ? new Date(scheduled).toISOString()
    : now.toISOString();
}

/** The clock a firing is for, if it still runs with that due date. */
export function clockOf(
  state: ComplaintState,
  input: ScheduleInput,
  policy: Policy,
): RunningClock | undefined {
  return runningClocks(state, policy, calendarFor(policy)).find(
    (c) => c.id === input.clockId && c.dueOn === input.dueOn,
  );
}
