/**
 * Wall-clock time in an IANA time zone, via Intl (Node ships full ICU).
 *
 * A "wall time" here is a number of milliseconds whose UTC fields read as
 * the clock on the wall in the zone: 07:00 in Europe/London is
 * `Date.UTC(y, m, d, 7)` whatever the offset. Cron and `at()` are written in
 * wall time; firing happens at instants; these functions convert between.
 */

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Intl knows the IANA zone name (e.g. `Europe/London`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time in `timeZone` at `instant` (both in epoch milliseconds). */
export function wallTimeAt(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wholeSeconds = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  // Intl drops milliseconds; zone offsets are whole seconds, so add them back.
  return wholeSeconds + (((instant % 1000) + 1000) % 1000);
}

/**
 * Every instant at which the wall clock in `timeZone` reads `wall`, earliest
 * first: none in a spring-forward gap, two in an autumn overlap, else one.
 */
export function instantsAtWallTime(wall: number, timeZone: string): number[] {
  // The offsets either side of `wall` cover any one transition near it.
  const offsets = new Set(
    [wall - DAY_MS, wall + DAY_MS].map(
      (probe) => wallTimeAt(probe, timeZone) - probe,
    ),
  );
  return [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => wallTimeAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
}

/**
 * The instant a wall time names, resolved as Temporal's `compatible` does:
 * the earlier instant in an overlap, and in a gap the time the clock would
 * show had it not jumped (01:30 on a spring-forward night is 02:30 summer
 * time).
 */
export function instantAtWallTime(wall: number, timeZone: string): number {
  const [earliest] = instantsAtWallTime(wall, timeZone);
  if (earliest !== undefined) return earliest;
  const offsetBefore = wallTimeAt(wall - DAY_MS, timeZone) - (wall - DAY_MS);
  return wall - offsetBefore;
}
