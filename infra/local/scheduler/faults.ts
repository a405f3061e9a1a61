/**
 * The local Scheduler's fault switch, for the fault tests and demos: API
 * calls that fail as EventBridge Scheduler's do (nothing changes), and
 * target invocations that fail before the target runs, or after it ran
 * with the answer lost (so Scheduler's retry runs it twice, the
 * at-least-once delivery AWS documents). Off until asked for; no AWS code
 * path reaches it.
 */
import { ApiError } from './errors.js';

export type SchedulerOperation =
  | 'CreateSchedule'
  | 'UpdateSchedule'
  | 'GetSchedule'
  | 'DeleteSchedule'
  | 'ListSchedules';

/**
 * `throttle`: 429 ThrottlingException; `error`: 500 InternalServerException.
 */
export type SchedulerFault = 'throttle' | 'error';

export interface SchedulerFaults {
  /** Fails the next `count` calls of `operation`, or every call until `clear()`. */
  fail(
    operation: SchedulerOperation,
    fault: SchedulerFault,
    count?: number,
  ): void;
  /**
   * The next `count` invocations (of targets whose ARN ends with
   * `target`, if given) fail before their target runs.
   */
  failInvocations(count: number, target?: string): void;
  /** The next `count` invocations run their target, then fail as if its answer were lost. */
  loseAnswers(count: number, target?: string): void;
  /** Everything works again. */
  clear(): void;
  /** Faults injected so far: API calls and invocations failed on purpose. */
  injected(): number;
}

/** The switch, and the two places the Scheduler consults it. */
export interface FaultSwitch {
  readonly control: SchedulerFaults;
  /** Throws the ApiError an operation is set to fail with, if any. */
  checkOperation(operation: SchedulerOperation): void;
  /** Throws if an invocation of `arn` is set to fail before its target runs. */
  beforeInvoke(arn: string): void;
  /** Throws if the answer of an invocation of `arn` is set to be lost. */
  afterInvoke(arn: string): void;
}

const count = (n: number | undefined): number | undefined => {
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
    throw new RangeError(`Not a count: ${n}`);
  }
  return n;
};

/**
 * A switch with every fault off.
 *
 * @example
 * const faults = faultSwitch();
 * faults.control.fail('CreateSchedule', 'throttle', 3);
 */
export function faultSwitch(): FaultSwitch {
  /** Per operation: the fault, and how many calls are left to fail (undefined: all). */
  const operations = new Map<
    SchedulerOperation,
    { fault: SchedulerFault; left: number | undefined }
  >();
  const invocations = {
    fail: { left: 0, target: '' },
    lose: { left: 0, target: '' },
  };
  let injected = 0;
  const take = (which: 'fail' | 'lose', arn: string): boolean => {
    const set = invocations[which];
    if (set.left === 0 || !arn.endsWith(set.target)) return false;
    set.left -= 1;
    injected += 1;
    return true;
  };
  return {
    control: {
      fail(operation, fault, n) {
        operations.set(operation, { fault, left: count(n) });
      },
      failInvocations(n, target = '') {
        invocations.fail = { left: count(n) ?? 0, target };
      },
      loseAnswers(n, target = '') {
        invocations.lose = { left: count(n) ?? 0, target };
      },
      clear() {
        operations.clear();
        invocations.fail = { left: 0, target: '' };
        invocations.lose = { left: 0, target: '' };
      },
      injected: () => injected,
    },
    checkOperation(operation) {
      const set = operations.get(operation);
      if (set === undefined) return;
      if (set.left !== undefined) {
        set.left -= 1;
        if (set.left === 0) operations.delete(operation);
      }
      injected += 1;
      throw set.fault === 'throttle'
        ? new ApiError('ThrottlingException', 429, 'Rate exceeded')
        : new ApiError(
            'InternalServerException',
            500,
            'Unexpected error during processing of request.',
          );
    },
    beforeInvoke(arn) {
      if (take('fail', arn)) {
        throw new Error('Local fault: the target could not be invoked');
      }
    },
    afterInvoke(arn) {
      if (take('lose', arn)) {
        throw new Error('Local fault: the invocation ran; its answer was lost');
      }
    },
  };
}

const operations: readonly SchedulerOperation[] = [
  'CreateSchedule',
  'UpdateSchedule',
  'GetSchedule',
  'DeleteSchedule',
  'ListSchedules',
];

/**
 * Applies `POST /_local/faults`: `{ "operation": "CreateSchedule",
 * "fault": "error" | "throttle", "count"?: n }` or `{ "invocations":
 * "fail" | "lose-answer", "count": n, "target"?: "<ARN suffix>" }`.
 * Throws a RangeError naming what is wrong with any other body.
 */
export function applyFaultRequest(
  control: SchedulerFaults,
  body: unknown,
): void {
  const request = (body ?? {}) as Record<string, unknown>;
  const n =
    typeof request.count === 'number' ? count(request.count) : undefined;
  const target = typeof request.target === 'string' ? request.target : '';
  if (
    operations.includes(request.operation as SchedulerOperation) &&
    (request.fault === 'error' || request.fault === 'throttle')
  ) {
    control.fail(request.operation as SchedulerOperation, request.fault, n);
  } else if (request.invocations === 'fail' && n !== undefined) {
    control.failInvocations(n, target);
  } else if (request.invocations === 'lose-answer' && n !== undefined) {
    control.loseAnswers(n, target);
  } else {
    throw new RangeError(
      'Send {"operation": "<Scheduler operation>", "fault": "error"|"throttle", "count"?: n} or {"invocations": "fail"|"lose-answer", "count": n}',
    );
  }
}
