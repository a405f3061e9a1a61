/**
 * The sweep's work: for every open case, the schedules its running clocks
 * need and have not yet fired, re-created where missing. A lost schedule
 * can then never silently lose a statutory clock.
 */
import {
  type ComplaintState,
  type Policy,
  runningClocks,
  schedulesFor,
} from '@hearth/domain';
import type { DynamoDbComplaintRepository } from '../shared/adapters/dynamodb/complaint-repository.js';
import type { DeadlineSchedules } from '../shared/adapters/scheduler/deadline-schedules.js';
import { calendarFor } from '../shared/service.js';

export interface SweepReport {
  readonly cases: number;
  readonly checked: number;
  readonly repaired: number;
  readonly repairedCases: readonly string[];
}

export async function sweep(deps: {
  readonly repository: DynamoDbComplaintRepository;
  readonly schedules: DeadlineSchedules;
  readonly organisationId: string;
  readonly policy: Policy;
  readonly now: Date;
}): Promise<SweepReport> {
  const { repository, schedules, organisationId, policy } = deps;
  let cases = 0;
  let checked = 0;
  const repairedCases: string[] = [];
  let repaired = 0;
  let after: string | undefined;
  do {
    const page = await repository.workQueue(organisationId, {
      limit: 100,
      ...(after === undefined ? {} : { after }),
    });
    for (const item of page.items) {
      const state = await repository.load(organisationId, item.reference);
      if (state === undefined) continue;
      cases += 1;
      for (const intent of unfired(state, policy)) {
        checked += 1;
        if (await schedules.exists(organisationId, intent)) continue;
        await schedules.create(organisationId, intent, deps.now);
        repaired += 1;
        if (!repairedCases.includes(state.reference)) {
          repairedCases.push(state.reference);
        }
      }
    }
    after = page.next;
  } while (after !== undefined);
  return { cases, checked, repaired, repairedCases };
}

/** The firings a case still needs: those its clock marks do not show as done. */
function unfired(state: ComplaintState, policy: Policy) {
  const clocks = runningClocks(state, policy, calendarFor(policy));
  return schedulesFor(state.id, clocks).filter(
    (s) =>
      !state.clockMarks.some(
        (m) =>
          m.clockId === s.clockId && m.dueOn === s.dueOn && m.kind === s.fire,
      ),
  );
}
