import { compareDates, type IsoDate } from '../calendar/index.js';
import type { RunningClock } from './clocks.js';

/**
 * One one-time schedule a running clock needs: a reminder or its breach.
 * The name is derived from the complaint, the clock, its due date and the
 * firing, so creating it twice is harmless and an extension (a new due
 * date) is a new schedule beside a deleted old one (STYLE rec. 11).
 */
export interface ScheduleIntent {
  readonly name: string;
  readonly complaintId: string;
  readonly clockId: string;
  readonly dueOn: IsoDate;
  readonly fire: 'reminder' | 'breach';
  readonly fireOn: IsoDate;
}

/**
 * The schedules a set of running clocks needs.
 *
 * @example
 * schedulesFor('c-1', runningClocks(state, policy, calendar));
 */
export function schedulesFor(
  complaintId: string,
  clocks: readonly RunningClock[],
): ScheduleIntent[] {
  const out: ScheduleIntent[] = [];
  for (const clock of clocks) {
    const base = { complaintId, clockId: clock.id, dueOn: clock.dueOn };
    for (const on of clock.reminderOn) {
      out.push(intent({ ...base, fire: 'reminder', fireOn: on }));
    }
    if (clock.breachOn !== null) {
      out.push(intent({ ...base, fire: 'breach', fireOn: clock.breachOn }));
    }
  }
  return out.sort(
    (a, b) => compareDates(a.fireOn, b.fireOn) || a.name.localeCompare(b.name),
  );
}

/**
 * What changes between two sets of clocks: schedules to create and to
 * delete. Unchanged clocks produce nothing.
 */
export function scheduleChanges(
  complaintId: string,
  before: readonly RunningClock[],
  after: readonly RunningClock[],
): { create: ScheduleIntent[]; remove: ScheduleIntent[] } {
  const was = schedulesFor(complaintId, before);
  const now = schedulesFor(complaintId, after);
  const wasNames = new Set(was.map((s) => s.name));
  const nowNames = new Set(now.map((s) => s.name));
  return {
    create: now.filter((s) => !wasNames.has(s.name)),
    remove: was.filter((s) => !nowNames.has(s.name)),
  };
}

function intent(s: Omit<ScheduleIntent, 'name'>): ScheduleIntent {
  return {
    name: `${s.complaintId}.${s.clockId}.${s.dueOn}.${s.fire}.${s.fireOn}`,
    ...s,
  };
}
