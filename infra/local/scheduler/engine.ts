/**
 * The Scheduler's running part: the schedules, a controllable clock, and
 * the delivery of each occurrence to its target.
 *
 * Each due occurrence becomes one delivery, created once (the schedule's
 * `nextDue` moves past it in the same synchronous step), and each
 * schedule's deliveries run one at a time in its own lane, so overlapping
 * ticks or a slow target never fire an occurrence twice. A failed attempt
 * is retried with doubling backoff on the local clock, counted from when
 * the previous attempt was due, so a clock jump replays what AWS would
 * have done meanwhile; past its RetryPolicy the occurrence is dead-lettered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { awsTime, fillContextAttributes, nextAttemptAt } from './delivery.js';
import {
  nextOccurrence,
  parseExpression,
  type ScheduleExpression,
} from './expressions.js';
import type {
  DeadLetter,
  Delivery,
  Firing,
  PersistedState,
  StoredSchedule,
} from './model.js';
import type { StateStore } from './store.js';

/** What a schedule invokes: its target's ARN and Input as written. */
export interface FireTarget {
  readonly arn: string;
  /** Target.Input with context attributes filled in; undefined if unset. */
  readonly input: string | undefined;
}

/** Which schedule and occurrence an invocation is for. */
export interface FiringSchedule {
  readonly arn: string;
  readonly name: string;
  readonly groupName: string;
  readonly scheduledTime: Date;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly executionId: string;
}

/** Invokes a target; throwing (or rejecting) counts as a failed attempt. */
export type FireFunction = (
  target: FireTarget,
  schedule: FiringSchedule,
) => unknown;

export interface EngineOptions {
  readonly store: StateStore;
  readonly fire: FireFunction;
  readonly log: (line: string) => void;
  /** First retry delay on the local clock; doubles per attempt. */
  readonly retryBaseMs: number;
  /** Cap on the retry delay (AWS's is longer; local tests want speed). */
  readonly retryMaxMs: number;
  /** Most missed occurrences of one schedule replayed per clock jump. */
  readonly maxCatchUp: number;
  /** How many recent firings `firings()` keeps. */
  readonly historyLimit: number;
}

export interface Engine {
  now(): number;
  /** Moves the local clock forward and runs what falls due. */
  advance(ms: number): Promise<void>;
  /** Sets the local clock (forward only) and runs what falls due. */
  setNow(instant: number): Promise<void>;
  get(groupName: string, name: string): StoredSchedule | undefined;
  /** All schedules, by group then name. */
  all(): StoredSchedule[];
  /**
   * Stores a created or updated schedule and works out its next
   * occurrence from now.
   */
  put(schedule: Omit<StoredSchedule, 'nextDue'>): StoredSchedule;
  /** Deletes a schedule and drops its undelivered occurrences. */
  remove(groupName: string, name: string): boolean;
  /** Starts deliveries for everything due; does not wait for them. */
  tick(): void;
  /** Runs everything due, waiting until nothing due is left running. */
  settle(): Promise<void>;
  firings(): readonly Firing[];
  deadLetters(): readonly DeadLetter[];
  deliveries(): readonly Delivery[];
  /** Resolves once the state as it is now is on disk. */
  flush(): Promise<void>;
  /** Stops starting deliveries, waits for running ones, writes state. */
  stop(): Promise<void>;
}

const key = (groupName: string, name: string) => `${groupName}/${name}`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Creates the engine from saved state (or empty).
 *
 * @example
 * const engine = createEngine(options, await store.load());
 */
export function createEngine(
  options: EngineOptions,
  saved: PersistedState | undefined,
): Engine {
  const { store, log } = options;
  let clockOffsetMs = saved?.clockOffsetMs ?? 0;
  const schedules = new Map<string, StoredSchedule>();
  for (const s of saved?.schedules ?? []) {
    schedules.set(key(s.groupName, s.name), s);
  }
  const deliveries = new Map<string, Delivery>();
  for (const d of saved?.deliveries ?? []) deliveries.set(d.id, d);
  const deadLetters: DeadLetter[] = [...(saved?.deadLetters ?? [])];
  const firings: Firing[] = [];
  let sequence = [...deliveries.values()].reduce(
    (most, d) => Math.max(most, d.sequence),
    0,
  );
  const lanes = new Map<string, Promise<void>>();
  let stopped = false;

  const now = () => Date.now() + clockOffsetMs;

  const parsed = new Map<string, ScheduleExpression>();
  const expressionOf = (text: string): ScheduleExpression => {
    let expression = parsed.get(text);
    if (expression === undefined) {
      const check = parseExpression(text);
      // Stored schedules were validated on the way in.
      if (!check.ok) throw new Error(`stored ${text}: ${check.reason}`);
      expression = check.expression;
      parsed.set(text, expression);
    }
    return expression;
  };

  const nextAfter = (s: Omit<StoredSchedule, 'nextDue'>, after: number) =>
    nextOccurrence(expressionOf(s.expression), after, {
      rateAnchor: s.rateAnchor,
      ...(s.timeZone === undefined ? {} : { timeZone: s.timeZone }),
      ...(s.startDate === undefined ? {} : { startDate: s.startDate }),
      ...(s.endDate === undefined ? {} : { endDate: s.endDate }),
    });

  const persist = () =>
    store.save({
      version: 1,
      clockOffsetMs,
      schedules: [...schedules.values()],
      deliveries: [...deliveries.values()],
      deadLetters,
    });

  const isOneTime = (s: StoredSchedule) =>
    expressionOf(s.expression).kind === 'at';

  /** ActionAfterCompletion DELETE, once nothing is left to deliver. */
  const completeIfDone = (groupName: string, name: string, id: string) => {
    const k = key(groupName, name);
    const s = schedules.get(k);
    if (
      s === undefined ||
      s.id !== id ||
      s.nextDue !== null ||
      s.actionAfterCompletion !== 'DELETE' ||
      [...deliveries.values()].some((d) => d.scheduleId === id)
    ) {
      return;
    }
    schedules.delete(k);
    log(
      `deleted ${k} after its last invocation (ActionAfterCompletion DELETE)`,
    );
  };

  /** Turns due occurrences into deliveries; synchronous, so never twice. */
  const materialize = (at: number) => {
    let changed = false;
    for (const [k, s] of schedules) {
      if (s.nextDue === null || s.nextDue > at) continue;
      if (s.state === 'DISABLED') {
        // A disabled schedule lets its occurrences pass unfired; a one-time
        // one keeps its time, for an update that enables it.
        if (!isOneTime(s)) {
          schedules.set(k, { ...s, nextDue: nextAfter(s, at) });
          changed = true;
        }
        continue;
      }
      changed = true;
      let due: number | null = s.nextDue;
      let created = 0;
      while (due !== null && due <= at && created < options.maxCatchUp) {
        const id = randomUUID();
        sequence += 1;
        deliveries.set(id, {
          id,
          scheduleId: s.id,
          scheduleArn: s.arn,
          scheduleName: s.name,
          groupName: s.groupName,
          scheduledTime: due,
          target: s.target,
          attempts: 0,
          dueAt: due,
          sequence,
        });
        created += 1;
        due = nextAfter(s, due);
      }
      if (due !== null && due <= at) {
        log(
          `${k}: replayed ${created} missed occurrences; skipping the rest up to ${awsTime(at)}`,
        );
        due = nextAfter(s, at);
      }
      schedules.set(k, { ...s, nextDue: due });
      if (due === null) completeIfDone(s.groupName, s.name, s.id);
    }
    if (changed) persist();
  };

  const earliestDue = (scheduleId: string, at: number) => {
    let best: Delivery | undefined;
    for (const d of deliveries.values()) {
      if (d.scheduleId !== scheduleId || d.dueAt > at) continue;
      if (
        best === undefined ||
        d.dueAt < best.dueAt ||
        (d.dueAt === best.dueAt && d.sequence < best.sequence)
      ) {
        best = d;
      }
    }
    return best;
  };

  const remember = (firing: Firing) => {
    firings.push(firing);
    if (firings.length > options.historyLimit) firings.shift();
  };

  const attempt = async (d: Delivery) => {
    const attemptNumber = d.attempts + 1;
    const executionId = randomBytes(8).toString('hex');
    const scheduledTime = awsTime(d.scheduledTime);
    const input = fillContextAttributes(d.target.Input, {
      scheduleArn: d.scheduleArn,
      scheduledTime: d.scheduledTime,
      executionId,
      attempt: attemptNumber,
    });
    const firedAt = new Date(now()).toISOString();
    const base = {
      scheduleArn: d.scheduleArn,
      scheduleName: d.scheduleName,
      groupName: d.groupName,
      targetArn: d.target.Arn,
      input,
      scheduledTime,
      firedAt,
      attempt: attemptNumber,
    };
    try {
      await options.fire(
        { arn: d.target.Arn, input },
        {
          arn: d.scheduleArn,
          name: d.scheduleName,
          groupName: d.groupName,
          scheduledTime: new Date(d.scheduledTime),
          attempt: attemptNumber,
          executionId,
        },
      );
      remember({ ...base, ok: true });
      deliveries.delete(d.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      remember({ ...base, ok: false, error: message });
      // Deleted meanwhile: its schedule is gone, so are its retries.
      if (deliveries.has(d.id)) retryOrGiveUp(d, attemptNumber, message);
    }
    completeIfDone(d.groupName, d.scheduleName, d.scheduleId);
    persist();
  };

  const retryOrGiveUp = (d: Delivery, attempts: number, error: string) => {
    const dueAt = nextAttemptAt(d, attempts, {
      baseMs: options.retryBaseMs,
      maxMs: options.retryMaxMs,
    });
    if (dueAt !== undefined) {
      deliveries.set(d.id, { ...d, attempts, dueAt });
      return;
    }
    deliveries.delete(d.id);
    const deadLetterArn = d.target.DeadLetterConfig?.Arn;
    deadLetters.push({
      scheduleArn: d.scheduleArn,
      scheduleName: d.scheduleName,
      groupName: d.groupName,
      targetArn: d.target.Arn,
      ...(deadLetterArn === undefined ? {} : { deadLetterArn }),
      input: d.target.Input,
      scheduledTime: awsTime(d.scheduledTime),
      attempts,
      error,
      recordedAt: new Date(now()).toISOString(),
    });
    if (deadLetters.length > options.historyLimit) deadLetters.shift();
    log(
      `dead letter: ${d.groupName}/${d.scheduleName} at ${awsTime(d.scheduledTime)} failed ${attempts} time(s): ${error}`,
    );
  };

  const runLane = async (scheduleId: string) => {
    for (;;) {
      if (stopped) return;
      const next = earliestDue(scheduleId, now());
      if (next === undefined) return;
      await attempt(next);
    }
  };

  const tick = () => {
    if (stopped) return;
    const at = now();
    try {
      materialize(at);
    } catch (error) {
      // The ticker runs on a timer: a fault is logged, never a crash.
      log(`tick failed: ${String(error)}`);
    }
    for (const d of deliveries.values()) {
      if (d.dueAt > at || lanes.has(d.scheduleId)) continue;
      const lane = runLane(d.scheduleId)
        .catch((error: unknown) => log(`delivery failed: ${String(error)}`))
        .finally(() => lanes.delete(d.scheduleId));
      lanes.set(d.scheduleId, lane);
    }
  };

  const settle = async () => {
    // Each round starts what is due and waits for it; retries that fall
    // due meanwhile are picked up by the next round.
    for (;;) {
      tick();
      if (lanes.size === 0) return;
      await Promise.all(lanes.values());
    }
  };

  return {
    now,
    async advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError('The local clock only moves forward');
      }
      clockOffsetMs += ms;
      persist();
      await settle();
    },
    async setNow(instant) {
      const delta = instant - now();
      if (!Number.isFinite(delta) || delta < 0) {
        throw new RangeError(
          `The local clock only moves forward (it is ${new Date(now()).toISOString()})`,
        );
      }
      clockOffsetMs += delta;
      persist();
      await settle();
    },
    get: (groupName, name) => schedules.get(key(groupName, name)),
    all: () =>
      [...schedules.values()].sort((a, b) =>
        // Code-unit order, which ListSchedules' NextToken relies on.
        a.groupName === b.groupName
          ? compare(a.name, b.name)
          : compare(a.groupName, b.groupName),
      ),
    put(schedule) {
      // A one-time schedule keeps its time even if it has passed, and so
      // fires at once; a recurring one starts from its creation (the rate
      // anchor), read once by the API: a second, later reading of the
      // clock could skip a rate's first run or include a cron run from
      // just before creation.
      const kind = expressionOf(schedule.expression).kind;
      const after =
        kind === 'at'
          ? Number.NEGATIVE_INFINITY
          : kind === 'rate'
            ? schedule.rateAnchor - 1 // a rate's first run is at its anchor
            : schedule.rateAnchor; // a cron's first run is after creation
      const stored: StoredSchedule = {
        ...schedule,
        nextDue: nextAfter(schedule, after),
      };
      schedules.set(key(schedule.groupName, schedule.name), stored);
      persist();
      // An occurrence due now (a past at(), a rate) goes out straight away.
      setImmediate(tick);
      return stored;
    },
    remove(groupName, name) {
      const s = schedules.get(key(groupName, name));
      if (s === undefined) return false;
      schedules.delete(key(groupName, name));
      for (const [id, d] of deliveries) {
        if (d.scheduleId === s.id) deliveries.delete(id);
      }
      persist();
      return true;
    },
    tick,
    settle,
    firings: () => [...firings],
    deadLetters: () => [...deadLetters],
    deliveries: () => [...deliveries.values()],
    flush: () => store.flush(),
    async stop() {
      stopped = true;
      await Promise.all(lanes.values());
      persist();
      await store.flush();
    },
  };
}
