/**
 * EventBridge Scheduler's three schedule expressions, pure: `at()` (once),
 * `rate()` and `cron()` (recurring), evaluated in the schedule's time zone.
 *
 * Daylight saving follows AWS's documented rules: a cron time that does not
 * exist (the spring-forward hour) is skipped, one that happens twice (the
 * autumn hour) runs once; `rate()` counts real durations, so `rate(1 day)`
 * is 24 hours whatever the clocks do.
 */
import { nextCronWallTime, type ParsedCron, parseCron } from './cron.js';
import {
  instantAtWallTime,
  instantsAtWallTime,
  isTimeZone,
  wallTimeAt,
} from './zoned-time.js';

export type ScheduleExpression =
  | {
      readonly kind: 'at';
      /** The written date-time as wall time in the schedule's zone. */
      readonly wall: number;
    }
  | { readonly kind: 'rate'; readonly everyMs: number }
  | { readonly kind: 'cron'; readonly cron: ParsedCron };

export type ExpressionCheck =
  | { readonly ok: true; readonly expression: ScheduleExpression }
  | { readonly ok: false; readonly reason: string };

const unitMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Parses a ScheduleExpression, or says why AWS would reject it.
 *
 * @example
 * parseExpression('at(2026-07-01T07:00:00)');
 * parseExpression('rate(5 minutes)');
 * parseExpression('cron(0 7 ? * MON-FRI *)');
 */
export function parseExpression(text: string): ExpressionCheck {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(
    text,
  );
  if (at) return parseAt(at.slice(1).map(Number));
  if (text.startsWith('at(')) {
    return { ok: false, reason: 'at() takes yyyy-mm-ddThh:mm:ss' };
  }
  if (text.startsWith('rate(')) return parseRate(text);
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) {
    const checked = parseCron(cron[1] ?? '');
    return checked.ok
      ? { ok: true, expression: { kind: 'cron', cron: checked.cron } }
      : checked;
  }
  return {
    ok: false,
    reason:
      'expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)',
  };
}

function parseAt(parts: number[]): ExpressionCheck {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] =
    parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  const exists =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  return exists
    ? { ok: true, expression: { kind: 'at', wall } }
    : { ok: false, reason: 'at() names a date or time that does not exist' };
}

function parseRate(text: string): ExpressionCheck {
  const m = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(text);
  if (!m) {
    return {
      ok: false,
      reason:
        'rate() takes a positive whole number and minute(s), hour(s) or day(s)',
    };
  }
  const value = Number(m[1]);
  const unit = m[2] as keyof typeof unitMs;
  if (!Number.isSafeInteger(value) || value < 1) {
    return { ok: false, reason: 'rate() value must be a positive integer' };
  }
  // As EventBridge has it: rate(1 minute) but rate(5 minutes).
  const plural = m[3] === 's';
  if (plural !== value > 1) {
    return {
      ok: false,
      reason: `rate() unit must be '${unit}' for 1 and '${unit}s' for more`,
    };
  }
  return {
    ok: true,
    expression: { kind: 'rate', everyMs: value * unitMs[unit] },
  };
}

/** Whether a ScheduleExpressionTimezone is a zone AWS (and Intl) knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return isTimeZone(timeZone);
}

export interface OccurrenceWindow {
  /** IANA zone the expression is written in; UTC when omitted. */
  readonly timeZone?: string;
  /** No occurrence before this instant (ignored by `at()`, as in AWS). */
  readonly startDate?: number;
  /** No occurrence at or after this instant (ignored by `at()`). */
  readonly endDate?: number;
  /** When a rate with no start date starts: the schedule's creation. */
  readonly rateAnchor: number;
}

/**
 * The first occurrence strictly after `after` (epoch ms), or null when the
 * schedule has no more.
 *
 * @example
 * // 07:00 London on 1 July 2026 is 06:00 UTC (BST).
 * nextOccurrence(at, Date.UTC(2026, 0, 1), {
 *   timeZone: 'Europe/London',
 *   rateAnchor: 0,
 * }); // Date.UTC(2026, 6, 1, 6)
 */
export function nextOccurrence(
  expression: ScheduleExpression,
  after: number,
  window: OccurrenceWindow,
): number | null {
  const timeZone = window.timeZone ?? 'UTC';
  if (expression.kind === 'at') {
    const at = instantAtWallTime(expression.wall, timeZone);
    return at > after ? at : null;
  }
  const from =
    window.startDate === undefined
      ? after
      : Math.max(after, window.startDate - 1);
  const next =
    expression.kind === 'rate'
      ? nextRate(
          expression.everyMs,
          window.startDate ?? window.rateAnchor,
          from,
        )
      : nextCron(expression.cron, from, timeZone);
  if (next === null) return null;
  return window.endDate !== undefined && next >= window.endDate ? null : next;
}

function nextRate(everyMs: number, first: number, after: number): number {
  if (after < first) return first;
  return first + (Math.floor((after - first) / everyMs) + 1) * everyMs;
}

/** Gaps and overlaps are rare; this bounds the search past a run of them. */
const MAX_SKIPPED = 1000;

function nextCron(
  cron: ParsedCron,
  after: number,
  timeZone: string,
): number | null {
  let cursor = wallTimeAt(after, timeZone);
  for (let i = 0; i < MAX_SKIPPED; i += 1) {
    const wall = nextCronWallTime(cron, cursor);
    if (wall === null) return null;
    // No instant: the spring-forward gap, skipped. Two: the autumn overlap,
    // run once, at the earlier.
    const [first] = instantsAtWallTime(wall, timeZone);
    if (first !== undefined && first > after) return first;
    cursor = wall;
  }
  return null;
}
