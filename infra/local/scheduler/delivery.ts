/**
 * The rules of delivering one occurrence, pure: what Input the target gets
 * and when (or whether) a failed attempt is tried again.
 */
import type { Delivery } from './model.js';

/** AWS's form of a scheduled time: ISO 8601 without milliseconds. */
export function awsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AttemptContext {
  readonly scheduleArn: string;
  /** Epoch ms of the occurrence. */
  readonly scheduledTime: number;
  readonly executionId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

const CONTEXT_ATTRIBUTES =
  /<aws\.scheduler\.(schedule-arn|scheduled-time|execution-id|attempt-number)>/g;

/**
 * Target.Input with Scheduler's context attributes filled in, as AWS does
 * on every invocation; everything else is passed exactly as written.
 *
 * @example
 * fillContextAttributes('{"due":"<aws.scheduler.scheduled-time>"}', context);
 * // '{"due":"2027-07-01T06:00:00Z"}'
 */
export function fillContextAttributes(
  input: string | undefined,
  context: AttemptContext,
): string | undefined {
  return input?.replace(CONTEXT_ATTRIBUTES, (_, name: string) => {
    switch (name) {
      case 'schedule-arn':
        return context.scheduleArn;
      case 'scheduled-time':
        return awsTime(context.scheduledTime);
      case 'execution-id':
        return context.executionId;
      default:
        return String(context.attempt);
    }
  });
}

export interface Backoff {
  /** Delay before the first retry; doubles for each one after. */
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * When to try a delivery again after its `attempts`-th attempt failed, or
 * undefined when its RetryPolicy is spent (retries or event age).
 *
 * Delays count from when the failed attempt was due, not when it ran, so a
 * clock jump replays the retries AWS would have made during it.
 *
 * @example
 * nextAttemptAt(delivery, 1, { baseMs: 1000, maxMs: 60_000 }); // dueAt + 1 s
 */
export function nextAttemptAt(
  delivery: Delivery,
  attempts: number,
  backoff: Backoff,
): number | undefined {
  const policy = delivery.target.RetryPolicy;
  if (attempts > policy.MaximumRetryAttempts) return undefined;
  const delay = Math.min(backoff.baseMs * 2 ** (attempts - 1), backoff.maxMs);
  const dueAt = delivery.dueAt + delay;
  const age = dueAt - delivery.scheduledTime;
  return age > policy.MaximumEventAgeInSeconds * 1000 ? undefined : dueAt;
}
