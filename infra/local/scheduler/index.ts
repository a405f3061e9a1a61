/**
 * A local EventBridge Scheduler: the real `@aws-sdk/client-scheduler`
 * works against it by `endpoint`, and it invokes each schedule's target
 * through a `fire` callback when its time comes on a clock the local stack
 * (and tests) can move forward.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, type FireFunction } from './engine.js';
import { faultSwitch, type SchedulerFaults } from './faults.js';
import type { DeadLetter, Delivery, Firing, StoredSchedule } from './model.js';
import { requestListener } from './server.js';
import { createStore, stateFile } from './store.js';

export type { FireFunction, FireTarget, FiringSchedule } from './engine.js';
export type {
  SchedulerFault,
  SchedulerFaults,
  SchedulerOperation,
} from './faults.js';
export type { DeadLetter, Firing, StoredSchedule } from './model.js';
export { stateFile };

export interface SchedulerOptions {
  /** 0 picks a free port; read it back from `endpoint` / `port`. */
  readonly port: number;
  /** Defaults to 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Keep schedules, dead letters and the clock in `<dataDir>/scheduler.json`; in memory without it. */
  readonly dataDir?: string;
  /** Invokes a target; throwing counts as a failed attempt, retried. */
  readonly fire: FireFunction;
  /** How often due schedules are checked, in ms (default 250). */
  readonly tickMs?: number;
  /** Region and account the ARNs name (default eu-west-2, 000000000000). */
  readonly region?: string;
  readonly accountId?: string;
  /** First retry delay on the local clock, doubling per attempt (1 s). */
  readonly retryBaseMs?: number;
  /** Longest retry delay (60 s; AWS waits longer). */
  readonly retryMaxMs?: number;
  /** Most missed occurrences of one schedule replayed per jump (100). */
  readonly maxCatchUp?: number;
  /** Where notable events go (default console.log). */
  readonly log?: (line: string) => void;
}

/** The local clock every schedule runs on. */
export interface LocalClock {
  now(): Date;
  /** Moves forward `ms`; resolves once everything that fell due has run. */
  advance(ms: number): Promise<void>;
  /** Moves forward to `date`; earlier than now is a RangeError. */
  set(date: Date): Promise<void>;
}

export interface RunningScheduler {
  /** `http://host:port`: the SchedulerClient's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  readonly clock: LocalClock;
  /** Recent attempts to invoke targets, oldest first. */
  firings(): readonly Firing[];
  /** Occurrences whose every attempt failed. */
  deadLetters(): readonly DeadLetter[];
  /** Occurrences still to be delivered (e.g. awaiting a retry). */
  pending(): readonly Delivery[];
  /** Every schedule as stored, with its next occurrence. */
  schedules(): readonly StoredSchedule[];
  /** Runs whatever is due now and waits for it. */
  settle(): Promise<void>;
  /** Local-only faults: failing API calls and invocations (all off at start). */
  readonly faults: SchedulerFaults;
  /** Closes the port and the ticker; waits for running invocations. */
  stop(): Promise<void>;
}

/**
 * Starts the local Scheduler.
 *
 * @example
 * const scheduler = await startScheduler({
 *   port: 0,
 *   dataDir: '.hearth',
 *   fire: async (target) => invoke(target.arn, JSON.parse(target.input ?? '{}')),
 * });
 * const client = new SchedulerClient({ endpoint: scheduler.endpoint, … });
 */
export async function startScheduler(
  options: SchedulerOptions,
): Promise<RunningScheduler> {
  const log =
    options.log ?? ((line: string) => console.log(`[scheduler] ${line}`));
  const store = createStore(options.dataDir, (error) =>
    log(`could not save state: ${String(error)}`),
  );
  const faults = faultSwitch();
  const engine = createEngine(
    {
      store,
      fire: async (target, schedule) => {
        faults.beforeInvoke(target.arn);
        const result = await options.fire(target, schedule);
        faults.afterInvoke(target.arn);
        return result;
      },
      log,
      retryBaseMs: options.retryBaseMs ?? 1000,
      retryMaxMs: options.retryMaxMs ?? 60_000,
      maxCatchUp: options.maxCatchUp ?? 100,
      historyLimit: 1000,
    },
    await store.load(),
  );
  const context = {
    engine,
    region: options.region ?? 'eu-west-2',
    accountId: options.accountId ?? '000000000000',
    faults,
  };
  const host = options.host ?? '127.0.0.1';
  const server = createServer(requestListener(context, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const ticker = setInterval(engine.tick, options.tickMs ?? 250);
  ticker.unref();
  // Occurrences that fell due while no server ran go out now.
  setImmediate(engine.tick);

  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    clock: {
      now: () => new Date(engine.now()),
      advance: (ms) => engine.advance(ms),
      set: (date) => engine.setNow(date.getTime()),
    },
    firings: engine.firings,
    deadLetters: engine.deadLetters,
    pending: engine.deliveries,
    schedules: engine.all,
    settle: engine.settle,
    faults: faults.control,
    async stop() {
      clearInterval(ticker);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await engine.stop();
    },
  };
}
