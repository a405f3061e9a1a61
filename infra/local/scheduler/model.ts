/**
 * What the local Scheduler keeps: schedules as the API returns them, the
 * invocations still to be delivered, and what it fired or gave up on.
 * Everything here is plain JSON, so it persists as written.
 */

export type ScheduleState = 'ENABLED' | 'DISABLED';
export type ActionAfterCompletion = 'NONE' | 'DELETE';

export interface RetryPolicy {
  readonly MaximumRetryAttempts: number;
  readonly MaximumEventAgeInSeconds: number;
}

/** A schedule's Target in the API's shape (other target kinds pass as is). */
export interface Target {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly RetryPolicy: RetryPolicy;
  readonly [other: string]: unknown;
}

export interface FlexibleTimeWindow {
  readonly Mode: 'OFF' | 'FLEXIBLE';
  readonly MaximumWindowInMinutes?: number;
}

/** The writable part of a schedule: what Create and Update set. */
export interface ScheduleSettings {
  readonly expression: string;
  /** As written; evaluation uses UTC when it is absent. */
  readonly timeZone?: string;
  readonly state: ScheduleState;
  readonly description?: string;
  /** Epoch milliseconds. */
  readonly startDate?: number;
  readonly endDate?: number;
  readonly kmsKeyArn?: string;
  readonly flexibleTimeWindow: FlexibleTimeWindow;
  readonly target: Target;
  readonly actionAfterCompletion: ActionAfterCompletion;
}

export interface StoredSchedule extends ScheduleSettings {
  /** Distinguishes a re-created schedule from the one deleted before it. */
  readonly id: string;
  readonly name: string;
  readonly groupName: string;
  readonly arn: string;
  readonly clientToken?: string;
  readonly creationDate: number;
  readonly lastModificationDate: number;
  /** When a rate with no StartDate counts from (creation or last update). */
  readonly rateAnchor: number;
  /** The next occurrence not yet handed to delivery; null when none. */
  readonly nextDue: number | null;
}

/** One occurrence on its way to the target, retried until it lands. */
export interface Delivery {
  readonly id: string;
  readonly scheduleId: string;
  readonly scheduleArn: string;
  readonly scheduleName: string;
  readonly groupName: string;
  /** The occurrence (`<aws.scheduler.scheduled-time>`), epoch ms. */
  readonly scheduledTime: number;
  readonly target: Target;
  /** Attempts made so far. */
  readonly attempts: number;
  /** The (local) time of the next attempt, epoch ms. */
  readonly dueAt: number;
  /** Orders deliveries due at the same time. */
  readonly sequence: number;
}

/** One attempt to invoke a target, as `GET /_local/fired` lists it. */
export interface Firing {
  readonly scheduleArn: string;
  readonly scheduleName: string;
  readonly groupName: string;
  readonly targetArn: string;
  /** The Input the target got, context attributes filled in. */
  readonly input: string | undefined;
  readonly scheduledTime: string;
  readonly firedAt: string;
  readonly attempt: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** An occurrence whose every attempt failed (AWS: the DLQ message). */
export interface DeadLetter {
  readonly scheduleArn: string;
  readonly scheduleName: string;
  readonly groupName: string;
  readonly targetArn: string;
  /** Where AWS would have sent it (Target.DeadLetterConfig.Arn). */
  readonly deadLetterArn?: string;
  readonly input: string | undefined;
  readonly scheduledTime: string;
  readonly attempts: number;
  readonly error: string;
  readonly recordedAt: string;
}

/** The contents of `<dataDir>/scheduler.json`. */
export interface PersistedState {
  readonly version: 1;
  /** Local clock minus real clock, so a moved clock survives a restart. */
  readonly clockOffsetMs: number;
  readonly schedules: readonly StoredSchedule[];
  readonly deliveries: readonly Delivery[];
  readonly deadLetters: readonly DeadLetter[];
}
